import textwrap
from pathlib import Path

import pytest

GOOD_PACK = """\
id: demo
title: Demo pack
version: "1.0"
topics:
  - {id: basics, title: Basics}
questions:
  - id: card
    kind: flashcard
    topics: [basics]
    front: What is 2+2?
    back: "4"
    explanation: Arithmetic.
    lab: {name: dropout, set: {p: 0.25}}
  - id: pick
    kind: mcq
    topics: [basics]
    prompt: Pick c
    choices: [x, y, z]
    answer: c
  - id: many
    kind: multi
    topics: [basics]
    prompt: Pick a and c
    choices: [x, y, z]
    answers: [a, c]
  - id: word
    kind: typed
    topics: [basics]
    prompt: Name the function
    answers: [ReLU, rectified linear unit]
  - id: number
    kind: numeric
    topics: [basics]
    prompt: sigma'(0)?
    value: 0.25
    tolerance: 0.001
  - id: gen
    kind: generated
    topics: [basics]
    prompt: x = {x}
    params:
      x: {uniform: [-2, 2], decimals: 1}
      n: {randint: [1, 3]}
      act: {choice: [sigmoid, tanh]}
    compute: sigmoid_derivative
    rel_tolerance: 0.01
"""


@pytest.fixture
def write_pack(tmp_path):
    def write(text: str, name: str = "pack.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write
