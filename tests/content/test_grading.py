import pytest

from studyapp.content import model
from studyapp.content.grading import grade, normalize_text, numeric_matches, parse_number
from studyapp.errors import StudyAppError


def _numeric(**kwargs):
    return model.Numeric(id="n", prompt="?", **kwargs)


def test_normalize_text():
    assert normalize_text("  Rectified   LINEAR unit. ") == "rectified linear unit"
    assert normalize_text("ReLU", case_sensitive=True) == "ReLU"
    assert normalize_text("ｆｕｌｌ-width") == "full-width"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0.25", 0.25),
        ("-2", -2.0),
        (".5", 0.5),
        ("1e-3", 0.001),
        ("25%", 0.25),
        ("1,000", 1000.0),
        ("−1", -1.0),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


def test_parse_number_rejects_garbage_and_strips_unit():
    with pytest.raises(StudyAppError):
        parse_number("about five")
    assert parse_number("3.5 ms", unit="ms") == 3.5


def test_numeric_tolerances():
    assert grade(_numeric(value=0.25, tolerance=0.01), "0.259")
    assert not grade(_numeric(value=0.25, tolerance=0.01), "0.261")
    assert grade(_numeric(value=200.0, rel_tolerance=0.05), "209")
    assert not grade(_numeric(value=200.0, rel_tolerance=0.05), "211")
    assert grade(_numeric(value=0.1), "0.1") and not grade(_numeric(value=0.1), "0.1001")
    assert not grade(_numeric(value=1.0), "nan") and not grade(_numeric(value=1.0), "one")
    assert not numeric_matches(float("inf"), 1.0, None, 1.0)


def test_choices_typed_and_flashcards():
    mcq = model.MultipleChoice(id="m", prompt="?", choices=("x", "y", "z"), correct=1)
    assert grade(mcq, "b") and grade(mcq, 1) and not grade(mcq, "a")
    multi = model.MultiSelect(id="s", prompt="?", choices=("x", "y", "z"), correct=frozenset({0, 2}))
    assert grade(multi, {"a", "c"}) and not grade(multi, {"a"}) and not grade(multi, {"a", "b", "c"})
    typed = model.Typed(id="t", prompt="?", answers=("ReLU", "rectified linear unit"))
    assert grade(typed, "relu") and grade(typed, "Rectified linear unit.") and not grade(typed, "tanh")
    card = model.Flashcard(id="f", front="?", back="!")
    assert grade(card, True) and not grade(card, False)
