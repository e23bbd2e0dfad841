"""`studyapp stats --days N` without --json: the stats screen opens showing the last N days."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from studyapp.cli import main
from studyapp.paths import DataPaths
from studyapp.store.database import open_database
from studyapp.ui.app import StudyApp
from tests.stats.conftest import add_review
from tests.stats.test_stats_screen import loaded, text_of


def test_days_sets_the_window_the_screen_opens_on(tmp_path, monkeypatch):
    conn = open_database(DataPaths.resolve(tmp_path).ensure().database)
    now = datetime.now()
    add_review(conn, now - timedelta(days=3))
    add_review(conn, now - timedelta(days=20))
    conn.close()
    shown: list[tuple[dict, str]] = []

    def run_headless(app: StudyApp) -> None:
        async def look() -> None:
            async with app.run_test(size=(80, 24)) as pilot:
                screen = await loaded(pilot)
                shown.append((screen.data, text_of(screen, "#reviews-heading")))

        asyncio.run(look())

    monkeypatch.setattr(StudyApp, "run", run_headless)
    for days in ("7", "30"):
        assert main(["--data-dir", str(tmp_path), "stats", "--days", days]) == 0
    (week, week_heading), (month, month_heading) = shown
    assert (week["days"], len(week["reviews_by_day"])) == (7, 7)
    assert sum(day["reviews"] for day in week["reviews_by_day"]) == 1  # 20 days ago is outside the week
    assert week_heading == "Reviews per day (last 7 days)"
    assert (month["days"], len(month["reviews_by_day"])) == (30, 30)
    assert sum(day["reviews"] for day in month["reviews_by_day"]) == 2
    assert month_heading == "Reviews per day (last 30 days)"
