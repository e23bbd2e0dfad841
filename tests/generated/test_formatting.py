"""Numbers as text in prompts and worked solutions."""

import pytest

from studyapp.generated.formatting import approx, fill_prompt, parenthesize_negatives, result, shown


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (0.5, 2, "0.50"),
        (3, None, "3"),
        (2.0, None, "2"),
        (0.000735, None, "0.000735"),
        ("relu", None, "relu"),
    ],
)
def test_shown(value, decimals, text):
    assert shown(value, decimals) == text


def test_shown_falls_back_when_a_clamped_value_has_more_places_than_decimals():
    assert shown(0.999, 2) == "0.999"


def test_intermediate_and_final_numbers():
    assert (approx(5.0), approx(0.2), approx(1234.0)) == ("5.000", "0.2000", "1234")
    assert (result(0.25), result(1.0), result(0.10499358540350662)) == ("0.25", "1", "0.104994")


@pytest.mark.parametrize(
    ("text", "tidy"),
    [
        ("2 − -3 = 5", "2 − (-3) = 5"),
        ("0.1 × -3.5e-05 + -1", "0.1 × (-3.5e-05) + (-1)"),
        ("4/-2 = -2", "4/(-2) = -2"),
        ("σ(-3) = 0.04743", "σ(-3) = 0.04743"),
    ],
)
def test_negative_operands_get_parentheses(text, tidy):
    assert parenthesize_negatives(text) == tidy


def test_fill_prompt_replaces_known_names_only():
    assert fill_prompt("x={x} y={y} {x.real} {0}", {"x": "1.5"}) == "x=1.5 y={y} {x.real} {0}"
