"""Quiz attempts and their answers in SQLite, written as they happen.

Each answer is one short transaction (the answer row plus the attempt's running totals), so a crash
loses at most the answer being given. An attempt with no `finished_at` that is not running in this
process is reported as interrupted.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from studyapp.store.transactions import transaction

CREATE_TABLES = """
CREATE TABLE quiz_attempts (
    id INTEGER PRIMARY KEY,
    pack_id TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    seconds REAL NOT NULL DEFAULT 0,
    total INTEGER NOT NULL,
    correct INTEGER NOT NULL DEFAULT 0,
    unanswered INTEGER NOT NULL DEFAULT 0,
    timed_out INTEGER NOT NULL DEFAULT 0,
    interrupted INTEGER NOT NULL DEFAULT 0,
    settings TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE quiz_answers (
    attempt_id INTEGER NOT NULL REFERENCES quiz_attempts(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    question_id TEXT NOT NULL,
    response TEXT,
    correct INTEGER NOT NULL,
    unanswered INTEGER NOT NULL,
    seconds REAL NOT NULL,
    PRIMARY KEY (attempt_id, position)
);
"""
"""The tables, created by the database's migration 2."""

_running: set[int] = set()
"""Attempts started by this process and not finished yet (the others without `finished_at` died)."""


def start_attempt(
    conn: sqlite3.Connection, *, pack_id: str, total: int, settings: dict[str, Any], started_at: str
) -> int:
    with transaction(conn):
        cursor = conn.execute(
            "INSERT INTO quiz_attempts (pack_id, started_at, total, settings) VALUES (?, ?, ?, ?)",
            (pack_id, started_at, total, json.dumps(settings)),
        )
    attempt_id = int(cursor.lastrowid)
    _running.add(attempt_id)
    return attempt_id


def record_answer(
    conn: sqlite3.Connection,
    attempt_id: int,
    *,
    position: int,
    question_id: str,
    response: Any,
    correct: bool,
    unanswered: bool,
    seconds: float,
    elapsed: float,
) -> None:
    """Store one answer and bring the attempt's totals (and `seconds`, the time used so far) up to date."""
    with transaction(conn):
        conn.execute(
            "INSERT INTO quiz_answers"
            " (attempt_id, position, question_id, response, correct, unanswered, seconds)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (attempt_id, position, question_id, json.dumps(response), correct, unanswered, seconds),
        )
        conn.execute(
            "UPDATE quiz_attempts SET correct = correct + ?, unanswered = unanswered + ?, seconds = ?"
            " WHERE id = ?",
            (int(correct), int(unanswered), elapsed, attempt_id),
        )


def finish_attempt(
    conn: sqlite3.Connection,
    attempt_id: int,
    *,
    finished_at: str,
    seconds: float,
    timed_out: bool,
    interrupted: bool,
) -> None:
    with transaction(conn):
        conn.execute(
            "UPDATE quiz_attempts SET finished_at = ?, seconds = ?, timed_out = ?, interrupted = ?"
            " WHERE id = ?",
            (finished_at, seconds, timed_out, interrupted, attempt_id),
        )
    _running.discard(attempt_id)


def list_attempts(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every attempt, oldest first: id, pack, total, correct, unanswered, timed_out, interrupted,
    seconds, started_at, finished_at (None if it never finished)."""
    cursor = conn.execute(
        "SELECT id, pack_id AS pack, total, correct, unanswered, timed_out, interrupted, seconds, started_at,"
        " finished_at FROM quiz_attempts ORDER BY started_at, id"
    )
    names = [column[0] for column in cursor.description]
    attempts = []
    for row in cursor.fetchall():
        attempt = dict(zip(names, row, strict=True))
        never_finished = attempt["finished_at"] is None and attempt["id"] not in _running
        attempt["timed_out"] = bool(attempt["timed_out"])
        attempt["interrupted"] = bool(attempt["interrupted"]) or never_finished
        attempts.append(attempt)
    return attempts


def list_answers(conn: sqlite3.Connection, attempt_id: int) -> list[dict[str, Any]]:
    """The answers of one attempt in question order: position, question_id, response, correct,
    unanswered, seconds."""
    rows = conn.execute(
        "SELECT position, question_id, response, correct, unanswered, seconds FROM quiz_answers"
        " WHERE attempt_id = ? ORDER BY position",
        (attempt_id,),
    ).fetchall()
    return [
        {
            "position": position,
            "question_id": question_id,
            "response": json.loads(response),
            "correct": bool(correct),
            "unanswered": bool(unanswered),
            "seconds": seconds,
        }
        for position, question_id, response, correct, unanswered, seconds in rows
    ]
