"""New / due / total counts per pack and per topic, as the home screen lists them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from studyapp.content.model import Pack
from studyapp.store.reviews import Counts, ReviewStore, count_questions


@dataclass(frozen=True)
class OverviewRow:
    """One line of the overview: a whole pack (`topic_id` None) or one of its topics."""

    pack: Pack
    topic_id: str | None
    title: str
    counts: Counts


def overview(packs: Sequence[Pack], store: ReviewStore, now: float) -> list[OverviewRow]:
    """For each pack: its row, then a row per topic (a question with several topics counts in each)."""
    rows = []
    for pack in packs:
        due_times = store.due_times(pack.id)
        rows.append(
            OverviewRow(
                pack, None, pack.title, count_questions((q.id for q in pack.questions), due_times, now)
            )
        )
        for topic in pack.topics:
            ids = (q.id for q in pack.questions if topic.id in q.topics)
            rows.append(OverviewRow(pack, topic.id, topic.title, count_questions(ids, due_times, now)))
    return rows
