"""Open the study database: WAL, a busy timeout, schema migrations, and a corrupt file moved aside.

Contract: `open_database(path)` returns a connection in autocommit mode whose schema is at
`SCHEMA_VERSION`; writes go through `transaction(conn)` (BEGIN IMMEDIATE … COMMIT), so each rating or
answer is one short transaction that is on disk when it returns. A file that is not a SQLite database
is renamed `<name>.corrupt-<timestamp>` and a fresh one is created; `conn.notices` says so.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from studyapp.errors import StudyAppError
from studyapp.store import card_places, quiz_attempts
from studyapp.store.transactions import transaction

BUSY_TIMEOUT_SECONDS = 10.0

MIGRATIONS: tuple[str, ...] = (
    # 1: spaced repetition. A question with no `cards` row is new; times are unix seconds (UTC).
    """
    CREATE TABLE cards (
        pack_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        state INTEGER NOT NULL,
        step INTEGER,
        stability REAL,
        difficulty REAL,
        due REAL NOT NULL,
        last_review REAL,
        reps INTEGER NOT NULL DEFAULT 0,
        lapses INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (pack_id, question_id)
    ) WITHOUT ROWID;
    CREATE INDEX cards_by_due ON cards (pack_id, due);
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        pack_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        rating INTEGER NOT NULL,
        reviewed_at REAL NOT NULL,
        duration_ms INTEGER,
        state_before INTEGER NOT NULL,
        stability_after REAL,
        due_after REAL NOT NULL,
        previous TEXT
    );
    CREATE INDEX reviews_by_card ON reviews (pack_id, question_id);
    CREATE INDEX reviews_by_time ON reviews (reviewed_at);
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: quizzes.
    quiz_attempts.CREATE_TABLES,
    # 3: card places (see card_places.py): a studied card's position and topic group in its pack.
    card_places.CREATE_COLUMNS,
)
SCHEMA_VERSION = len(MIGRATIONS)


class StudyConnection(sqlite3.Connection):
    """A connection that carries `notices`: things the user should be told (e.g. a database reset)."""

    notices: list[str]


def open_database(path: Path | str) -> StudyConnection:
    """Open (creating or migrating) the database at `path`; unusable locations are a StudyAppError."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StudyAppError(f"cannot create {path.parent}: {exc.strerror or exc}") from exc
    try:
        return _open(path, [])
    except sqlite3.DatabaseError as exc:
        if not _is_corrupt(exc):
            raise _readable(path, exc) from exc
    aside = path.with_name(f"{path.name}.corrupt-{datetime.now():%Y%m%d-%H%M%S}")
    try:
        path.rename(aside)
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return _open(path, [f"The database was damaged; it was moved to {aside} and a new one started."])
    except (OSError, sqlite3.DatabaseError) as exc:
        raise _readable(path, exc) from exc


def _open(path: Path, notices: list[str]) -> StudyConnection:
    conn = sqlite3.connect(
        path,
        timeout=BUSY_TIMEOUT_SECONDS,
        isolation_level=None,
        check_same_thread=False,
        factory=StudyConnection,
    )
    try:
        conn.notices = notices
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def migrate(conn: sqlite3.Connection) -> None:
    """Apply the migrations after the file's `user_version`, each in its own transaction."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StudyAppError(
            f"the database is from a newer studyapp (schema {version}, this one knows {SCHEMA_VERSION})"
        )
    for number in range(version + 1, SCHEMA_VERSION + 1):
        with transaction(conn):
            for statement in _statements(MIGRATIONS[number - 1]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _is_corrupt(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text


def _readable(path: Path, exc: BaseException) -> StudyAppError:
    reason = str(exc)
    if isinstance(exc, sqlite3.OperationalError) and "readonly" in reason.replace(" ", ""):
        reason = "the data dir is read-only"
    elif "disk" in reason.lower() and "full" in reason.lower():
        reason = "the disk is full"
    return StudyAppError(f"cannot use the database {path}: {reason}")
