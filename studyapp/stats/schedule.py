"""What the schedule holds for the loaded packs: cards due now, new questions, and the due forecast.

Only the packs' current questions count: a studied question that was removed from its pack is left out.
Counting is SQL aggregation over the `cards (pack_id, due)` index; the one Python pass is over the
pack's studied ids (to find removed questions), so 100,000 cards take a few tens of milliseconds.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from studyapp.content.model import Pack
from studyapp.stats.days import buckets_cte, day_ranges, local_date

FORECAST_DAYS = 30


@dataclass(frozen=True)
class Schedule:
    """`due`: studied questions due at or before now; `new`: questions never studied; `forecast`: per local
    day from today, oldest first, {date, cards} with the cards due that day (overdue ones on today)."""

    due: int
    new: int
    forecast: list[dict[str, Any]]


def schedule(
    conn: sqlite3.Connection, packs: Sequence[Pack], now: datetime, days: int = FORECAST_DAYS
) -> Schedule:
    ranges = day_ranges(local_date(now), days)
    ranges[0] = (ranges[0][0], float("-inf"), ranges[0][2])  # overdue cards count on today
    cte, bucket_params = buckets_cte(ranges)
    due = new = 0
    forecast = [0] * days
    for pack in packs:
        where, params, studied = _current_cards(conn, pack)
        new += len(pack.questions) - studied
        due += conn.execute(
            f"SELECT count(*) FROM cards WHERE {where} AND due <= ?", (*params, now.timestamp())
        ).fetchone()[0]
        rows = conn.execute(
            f"{cte} SELECT (SELECT count(*) FROM cards WHERE {where} AND due >= lo AND due < hi)"
            " FROM buckets ORDER BY i",
            (*bucket_params, *params),
        )
        for i, (count,) in enumerate(rows):
            forecast[i] += count
    dates = [day.isoformat() for day, _, _ in ranges]
    return Schedule(due, new, [{"date": d, "cards": n} for d, n in zip(dates, forecast, strict=True)])


def _current_cards(conn: sqlite3.Connection, pack: Pack) -> tuple[str, tuple[Any, ...], int]:
    """An SQL condition on `cards` for the pack's studied current questions, its parameters, their count."""
    # One joined string is much faster to fetch than a row per card; question ids are slugs (no newline).
    joined = conn.execute(
        "SELECT group_concat(question_id, char(10)) FROM cards WHERE pack_id = ?", (pack.id,)
    ).fetchone()[0]
    studied = joined.split("\n") if joined else []
    current = {question.id for question in pack.questions}
    if current.issuperset(studied):
        return "pack_id = ?", (pack.id,), len(studied)
    removed = [qid for qid in studied if qid not in current]
    return (
        "pack_id = ? AND question_id NOT IN (SELECT value FROM json_each(?))",
        (pack.id, json.dumps(removed)),
        len(studied) - len(removed),
    )
