"""Study activity over time: reviews per local day, and retention per day or week.

Retention of a period = recalled / reviews over the reviews of cards that were in review or relearning
(`state_before` ∈ {2, 3}), where recalled means rated Hard, Good or Easy (rating ≥ 2). All packs in the
database count, loaded or not.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from typing import Any

from studyapp.stats.days import buckets_cte, day_ranges, local_date, week_ranges

PERIODS = ("day", "week")


def reviews_by_day(conn: sqlite3.Connection, now: datetime, days: int = 30) -> list[dict[str, Any]]:
    """The `days` local days ending today, oldest first: {date, reviews}."""
    ranges = day_ranges(local_date(now) - timedelta(days=days - 1), days)
    cte, params = buckets_cte(ranges)
    counts = conn.execute(
        f"{cte} SELECT (SELECT count(*) FROM reviews WHERE reviewed_at >= lo AND reviewed_at < hi)"
        " FROM buckets ORDER BY i",
        params,
    ).fetchall()
    return [{"date": day.isoformat(), "reviews": n} for (day, _, _), (n,) in zip(ranges, counts, strict=True)]


def retention(
    conn: sqlite3.Connection, now: datetime, days: int = 30, period: str = "week"
) -> list[dict[str, Any]]:
    """Per day or Monday-based week covering the last `days` days, oldest first:
    {start, reviews, recalled, rate}; `rate` = recalled / reviews, None for a period without reviews."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}, not {period!r}")
    today = local_date(now)
    first = today - timedelta(days=days - 1)
    ranges = day_ranges(first, days) if period == "day" else week_ranges(first, today)
    cte, params = buckets_cte(ranges)
    rows = conn.execute(
        f"{cte} SELECT count(r.id), coalesce(sum(r.rating >= 2), 0) FROM buckets"
        " LEFT JOIN reviews r ON r.reviewed_at >= lo AND r.reviewed_at < hi AND r.state_before IN (2, 3)"
        " GROUP BY i ORDER BY i",
        params,
    ).fetchall()
    return [
        {"start": start.isoformat(), "reviews": n, "recalled": k, "rate": k / n if n else None}
        for (start, _, _), (n, k) in zip(ranges, rows, strict=True)
    ]
