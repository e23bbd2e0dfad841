"""A fresh database in tmp_path, a small pack, and helpers that write rows with known local times."""

from __future__ import annotations

from datetime import datetime

import pytest

from studyapp.content.model import Flashcard, Pack, Topic
from studyapp.store.database import open_database

NOW = datetime(2024, 5, 15, 12, 0)
"""A Wednesday noon, local time (naive datetimes are local throughout these tests)."""


def make_pack(pack_id: str = "mini", question_topics: dict[str, tuple[str, ...]] | None = None) -> Pack:
    question_topics = question_topics or {"q1": ("x",), "q2": ("x", "y"), "q3": ("y",)}
    return Pack(
        id=pack_id,
        title=pack_id.title(),
        topics=(Topic("x", "Topic X"), Topic("y", "Topic Y")),
        questions=tuple(
            Flashcard(id=qid, topics=topics, front=f"front {qid}", back=f"back {qid}")
            for qid, topics in question_topics.items()
        ),
    )


def add_card(conn, pack_id: str, question_id: str, due: datetime, state: int = 2) -> None:
    conn.execute(
        "INSERT INTO cards (pack_id, question_id, state, due, reps) VALUES (?, ?, ?, ?, 1)",
        (pack_id, question_id, state, due.timestamp()),
    )


def add_review(
    conn, at: datetime, rating: int = 3, state_before: int = 2, pack_id: str = "mini", question_id: str = "q1"
) -> None:
    conn.execute(
        "INSERT INTO reviews (pack_id, question_id, rating, reviewed_at, state_before, due_after)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (pack_id, question_id, rating, at.timestamp(), state_before, at.timestamp() + 86400),
    )


@pytest.fixture
def conn(tmp_path):
    connection = open_database(tmp_path / "study.sqlite3")
    yield connection
    connection.close()
