"""A generated question from a pack file all the way to a graded quiz answer."""

import math

from studyapp.content.loader import load_pack
from studyapp.quiz.options import QuizOptions
from studyapp.quiz.session import QuizSession

PACK = """\
id: gen-demo
title: Generated demo
topics:
  - {id: activation-functions, title: Activations}
questions:
  - id: gen-sigmoid-derivative
    kind: generated
    topics: [activation-functions]
    prompt: What is σ'(x) at x = {x}? (3 decimals)
    params:
      x: {uniform: [-4, 4], decimals: 1}
    compute: sigmoid_derivative
    tolerance: 0.001
    lab: {name: activation-functions, set: {x_min: -6}}
"""


def test_pack_question_is_instantiated_and_graded_in_a_quiz(tmp_path):
    path = tmp_path / "gen.yaml"
    path.write_text(PACK, encoding="utf-8")
    pack = load_pack(path)
    options = QuizOptions("gen-demo", count=1, seed=42)
    session = QuizSession.start(pack, options, clock=lambda: 0.0)
    item = session.current
    x = item.question.params["x"]
    s = 1 / (1 + math.exp(-x))
    assert item.question.prompt == f"What is σ'(x) at x = {x:.1f}? (3 decimals)"
    assert item.solution == item.question.solution and "σ(1 − σ)" in item.solution
    assert item.question.lab.settings == {"x_min": -6, "function": "sigmoid"}
    assert session.answer(f"{s * (1 - s):.3f}").correct
