"""Which questions a study session shows, in what order: due reviews interleaved with new questions.

Due questions (due ≤ now) come most overdue first. New questions, up to the day's remaining new limit,
are spread evenly among them, in pack order, so a session never starts with a block of only new cards.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from itertools import compress, islice

from studyapp.study.studied_cards import StudiedCards


def interleave(due: Sequence[str], new: Sequence[str]) -> list[str]:
    """Merge so that new ids are spaced evenly: with d due and n new, a new id follows every ⌈d/n⌉ due."""
    if not new:
        return list(due)
    if not due:
        return list(new)
    merged: list[str] = []
    every = -(-len(due) // len(new))
    remaining_new = list(new)
    for index, question_id in enumerate(due, start=1):
        merged.append(question_id)
        if index % every == 0 and remaining_new:
            merged.append(remaining_new.pop(0))
    return merged + remaining_new


def build_queue(studied: StudiedCards, topics: Collection[str], new_limit: int) -> list[str]:
    """Question ids to study now: the pack's due ones with one of `topics` (any, when empty), plus the
    first `new_limit` of those never studied."""
    pack = studied.pack
    group_of = pack.topic_groups.group_of
    every_position = range(len(pack.questions))
    due_ids = studied.due()
    if topics:
        wanted = set(topics)
        groups = frozenset(n for n, members in enumerate(pack.topic_groups.topics) if wanted & set(members))
        due_groups = map(group_of.get, due_ids)
        due = list(compress(due_ids, map(groups.__contains__, due_groups)))
        positions: Sequence[int] = list(compress(every_position, map(groups.__contains__, group_of.values())))
        new = studied.unstudied(positions, sorted(groups))
    else:
        due = list(filter(group_of.__contains__, due_ids))
        new = studied.unstudied(every_position, None)
    return interleave(due, list(islice(new, max(0, new_limit))))
