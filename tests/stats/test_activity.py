"""Reviews per local day and retention per day/week, checked against rows written at known local times."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest

from studyapp.stats.activity import retention, reviews_by_day
from tests.stats.conftest import NOW, add_review

TODAY = NOW.replace(hour=0)
YESTERDAY = TODAY - timedelta(days=1)


def test_reviews_by_day_counts_local_days_oldest_first(conn):
    for at in (YESTERDAY.replace(hour=9), YESTERDAY.replace(hour=13), TODAY - timedelta(seconds=1)):
        add_review(conn, at)
    for at in (TODAY, TODAY.replace(hour=11)):  # midnight itself starts today
        add_review(conn, at)
    add_review(conn, TODAY - timedelta(days=6))  # the 7-day window starts at midnight 6 days ago
    add_review(conn, TODAY - timedelta(days=6, seconds=1))  # a second too old
    add_review(conn, TODAY + timedelta(days=1, hours=1))  # tomorrow: not in the window

    days = reviews_by_day(conn, NOW, days=7)

    assert [d["date"] for d in days] == [f"2024-05-{n:02d}" for n in range(9, 16)]
    assert [d["reviews"] for d in days] == [1, 0, 0, 0, 0, 3, 2]


def test_reviews_by_day_with_an_aware_now_uses_the_local_date(conn):
    add_review(conn, TODAY.replace(hour=8))
    aware = NOW.astimezone()  # the same instant, with its UTC offset attached
    assert reviews_by_day(conn, aware, days=1) == [{"date": "2024-05-15", "reviews": 1}]


def test_retention_per_day_counts_only_review_and_relearning_cards(conn):
    at = TODAY.replace(hour=10)
    add_review(conn, at, rating=3, state_before=2)  # recalled
    add_review(conn, at, rating=2, state_before=3)  # Hard still counts as recalled
    add_review(conn, at, rating=1, state_before=2)  # forgotten
    add_review(conn, at, rating=4, state_before=3)  # recalled
    add_review(conn, at, rating=1, state_before=0)  # a new card: not retention
    add_review(conn, at, rating=4, state_before=1)  # a learning card: not retention

    days = retention(conn, NOW, days=2, period="day")

    assert days == [
        {"start": "2024-05-14", "reviews": 0, "recalled": 0, "rate": None},
        {"start": "2024-05-15", "reviews": 4, "recalled": 3, "rate": 0.75},
    ]


def test_retention_per_week_uses_monday_weeks_covering_the_window(conn):
    add_review(conn, datetime(2024, 5, 6, 9), rating=1)  # Monday of the first week
    add_review(conn, datetime(2024, 5, 12, 22), rating=3)  # Sunday, same week
    add_review(conn, datetime(2024, 5, 12, 23), rating=3)
    add_review(conn, datetime(2024, 5, 13, 0, 30), rating=1)  # Monday: the next week
    add_review(conn, datetime(2024, 5, 5, 9), rating=3)  # the Sunday before: outside

    weeks = retention(conn, NOW, days=9)  # from Tuesday 2024-05-07, whose week starts on the 6th

    assert [(w["start"], w["reviews"], w["recalled"]) for w in weeks] == [
        ("2024-05-06", 3, 2),
        ("2024-05-13", 1, 0),
    ]
    assert weeks[0]["rate"] == pytest.approx(2 / 3)
    assert weeks[1]["rate"] == 0.0


def test_retention_rejects_an_unknown_period(conn):
    with pytest.raises(ValueError, match="period"):
        retention(conn, NOW, period="month")


@pytest.fixture
def berlin(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_daylight_saving_day_is_23_hours_long(conn, berlin):
    # Clocks in Berlin jumped from 02:00 to 03:00 on 2024-03-31.
    add_review(conn, datetime(2024, 3, 31, 0, 30))
    add_review(conn, datetime(2024, 3, 31, 23, 30))
    add_review(conn, datetime(2024, 3, 30, 23, 30))
    add_review(conn, datetime(2024, 4, 1, 0, 30))
    start, end = datetime(2024, 3, 31).timestamp(), datetime(2024, 4, 1).timestamp()
    assert end - start == 23 * 3600  # the fixture really switched the zone

    days = reviews_by_day(conn, datetime(2024, 4, 1, 12), days=3)

    assert [(d["date"], d["reviews"]) for d in days] == [
        ("2024-03-30", 1),
        ("2024-03-31", 2),
        ("2024-04-01", 1),
    ]
