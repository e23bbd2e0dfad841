"""Accuracy per topic of the loaded packs, from study ratings and answered quiz questions in a time range.

accuracy = (ratings other than Again + correct quiz answers) / (ratings + answered quiz questions).
A question counts for each of its topics; questions without topics, questions no longer in their pack
and quiz questions left unanswered are not counted.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from studyapp.content.model import Pack


@dataclass
class _Tally:
    ratings: int = 0
    recalled: int = 0
    answers: int = 0
    correct: int = 0


def topic_accuracy(
    conn: sqlite3.Connection, packs: Sequence[Pack], since: float, until: float
) -> list[dict[str, Any]]:
    """Topics with any rating or answer in [since, until) (unix seconds), in pack and topic order:
    {pack, topic, title, ratings, recalled, answers, correct, accuracy}."""
    topics_of = {pack.id: {q.id: q.topics for q in pack.questions} for pack in packs}
    tallies: dict[tuple[str, str], _Tally] = defaultdict(_Tally)
    # Counting rows in Python is about twice as fast as SQLite's GROUP BY over many cards.
    ratings = Counter(
        conn.execute(
            "SELECT pack_id, question_id, rating >= 2 FROM reviews"
            " WHERE reviewed_at >= ? AND reviewed_at < ?",
            (since, until),
        )
    )
    for (pack_id, question_id, recalled), count in ratings.items():
        for topic in topics_of.get(pack_id, {}).get(question_id, ()):
            tally = tallies[pack_id, topic]
            tally.ratings += count
            tally.recalled += count if recalled else 0
    answers = conn.execute(
        "SELECT a.pack_id, a.started_at, q.question_id, q.correct FROM quiz_answers q"
        " JOIN quiz_attempts a ON a.id = q.attempt_id WHERE NOT q.unanswered"
    )
    for pack_id, started_at, question_id, correct in answers:
        if since <= _timestamp(started_at) < until:
            for topic in topics_of.get(pack_id, {}).get(question_id, ()):
                tally = tallies[pack_id, topic]
                tally.answers += 1
                tally.correct += bool(correct)
    return [
        {
            "pack": pack.id,
            "topic": topic,
            "title": pack.topic_title(topic),
            "ratings": tally.ratings,
            "recalled": tally.recalled,
            "answers": tally.answers,
            "correct": tally.correct,
            "accuracy": (tally.recalled + tally.correct) / (tally.ratings + tally.answers),
        }
        for pack in packs
        for topic in _topic_order(pack, tallies)
        if (tally := tallies.get((pack.id, topic)))
    ]


def _topic_order(pack: Pack, tallied: Iterable[tuple[str, str]]) -> list[str]:
    """The pack's declared topics, then any undeclared topic it has a tally for, by id."""
    declared = [topic.id for topic in pack.topics]
    return declared + sorted({t for p, t in tallied if p == pack.id} - set(declared))


def _timestamp(iso: str) -> float:
    """Unix seconds of an ISO time (a naive one is local)."""
    return datetime.fromisoformat(iso).timestamp()
