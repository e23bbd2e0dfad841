"""A new pack's starting point: a commented YAML file with one question of every kind that validates as
it is, and the JSON Schema file its first-line modeline points editors at."""

from __future__ import annotations

import json

from studyapp.content.schema import json_schema

SCHEMA_FILE_NAME = "pack-schema.json"

_BODY = """\
# A studyapp question pack (format 1). Full reference: docs/pack-format.md.
# Check it with `studyapp pack validate {id}.yaml`, install it with `studyapp pack add {id}.yaml`.
# Text fields are Markdown shown literally; write formulas in plain Unicode (θ ← θ − η·∇L).

id: "{id}"  # lowercase letters, digits and '-'; progress is kept per (pack id, question id)
title: {title}
description: What this pack covers, in one paragraph.
version: "0.1.0"
authors: [Your Name]
license: CC-BY-4.0
references:
  - {{title: "Deep Learning (Goodfellow, Bengio, Courville)", url: "https://www.deeplearningbook.org"}}

# Every question lists one or more of these topic ids.
topics:
  - {{id: activation-functions, title: Activation functions}}
  - {{id: dropout, title: Dropout}}

questions:
  # flashcard: a front and a back; rated from memory.
  - id: dropout-what
    kind: flashcard
    topics: [dropout]
    difficulty: easy  # easy, medium (default) or hard
    front: What does dropout do during training?
    back: |
      Each unit is zeroed with probability p; the survivors are scaled by 1/(1−p).
    explanation: The scaling keeps the expected activation unchanged, so evaluation needs no rescaling.
    lab: {{name: dropout, set: {{p: 0.5}}}}  # `l` opens this lab with these settings

  # mcq: exactly one correct choice, given by its letter (a, b, c, ...).
  - id: sigmoid-max-derivative
    kind: mcq
    topics: [activation-functions]
    prompt: What is the largest value of the sigmoid's derivative?
    choices: ["1", "0.5", "0.25", "0.1"]
    answer: c
    explanation: σ'(x) = σ(x)(1 − σ(x)) peaks at x = 0, where σ = 0.5.

  # multi: several correct choices; all of them must be picked.
  - id: negative-outputs
    kind: multi
    topics: [activation-functions]
    prompt: Which activations can output negative values?
    choices: [tanh, sigmoid, ReLU, GELU, Leaky ReLU]
    answers: [a, d, e]
    explanation: GELU dips to about −0.17 near x = −0.75; sigmoid and ReLU are never negative.

  # typed: a short text answer; case, extra spaces and trailing punctuation are ignored.
  - id: dropout-eval-mode
    kind: typed
    topics: [dropout]
    prompt: Which PyTorch method switches dropout off for evaluation (name only)?
    answers: [eval, model.eval, "model.eval()"]

  # numeric: a number, with an absolute `tolerance` or a relative `rel_tolerance` (not both).
  - id: dropout-scale
    kind: numeric
    topics: [dropout]
    prompt: With p = 0.2, by what factor are the kept activations scaled during training?
    value: 1.25
    tolerance: 0.001

  # generated: parameters drawn per attempt, answer computed by a registered computation
  # (`studyapp pack computations` lists them and the parameters each takes).
  - id: sigmoid-derivative-at-x
    kind: generated
    topics: [activation-functions]
    prompt: What is σ'(x) at x = {{x}}? (3 decimals)
    params:
      x: {{uniform: [-4, 4], decimals: 1}}  # also loguniform, randint and choice
    compute: sigmoid_derivative
    tolerance: 0.001
    lab: {{name: activation-functions}}
"""


def scaffold_text(pack_id: str, schema_uri: str) -> str:
    """The commented example pack for `pack_id`, its first line pointing editors at `schema_uri`."""
    title = json.dumps(pack_id.replace("-", " ").capitalize(), ensure_ascii=False)
    return f"# yaml-language-server: $schema={schema_uri}\n" + _BODY.format(id=pack_id, title=title)


def schema_text() -> str:
    """The pack JSON Schema as indented JSON text."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
