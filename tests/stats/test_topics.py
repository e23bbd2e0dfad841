"""Accuracy per topic from study ratings and answered quiz questions, worked out by hand."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from studyapp.stats.topics import topic_accuracy
from studyapp.store import quiz_attempts
from tests.stats.conftest import NOW, add_review, make_pack

SINCE = datetime(2024, 5, 9)
UNTIL = datetime(2024, 5, 16)


def quiz(conn, started: datetime, answers: list[tuple[str, bool, bool]], pack_id: str = "mini") -> None:
    attempt = quiz_attempts.start_attempt(
        conn, pack_id=pack_id, total=len(answers), settings={}, started_at=started.astimezone().isoformat()
    )
    for position, (question_id, correct, unanswered) in enumerate(answers, start=1):
        quiz_attempts.record_answer(
            conn,
            attempt,
            position=position,
            question_id=question_id,
            response=None if unanswered else "x",
            correct=correct,
            unanswered=unanswered,
            seconds=1.0,
            elapsed=float(position),
        )
    quiz_attempts.finish_attempt(
        conn, attempt, finished_at=started.isoformat(), seconds=10.0, timed_out=False, interrupted=False
    )


def test_ratings_and_quiz_answers_per_topic(conn):
    # q1 is on x, q2 on x and y, q3 on y.
    at = NOW - timedelta(hours=1)
    for rating in (1, 3, 4):
        add_review(conn, at, rating=rating, question_id="q1")
    add_review(conn, at, rating=1, question_id="q2")
    add_review(conn, at, rating=2, question_id="q3")
    add_review(conn, SINCE - timedelta(seconds=1), rating=1, question_id="q3")  # before the range
    add_review(conn, at, rating=1, question_id="removed")  # no longer in the pack
    add_review(conn, at, rating=1, pack_id="elsewhere")  # a pack that is not loaded
    quiz(conn, NOW - timedelta(hours=2), [("q1", True, False), ("q3", False, False), ("q2", False, True)])
    quiz(conn, SINCE - timedelta(hours=1), [("q3", True, False)])  # started before the range

    topics = topic_accuracy(conn, [make_pack()], SINCE.timestamp(), UNTIL.timestamp())

    assert [(t["topic"], t["title"]) for t in topics] == [("x", "Topic X"), ("y", "Topic Y")]
    x, y = topics
    # x: ratings of q1 (1, 3, 4) and q2 (1) → 2 of 4 recalled; quiz q1 right → 3 of 5.
    assert (x["ratings"], x["recalled"], x["answers"], x["correct"]) == (4, 2, 1, 1)
    assert x["accuracy"] == pytest.approx(3 / 5)
    # y: ratings of q2 (1) and q3 (2) → 1 of 2; quiz q3 wrong, q2 unanswered (left out) → 1 of 3.
    assert (y["ratings"], y["recalled"], y["answers"], y["correct"]) == (2, 1, 1, 0)
    assert y["accuracy"] == pytest.approx(1 / 3)
    assert all(t["pack"] == "mini" for t in topics)


def test_topics_without_data_are_left_out(conn):
    add_review(conn, NOW, rating=3, question_id="q1")
    topics = topic_accuracy(conn, [make_pack()], SINCE.timestamp(), UNTIL.timestamp())
    assert [(t["topic"], t["accuracy"]) for t in topics] == [("x", 1.0)]


def test_nothing_studied_gives_no_topics(conn):
    assert topic_accuracy(conn, [make_pack()], SINCE.timestamp(), UNTIL.timestamp()) == []
