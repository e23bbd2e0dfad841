"""The summary dict: every statistic together, JSON-ready, on a fresh and on a used database."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from studyapp.stats.summary import summary
from tests.stats.conftest import NOW, add_card, add_review, make_pack
from tests.stats.test_topics import quiz

KEYS = {"reviews_total", "cards_due", "cards_new", "quiz_attempts", "reviews_by_day", "retention", "forecast"}


def test_fresh_database(conn):
    result = summary(conn, [make_pack()], NOW)
    assert KEYS | {"topics"} <= result.keys()
    assert (result["reviews_total"], result["cards_due"], result["cards_new"]) == (0, 0, 3)
    assert result["quiz_attempts"] == [] and result["topics"] == []
    assert len(result["reviews_by_day"]) == 30 and len(result["forecast"]) == 30
    assert all(day["reviews"] == 0 for day in result["reviews_by_day"])
    assert all(week["rate"] is None for week in result["retention"])
    json.dumps(result)


def test_used_database(conn):
    add_card(conn, "mini", "q1", NOW - timedelta(hours=1))
    add_card(conn, "mini", "q2", NOW + timedelta(days=2))
    add_review(conn, NOW - timedelta(days=40), rating=3, question_id="q2")  # counted in the total only
    add_review(conn, NOW - timedelta(days=1), rating=1, question_id="q1")
    add_review(conn, NOW - timedelta(hours=1), rating=3, question_id="q1")
    quiz(conn, datetime(2024, 5, 14, 9), [("q3", True, False), ("q2", False, False)])

    result = summary(conn, [make_pack()], NOW, days=7)

    assert (result["reviews_total"], result["cards_due"], result["cards_new"]) == (3, 1, 1)
    assert [day["reviews"] for day in result["reviews_by_day"]] == [0, 0, 0, 0, 0, 1, 1]
    assert [(w["start"], w["reviews"], w["recalled"]) for w in result["retention"]] == [
        ("2024-05-06", 0, 0),
        ("2024-05-13", 2, 1),
    ]
    assert [day["cards"] for day in result["forecast"][:3]] == [1, 0, 1]
    (attempt,) = result["quiz_attempts"]
    assert attempt["pack"] == "mini"
    assert (attempt["total"], attempt["correct"], attempt["unanswered"]) == (2, 1, 0)
    assert (attempt["timed_out"], attempt["interrupted"], attempt["seconds"]) == (False, False, 10.0)
    # x: q1 rated Again then Good, q2 (x and y) answered wrong → 1 of 3; y: q3 right, q2 wrong → 1 of 2.
    assert [(t["topic"], t["accuracy"]) for t in result["topics"]] == [("x", 1 / 3), ("y", 1 / 2)]
    json.dumps(result)
