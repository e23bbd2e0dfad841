"""Which questions a study session shows, in what order: due reviews interleaved with new questions.

Due questions (due ≤ now) come most overdue first. New questions, up to the day's remaining new limit,
are spread evenly among them, in pack order, so a session never starts with a block of only new cards.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from itertools import chain, filterfalse, islice

from studyapp.store.reviews import Schedule


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


def build_queue(ordered_ids: Iterable[str], schedule: Schedule, new_limit: int) -> list[str]:
    """Question ids to study now: the due ones among `ordered_ids` (a set or a dict's keys view keeps
    this fast), plus the first `new_limit` of them never studied."""
    wanted = ordered_ids if isinstance(ordered_ids, AbstractSet) else frozenset(ordered_ids)
    due = list(filter(wanted.__contains__, schedule.due))
    studied = frozenset(chain(schedule.later, due))  # one set to probe per id, not two
    unstudied = filterfalse(studied.__contains__, ordered_ids)
    return interleave(due, list(islice(unstudied, max(0, new_limit))))
