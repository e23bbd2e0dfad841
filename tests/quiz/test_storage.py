"""Attempts and answers are written as they happen; unfinished attempts read back as interrupted."""

import os
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from studyapp.quiz.options import QuizOptions
from studyapp.quiz.recording import AttemptRecorder
from studyapp.quiz.session import QuizSession
from studyapp.store.database import open_database
from studyapp.store.quiz_attempts import list_answers, list_attempts
from tests.quiz.conftest import fake_instantiate

REPO = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)


@pytest.fixture
def conn(tmp_path):
    connection = open_database(tmp_path / "data" / "studyapp.sqlite3")
    yield connection
    connection.close()


def start(pack, clock, conn, *ids, **options):
    opts = QuizOptions("mini", count=len(ids), question_ids=ids, seed=3, **options)
    recorder = AttemptRecorder(conn, now=lambda: NOW)
    return QuizSession.start(pack, opts, clock=clock, recorder=recorder, instantiate=fake_instantiate)


def test_finished_attempt_and_its_answers_are_stored(pack, clock, conn):
    session = start(pack, clock, conn, "mcq-sum", "multi-even", "card-dropout")
    clock.advance(5)
    session.answer("b")
    session.next()
    clock.advance(2)
    session.answer({"a", "b"})
    session.next()
    session.skip()
    [attempt] = list_attempts(conn)
    assert attempt["pack"] == "mini"
    assert (attempt["total"], attempt["correct"], attempt["unanswered"]) == (3, 1, 1)
    assert (attempt["timed_out"], attempt["interrupted"]) == (False, False)
    assert attempt["seconds"] == 7
    assert attempt["started_at"] == attempt["finished_at"] == NOW.isoformat()
    answers = list_answers(conn, attempt["id"])
    rows = [(a["position"], a["question_id"], a["response"], a["correct"], a["unanswered"]) for a in answers]
    assert rows == [
        (1, "mcq-sum", "b", True, False),
        (2, "multi-even", ["a", "b"], False, False),
        (3, "card-dropout", None, False, True),
    ]
    assert [a["seconds"] for a in answers] == [5, 2, 0]


def test_each_answer_is_committed_before_the_quiz_ends(pack, clock, conn, tmp_path):
    session = start(pack, clock, conn, "mcq-sum", "typed-adam")
    session.answer("b")
    other = open_database(tmp_path / "data" / "studyapp.sqlite3")  # a second reader sees it already
    try:
        [attempt] = list_attempts(other)
        assert attempt["correct"] == 1 and attempt["finished_at"] is None
        assert attempt["interrupted"] is False  # still running in this process
        assert len(list_answers(other, attempt["id"])) == 1
    finally:
        other.close()


def test_timed_out_attempt_is_flagged(pack, clock, conn):
    session = start(pack, clock, conn, "mcq-sum", "typed-adam", "card-dropout", total_seconds=15)
    clock.advance(16)
    session.check_time()
    [attempt] = list_attempts(conn)
    assert (attempt["timed_out"], attempt["correct"], attempt["unanswered"]) == (True, 0, 3)
    assert attempt["seconds"] == 15
    assert len(list_answers(conn, attempt["id"])) == 3


def test_abandoned_attempt_is_interrupted(pack, clock, conn):
    session = start(pack, clock, conn, "mcq-sum", "typed-adam")
    session.answer("b")
    session.next()
    session.abandon()
    [attempt] = list_attempts(conn)
    assert attempt["interrupted"] is True and attempt["finished_at"] is not None
    assert attempt["correct"] == 1


KILLED_QUIZ = textwrap.dedent(
    """
    import os, signal, sys
    sys.path.insert(0, {repo!r})
    from studyapp.quiz.options import QuizOptions
    from studyapp.quiz.recording import AttemptRecorder
    from studyapp.quiz.session import QuizSession
    from studyapp.store.database import open_database
    from tests.quiz.conftest import make_pack

    conn = open_database({db!r})
    options = QuizOptions("mini", count=3, question_ids=("mcq-sum", "typed-adam", "card-dropout"), seed=1)
    session = QuizSession.start(make_pack(), options, recorder=AttemptRecorder(conn), instantiate=None)
    session.answer("b")
    session.next()
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


@pytest.mark.skipif(not hasattr(__import__("signal"), "SIGKILL"), reason="needs SIGKILL")
def test_killed_quiz_keeps_its_answer_and_reads_back_interrupted(tmp_path):
    db = tmp_path / "data" / "studyapp.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", KILLED_QUIZ.format(repo=str(REPO), db=str(db))], env=env, capture_output=True
    )
    assert done.returncode == -9, done.stderr.decode()
    conn = open_database(db)
    try:
        [attempt] = list_attempts(conn)
        assert attempt["finished_at"] is None
        assert attempt["interrupted"] is True
        assert (attempt["total"], attempt["correct"]) == (3, 1)
        [answer] = list_answers(conn, attempt["id"])
        assert (answer["question_id"], answer["response"], answer["correct"]) == ("mcq-sum", "b", True)
    finally:
        conn.close()


def test_a_failed_write_is_reported_and_the_quiz_goes_on(pack, clock, tmp_path):
    conn = open_database(tmp_path / "data" / "studyapp.sqlite3")
    problems = []
    options = QuizOptions("mini", count=2, question_ids=("mcq-sum", "typed-adam"), seed=3)
    recorder = AttemptRecorder(conn, now=lambda: NOW, on_error=problems.append)
    session = QuizSession.start(pack, options, clock=clock, recorder=recorder, instantiate=fake_instantiate)
    conn.execute("PRAGMA query_only = ON")  # every write now fails, as on a read-only or full disk
    session.answer("b")
    session.next()
    session.answer("adam")
    assert session.finished and session.result().correct == 2  # the quiz itself is unaffected
    assert len(problems) == 3 and all("could not save" in str(p) for p in problems)  # 2 answers, the end
    conn.execute("PRAGMA query_only = OFF")
    [attempt] = list_attempts(conn)
    assert attempt["correct"] == 0 and attempt["finished_at"] is None  # what was saved stays as it was
    conn.close()
