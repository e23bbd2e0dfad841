"""Grading answers: normalized text comparison, number parsing with tolerances, choice matching.

Flashcards are self-graded: `grade(flashcard, knew_it: bool)` returns that bool.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable

from studyapp.content import model
from studyapp.errors import StudyAppError

DEFAULT_REL_TOLERANCE = 1e-9
_TRAILING_PUNCTUATION = ".,;:!?"
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def normalize_text(text: str, case_sensitive: bool = False) -> str:
    """NFKC, case-folded (unless case-sensitive), whitespace collapsed, trailing . , ; : ! ? cut."""
    text = " ".join(unicodedata.normalize("NFKC", text).split()).rstrip(_TRAILING_PUNCTUATION).strip()
    return text if case_sensitive else text.casefold()


def parse_number(text: str | float, unit: str = "") -> float:
    """A number from user input: `0.25`, `-2`, `.5`, `1e-3`, `1,000`, or `25%` (= 0.25).

    A trailing `unit` (the question's) is ignored. Raises StudyAppError when it is not a number.
    """
    if isinstance(text, int | float) and not isinstance(text, bool):
        return float(text)
    cleaned = unicodedata.normalize("NFKC", str(text)).strip().replace("−", "-").replace(",", "")
    if unit and cleaned.endswith(unit):
        cleaned = cleaned[: -len(unit)].strip()
    scale = 1.0
    if cleaned.endswith("%"):
        cleaned, scale = cleaned[:-1].strip(), 0.01
    if not _NUMBER.match(cleaned):
        raise StudyAppError(f"{str(text).strip()!r} is not a number")
    return float(cleaned) * scale


def choice_index(response: int | str) -> int:
    """A choice given as a 0-based index or as its letter ('a' → 0)."""
    if isinstance(response, int):
        return response
    letter = response.strip().lower()
    if len(letter) != 1 or not letter.isalpha():
        raise StudyAppError(f"{response!r} is not a choice letter")
    return ord(letter) - ord("a")


def numeric_matches(
    value: float, expected: float, tolerance: float | None, rel_tolerance: float | None
) -> bool:
    """|value − expected| ≤ tolerance, or ≤ rel_tolerance·|expected| (default relative 1e-9)."""
    if not math.isfinite(value):
        return False
    error = abs(value - expected)
    if tolerance is not None:
        return error <= tolerance
    rel = DEFAULT_REL_TOLERANCE if rel_tolerance is None else rel_tolerance
    return error <= rel * abs(expected) or error <= 1e-12


def grade(question: model.Question, response: object) -> bool:
    """Whether `response` answers `question` correctly (see the module docstring for flashcards)."""
    if isinstance(question, model.Flashcard):
        return bool(response)
    if isinstance(question, model.MultipleChoice):
        return choice_index(response) == question.correct  # type: ignore[arg-type]
    if isinstance(question, model.MultiSelect):
        picked = {choice_index(r) for r in response} if isinstance(response, Iterable) else set()  # type: ignore[union-attr]
        return picked == set(question.correct)
    if isinstance(question, model.Typed):
        given = normalize_text(str(response), question.case_sensitive)
        return any(given == normalize_text(a, question.case_sensitive) for a in question.answers)
    if isinstance(question, model.Numeric):
        try:
            value = parse_number(response, question.unit)  # type: ignore[arg-type]
        except StudyAppError:
            return False
        return numeric_matches(value, question.value, question.tolerance, question.rel_tolerance)
    raise TypeError(f"cannot grade a {question.kind} question directly; instantiate it first")
