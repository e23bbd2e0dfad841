"""One short write transaction at a time; a write that fails is one readable error, never a crash.

Reads that must agree with each other run in one `snapshot`."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from studyapp.errors import StudyAppError


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT (ROLLBACK on error): one writer at a time, waiting up to the busy timeout.

    SQLite failures (disk full, read-only file, still locked after the timeout) become a StudyAppError
    saying what happened; everything committed before is kept.
    """
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise _cannot_save(exc) from exc
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.OperationalError):
            raise _cannot_save(exc) from exc
        raise


@contextmanager
def snapshot(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN … COMMIT around reads: in WAL mode they all see the database as of the first one."""
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


def _cannot_save(exc: sqlite3.OperationalError) -> StudyAppError:
    text = str(exc).lower()
    if "full" in text:
        reason = "the disk is full"
    elif "readonly" in text.replace(" ", "") or "read-only" in text:
        reason = "the data dir is read-only"
    elif "locked" in text or "busy" in text:
        reason = "another studyapp is still writing; try again"
    else:
        reason = str(exc)
    return StudyAppError(f"could not save: {reason} (earlier progress is kept)")
