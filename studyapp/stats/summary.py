"""Everything the stats screen and `studyapp stats --json` show, as one JSON-ready dict."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from studyapp.content.model import Pack
from studyapp.stats.activity import retention, reviews_by_day
from studyapp.stats.days import local_date, midnight
from studyapp.stats.schedule import schedule
from studyapp.stats.topics import topic_accuracy
from studyapp.store.quiz_attempts import list_attempts
from studyapp.store.reviews import ReviewStore

DEFAULT_DAYS = 30


def summary(
    conn: sqlite3.Connection, packs: Sequence[Pack], now: datetime, days: int = DEFAULT_DAYS
) -> dict[str, Any]:
    """Totals now, history over the last `days` local days (retention per week, topic accuracy over the
    same days), the 30-day due forecast and every quiz attempt (oldest first)."""
    today = local_date(now)
    due = schedule(conn, packs, now)
    return {
        "now": now.isoformat(),
        "days": days,
        "reviews_total": ReviewStore(conn).reviews_total(),
        "cards_due": due.due,
        "cards_new": due.new,
        "quiz_attempts": list_attempts(conn),
        "reviews_by_day": reviews_by_day(conn, now, days),
        "retention": retention(conn, now, days, period="week"),
        "forecast": due.forecast,
        "topics": topic_accuracy(
            conn,
            packs,
            since=midnight(today - timedelta(days=days - 1)),
            until=midnight(today + timedelta(days=1)),
        ),
    }
