"""A small pack, an isolated database and a clock the tests move by hand."""

from datetime import UTC, datetime, timedelta

import pytest

from studyapp.content.model import Flashcard, MultipleChoice, Pack, Topic
from studyapp.scheduling.fsrs_scheduler import Scheduler
from studyapp.store.database import open_database
from studyapp.store.reviews import ReviewStore


class FakeNow:
    def __init__(self) -> None:
        self.at = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **delta) -> None:
        self.at += timedelta(**delta)


def make_pack(size: int = 6) -> Pack:
    questions = [
        Flashcard(id=f"card-{i}", topics=("a" if i % 2 else "b",), front=f"front {i}", back=f"back {i}")
        for i in range(size)
    ]
    questions.append(
        MultipleChoice(id="pick", topics=("a",), prompt="Pick b", choices=("x", "y", "z"), correct=1)
    )
    topics = (Topic("a", "A"), Topic("b", "B"))
    return Pack(id="mini", title="Mini", questions=tuple(questions), topics=topics)


@pytest.fixture
def now() -> FakeNow:
    return FakeNow()


@pytest.fixture
def store(tmp_path):
    conn = open_database(tmp_path / "db.sqlite3")
    yield ReviewStore(conn)
    conn.close()


@pytest.fixture
def scheduler() -> Scheduler:
    return Scheduler(0.9)
