"""The real app on a tmp data dir with a small pack, and a clock the tests move by hand."""

from __future__ import annotations

import textwrap

import pytest

from tests.quiz.conftest import FakeClock

PACK_YAML = textwrap.dedent(
    """
    id: quiz-test
    title: Quiz test
    topics:
      - {id: basics, title: Basics}
      - {id: optim, title: Optimizers}
    questions:
      - id: q-mcq
        kind: mcq
        topics: [basics]
        prompt: "[bold]2 + 2[/bold]?"
        choices: ["3", "4", "5"]
        answer: b
        explanation: Two and two make four.
      - id: q-multi
        kind: multi
        topics: [basics]
        prompt: Which are even?
        choices: ["2", "3", "4"]
        answers: [a, c]
        explanation: 2 and 4.
      - id: q-typed
        kind: typed
        topics: [optim]
        prompt: Which optimizer keeps two moment estimates?
        answers: [Adam]
        explanation: m and v.
      - id: q-numeric
        kind: numeric
        topics: [optim]
        prompt: What is the sigmoid's derivative at 0?
        value: 0.25
        tolerance: 0.01
        explanation: 0.5 × 0.5.
      - id: q-card
        kind: flashcard
        topics: [basics, optim]
        front: What does dropout do?
        back: Zeroes units at random.
        explanation: Survivors are scaled by 1/(1−p).
    """
)

RIGHT_KEYS = {
    "q-mcq": ["b"],
    "q-multi": ["a", "c", "enter"],
    "q-typed": [*"adam", "enter"],
    "q-numeric": [*"0.25", "enter"],
    "q-card": ["space", "y"],
}
WRONG_KEYS = {
    "q-mcq": ["a"],
    "q-multi": ["b", "enter"],
    "q-typed": [*"sgd", "enter"],
    "q-numeric": [*"0.5", "enter"],
    "q-card": ["space", "n"],
}
ALL_IDS = tuple(RIGHT_KEYS)


@pytest.fixture
def pack_dir(tmp_path):
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "quiz-test.yaml").write_text(PACK_YAML, encoding="utf-8")
    return folder


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_app(tmp_path, pack_dir):
    from studyapp.ui.app import StudyApp

    def make(**kwargs):
        return StudyApp(data_dir=tmp_path / "data", pack_dirs=(pack_dir,), **kwargs)

    return make
