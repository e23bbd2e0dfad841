"""Which pack and which questions a quiz asks: filters checked against the pack, then a seeded sample."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from studyapp.content.model import QUESTION_KINDS, Generated, Pack, Question
from studyapp.errors import StudyAppError
from studyapp.quiz.options import QuizOptions

DEFAULT_PACK_ID = "deep-learning"


def choose_pack(packs: Sequence[Pack], pack_id: str | None) -> Pack:
    """The pack named `pack_id`; without one, the bundled deep-learning pack if loaded, else the first."""
    if not packs:
        raise StudyAppError("no question packs are loaded")
    wanted = pack_id or DEFAULT_PACK_ID
    found = next((pack for pack in packs if pack.id == wanted), None)
    if found is not None:
        return found
    if pack_id is None:
        return packs[0]
    known = ", ".join(pack.id for pack in packs)
    raise StudyAppError(f"unknown pack {pack_id!r} (loaded: {known})")


def check_topics(pack: Pack, topics: Sequence[str]) -> None:
    """Fail with one line if a topic is not in the pack."""
    topic_ids = [topic.id for topic in pack.topics]
    unknown_topics = [topic for topic in topics if topic not in topic_ids]
    if unknown_topics:
        raise StudyAppError(
            f"unknown topic {', '.join(unknown_topics)} in pack {pack.id} (topics: {', '.join(topic_ids)})"
        )


def check_filters(pack: Pack, options: QuizOptions) -> None:
    """Fail with one line if a topic is not in the pack or a kind does not exist."""
    check_topics(pack, options.topics)
    unknown_kinds = [kind for kind in options.kinds if kind not in QUESTION_KINDS]
    if unknown_kinds:
        raise StudyAppError(f"unknown kind {', '.join(unknown_kinds)} (kinds: {', '.join(QUESTION_KINDS)})")


@dataclass(frozen=True)
class Selection:
    """The questions to ask, in order, and notes on what was left out and why."""

    questions: tuple[Question, ...]
    notes: tuple[str, ...] = ()


def select_questions(pack: Pack, options: QuizOptions, *, can_generate: bool) -> Selection:
    """Up to `options.count` questions matching the filters, drawn with `random.Random(options.seed)`.

    With `options.question_ids` those questions are taken as listed instead. Generated questions are
    left out (with a note) when `can_generate` is false. An empty result is an error.
    """
    check_filters(pack, options)
    if options.question_ids:
        missing = [qid for qid in options.question_ids if pack.question(qid) is None]
        if missing:
            raise StudyAppError(f"pack {pack.id} has no question {', '.join(missing)}")
        candidates = [pack.question(qid) for qid in options.question_ids]
    else:
        candidates = [q for q in pack.questions if _matches(q, options)]
    notes: list[str] = []
    if not can_generate:
        generated = [q for q in candidates if isinstance(q, Generated)]
        if generated:
            notes.append(
                f"{len(generated)} generated question(s) left out: studyapp.generated is not available"
            )
            candidates = [q for q in candidates if not isinstance(q, Generated)]
    if not candidates:
        reason = f" ({notes[0]})" if notes else ""
        raise StudyAppError(f"no question in pack {pack.id} matches the chosen topics and kinds{reason}")
    if not options.question_ids:
        candidates = random.Random(options.seed).sample(candidates, min(options.count, len(candidates)))
    return Selection(tuple(candidates), tuple(notes))


def _matches(question: Question, options: QuizOptions) -> bool:
    topic_ok = not options.topics or any(topic in options.topics for topic in question.topics)
    kind_ok = not options.kinds or question.kind in options.kinds
    return topic_ok and kind_ok
