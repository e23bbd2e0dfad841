"""A small hand-made pack with every kind, and a clock the tests move by hand."""

from __future__ import annotations

import pytest

from studyapp.content.model import (
    Flashcard,
    Generated,
    MultipleChoice,
    MultiSelect,
    Numeric,
    Pack,
    ParamSpec,
    Topic,
    Typed,
)


class FakeClock:
    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def make_pack() -> Pack:
    return Pack(
        id="mini",
        title="Mini",
        topics=(Topic("basics", "Basics"), Topic("optim", "Optimizers")),
        questions=(
            MultipleChoice(
                id="mcq-sum",
                topics=("basics",),
                prompt="2 + 2?",
                choices=("3", "4", "5"),
                correct=1,
                explanation="Two and two make four.",
            ),
            MultiSelect(
                id="multi-even",
                topics=("basics",),
                prompt="Which are even?",
                choices=("2", "3", "4", "5"),
                correct=frozenset({0, 2}),
                explanation="2 and 4 divide by 2.",
            ),
            Typed(
                id="typed-adam",
                topics=("optim",),
                prompt="Name the optimizer with m̂ and v̂.",
                answers=("Adam",),
                explanation="Adam keeps both moments.",
            ),
            Numeric(
                id="numeric-quarter",
                topics=("optim",),
                prompt="σ'(0)?",
                value=0.25,
                tolerance=0.01,
                explanation="σ(0)(1 − σ(0)) = 0.25.",
            ),
            Flashcard(
                id="card-dropout",
                topics=("basics", "optim"),
                front="Dropout?",
                back="Zero units.",
                explanation="Scaled by 1/(1−p).",
            ),
            Generated(
                id="gen-double",
                topics=("optim",),
                prompt="Double {x}?",
                params=(ParamSpec("x", "randint", 1, 9),),
                compute="double",
                tolerance=0.0,
            ),
        ),
    )


def fake_instantiate(question: Generated, seed: int) -> Numeric:
    """Stands in for studyapp.generated: x = seed mod 10, answer 2x, with a worked solution."""
    x = seed % 10
    instance = Numeric(
        id=question.id, topics=question.topics, prompt=f"Double {x}?", value=2 * x, tolerance=0.0
    )
    object.__setattr__(instance, "solution", f"2 × {x} = {2 * x}")
    return instance


@pytest.fixture
def pack() -> Pack:
    return make_pack()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
