"""The one seam for generated questions: a template becomes a concrete question with fixed numbers.

`load_instantiate()` returns `studyapp.generated.instantiate(question, seed)` when that module exists,
else None — the quiz then leaves generated questions out and says so.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

from studyapp.content.model import Generated, Pack, Question
from studyapp.errors import StudyAppError

Instantiate = Callable[[Generated, int], Question]


def load_instantiate() -> Instantiate | None:
    try:
        from studyapp.generated import instantiate
    except ImportError:
        return None
    return instantiate


def instantiate_at(instantiate: Instantiate, pack: Pack, question: Generated, seed: int) -> Question:
    """`instantiate(question, seed)`; a failure (a StudyAppError) also says where the question is written,
    as `file:line: ` (`Pack.where`)."""
    try:
        return instantiate(question, seed)
    except StudyAppError as exc:
        raise StudyAppError(f"{pack.where(question)}: {exc}") from exc


def instance_seed(quiz_seed: int, question_id: str) -> int:
    """A stable per-question seed, so retrying a mistake shows the same numbers: crc32("seed:id")."""
    return zlib.crc32(f"{quiz_seed}:{question_id}".encode())


def worked_solution(instance: Question) -> str:
    """The step-by-step solution a generated instance carries ("" for ordinary questions)."""
    return getattr(instance, "solution", "") or ""
