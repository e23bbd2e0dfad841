"""From what a person chose (CLI flags or the setup form) to checked `QuizOptions`, one-line errors."""

from __future__ import annotations

from collections.abc import Sequence

from studyapp.content.model import Pack
from studyapp.quiz.durations import parse_duration
from studyapp.quiz.instances import load_instantiate
from studyapp.quiz.options import DEFAULT_COUNT, QuizOptions
from studyapp.quiz.selection import choose_pack, select_questions


def build_options(
    packs: Sequence[Pack],
    *,
    pack_id: str | None = None,
    count: int = DEFAULT_COUNT,
    total_time: str | None = None,
    per_question_time: str | None = None,
    topics: Sequence[str] = (),
    kinds: Sequence[str] = (),
    seed: int | None = None,
) -> QuizOptions:
    """Parse the durations ("10m", "45s"; empty: no limit), pick the pack, and check that the filters
    match at least one question — the same checks whether the quiz starts from the CLI or the app."""
    pack = choose_pack(packs, pack_id)
    options = QuizOptions(
        pack_id=pack.id,
        count=count,
        total_seconds=parse_duration(total_time) if total_time else None,
        per_question_seconds=parse_duration(per_question_time) if per_question_time else None,
        topics=tuple(topics),
        kinds=tuple(kinds),
        seed=seed,
    )
    select_questions(pack, options, can_generate=load_instantiate() is not None)
    return options


def split_list(text: str | None) -> tuple[str, ...]:
    """ "a, b,,c" → ("a", "b", "c")."""
    return tuple(part.strip() for part in (text or "").split(",") if part.strip())
