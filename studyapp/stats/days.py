"""Local calendar days as time ranges: day d is [midnight(d), midnight(d + 1)) in this machine's zone.

Statistics count rows per range in SQL with `buckets_cte`, so a day is the same in every statistic
(and across a daylight-saving change, where a day is 23 or 25 hours long).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta


def local_date(now: datetime) -> date:
    """The local calendar date of `now` (a naive `now` is already local)."""
    return (now.astimezone() if now.tzinfo else now).date()


def midnight(day: date) -> float:
    """Unix seconds of the local midnight that starts `day`."""
    return datetime.combine(day, time()).timestamp()


def day_ranges(first: date, count: int) -> list[tuple[date, float, float]]:
    """`count` consecutive days from `first`: (day, start, end) in unix seconds."""
    days = [first + timedelta(days=i) for i in range(count + 1)]
    return [(days[i], midnight(days[i]), midnight(days[i + 1])) for i in range(count)]


def week_ranges(first: date, last: date) -> list[tuple[date, float, float]]:
    """The Monday-to-Sunday weeks that cover `first`..`last`: (Monday, start, end)."""
    monday = first - timedelta(days=first.weekday())
    weeks = []
    while monday <= last:
        following = monday + timedelta(days=7)
        weeks.append((monday, midnight(monday), midnight(following)))
        monday = following
    return weeks


def buckets_cte(ranges: list[tuple[date, float, float]]) -> tuple[str, list[float]]:
    """`WITH buckets(i, lo, hi) AS (VALUES …)`: the ranges as a table to join on, and its parameters."""
    rows = ", ".join("(?, ?, ?)" for _ in ranges)
    params = [value for i, (_, lo, hi) in enumerate(ranges) for value in (i, lo, hi)]
    return f"WITH buckets(i, lo, hi) AS (VALUES {rows})", params
