"""An isolated data dir and bundled-packs folder for CLI tests, and a `cli(...)` runner."""

from __future__ import annotations

from pathlib import Path

import pytest

USER_PACK = """\
# a user pack: this comment must survive `pack add`
id: my-pack
title: My pack
version: "2"
authors: [Ada]
topics:
  - {id: dropout, title: Dropout}
  - {id: activation-functions, title: Activations}
questions:
  - id: card
    kind: flashcard
    topics: [dropout]
    front: "[bold]What[/bold] does dropout do?"
    back: Zeroes units with probability p.
    lab: {name: dropout, set: {p: 0.25}}
  - id: pick
    kind: mcq
    topics: [activation-functions]
    difficulty: easy
    prompt: Largest value of the sigmoid's derivative?
    choices: ["1", "0.5", "0.25"]
    answer: c
    explanation: σ'(0) = 0.25.
  - id: many
    kind: multi
    topics: [activation-functions]
    prompt: Which can be negative?
    choices: [tanh, sigmoid, GELU]
    answers: [a, c]
  - id: word
    kind: typed
    topics: [activation-functions]
    prompt: Name max(0, x).
    answers: [ReLU]
  - id: number
    kind: numeric
    topics: [dropout]
    prompt: Scale for p = 0.5?
    value: 2
    tolerance: 0.01
    unit: x
  - id: gen
    kind: generated
    topics: [activation-functions]
    prompt: "σ'(x) at x = {x}?"
    params:
      x: {uniform: [-3, 3], decimals: 2}
    compute: sigmoid_derivative
    tolerance: 0.001
"""

BUNDLED_PACK = """\
id: bundled-demo
title: Bundled demo
topics: [{id: basics, title: Basics}]
questions:
  - {id: one, kind: flashcard, topics: [basics], front: Front, back: Back}
"""


@pytest.fixture(autouse=True)
def bundled_dir(tmp_path, monkeypatch) -> Path:
    """Bundled packs come from a temp folder holding only `bundled-demo`."""
    folder = tmp_path / "bundled"
    folder.mkdir()
    (folder / "bundled-demo.yaml").write_text(BUNDLED_PACK, encoding="utf-8")
    monkeypatch.setattr("studyapp.content.library.bundled_content_dir", lambda: folder)
    return folder


@pytest.fixture
def user_pack_file(tmp_path) -> Path:
    path = tmp_path / "src" / "my-pack-source.yaml"
    path.parent.mkdir()
    path.write_text(USER_PACK, encoding="utf-8")
    return path
