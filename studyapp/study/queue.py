"""Which questions a study session shows, in what order: due reviews interleaved with new questions.

Due questions (due ≤ now) come most overdue first. New questions, up to the day's remaining new limit,
are spread evenly among them, in pack order, so a session never starts with a block of only new cards.
"""

from __future__ import annotations

from collections.abc import Sequence

from studyapp.content.model import Question


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


def build_queue(
    questions: Sequence[Question], due_times: dict[str, float], now: float, new_limit: int
) -> list[str]:
    """Question ids to study now: every due one, plus at most `new_limit` never-studied ones."""
    due = sorted((q.id for q in questions if due_times.get(q.id, now + 1) <= now), key=due_times.__getitem__)
    new = [q.id for q in questions if q.id not in due_times][: max(0, new_limit)]
    return interleave(due, new)
