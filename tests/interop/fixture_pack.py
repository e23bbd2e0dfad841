"""A small pack with every question kind, built directly from the content model."""

from __future__ import annotations

from studyapp.content.model import (
    Flashcard,
    Generated,
    LabLink,
    MultipleChoice,
    MultiSelect,
    Numeric,
    Pack,
    ParamSpec,
    Reference,
    Topic,
    Typed,
)


def fixture_pack() -> Pack:
    return Pack(
        id="fixture-dl",
        title="Fixture DL",
        description="Every kind once.",
        version="1.0.0",
        authors=("Tester",),
        license="CC-BY-4.0",
        references=(Reference("Goodfellow", "https://www.deeplearningbook.org"),),
        topics=(Topic("dropout", "Dropout"), Topic("activations", "Activations")),
        questions=(
            Flashcard(
                id="dropout-what",
                topics=("dropout",),
                front="What does **dropout** do <b>during</b> training?",
                back="Each unit is zeroed with probability p;\nsurvivors are scaled by 1/(1−p).",
                explanation="Expected activation stays the same.",
                lab=LabLink("dropout", {"p": 0.5}),
            ),
            MultipleChoice(
                id="sigmoid-max",
                topics=("activations",),
                difficulty="easy",
                prompt="Largest value of σ'?",
                choices=("1", "0.5", "0.25"),
                correct=2,
                explanation="σ'(0) = 0.25.",
                references=(Reference("Wiki", "https://en.wikipedia.org/wiki/Sigmoid_function"),),
            ),
            MultiSelect(
                id="relu-like",
                topics=("activations",),
                prompt="Which are ReLU variants?",
                choices=("Leaky ReLU", "tanh", "GELU"),
                correct=frozenset({0, 2}),
            ),
            Typed(
                id="adam-name",
                topics=("activations",),
                prompt="Adam stands for?",
                answers=("adaptive moment",),
            ),
            Numeric(
                id="ema-horizon",
                topics=("dropout",),
                difficulty="hard",
                prompt="EMA horizon for β = 0.9?",
                value=10.0,
                tolerance=0.5,
                unit="steps",
            ),
            Generated(
                id="gen-sigmoid",
                topics=("activations",),
                prompt="σ'(x) at x = {x}?",
                params=(ParamSpec("x", "uniform", low=-4.0, high=4.0, decimals=1),),
                compute="sigmoid_derivative",
                tolerance=0.001,
            ),
        ),
    )
