"""What a quiz is made of: the pack, how many questions, the clocks, filters and the seed."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, replace
from typing import Any

from studyapp.errors import StudyAppError

DEFAULT_COUNT = 10


@dataclass(frozen=True)
class QuizOptions:
    """The settings of one quiz; plain data, saved with each attempt as JSON.

    `total_seconds` ends the whole quiz; `per_question_seconds` moves on from a question by itself.
    `topics` / `kinds` keep questions with any listed topic / one of the listed kinds (empty: all).
    `seed` fixes which questions are drawn and every generated instance (None: drawn at start).
    `question_ids`, when given, picks exactly those questions in that order (retrying mistakes).
    """

    pack_id: str
    count: int = DEFAULT_COUNT
    total_seconds: float | None = None
    per_question_seconds: float | None = None
    topics: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    seed: int | None = None
    question_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.count < 1:
            raise StudyAppError(f"invalid question count {self.count}: it must be at least 1")
        for name in ("total_seconds", "per_question_seconds"):
            limit = getattr(self, name)
            if limit is not None and not (math.isfinite(limit) and limit > 0):
                raise StudyAppError(f"invalid time limit {limit}: it must be more than 0 seconds")

    @property
    def timed(self) -> bool:
        return self.total_seconds is not None or self.per_question_seconds is not None

    def retry(self, question_ids: tuple[str, ...], asked: int) -> QuizOptions:
        """A quiz over `question_ids` only: same seed and per-question limit, total limit scaled by the share.

        A total limit of T over `asked` questions becomes ⌈T·k/asked⌉ for k retried questions.
        """
        if not question_ids:
            raise StudyAppError("there are no mistakes to retry")
        total = None
        if self.total_seconds is not None:
            total = float(math.ceil(self.total_seconds * len(question_ids) / max(asked, 1)))
        return replace(self, count=len(question_ids), question_ids=tuple(question_ids), total_seconds=total)

    def to_json(self) -> dict[str, Any]:
        return {
            key: list(value) if isinstance(value, tuple) else value for key, value in asdict(self).items()
        }
