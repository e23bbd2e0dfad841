"""The database file: migrations, a corrupt file moved aside, unusable locations, concurrent writers."""

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from studyapp.errors import StudyAppError
from studyapp.store.database import MIGRATIONS, SCHEMA_VERSION, open_database
from studyapp.store.reviews import CardState, ReviewStore

REPO = Path(__file__).resolve().parents[2]


def test_fresh_database_is_at_the_latest_schema_in_wal_mode(tmp_path):
    conn = open_database(tmp_path / "db.sqlite3")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"cards", "reviews", "settings", "quiz_attempts", "quiz_answers"} <= tables
    assert conn.notices == []


def test_version_1_database_is_migrated_and_keeps_its_reviews(tmp_path):
    path = tmp_path / "db.sqlite3"
    old = sqlite3.connect(path)
    old.executescript(MIGRATIONS[0] + ";PRAGMA user_version = 1;")
    old.execute(
        "INSERT INTO reviews (pack_id, question_id, rating, reviewed_at, state_before, due_after)"
        " VALUES ('p', 'q', 3, 100.0, 0, 700.0)"
    )
    old.commit()
    old.close()
    conn = open_database(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert ReviewStore(conn).reviews_total() == 1
    assert conn.execute("SELECT count(*) FROM quiz_attempts").fetchone()[0] == 0


def test_newer_schema_is_refused_with_one_line(tmp_path):
    path = tmp_path / "db.sqlite3"
    future = sqlite3.connect(path)
    future.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    future.close()
    with pytest.raises(StudyAppError, match="newer studyapp"):
        open_database(path)


def test_corrupt_file_is_moved_aside_and_a_fresh_one_started(tmp_path):
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    conn = open_database(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    [aside] = tmp_path.glob("db.sqlite3.corrupt-*")
    assert aside.read_bytes().startswith(b"this is not a database")
    assert len(conn.notices) == 1 and str(aside) in conn.notices[0]


@pytest.mark.skipif(sys.platform == "win32" or __import__("os").geteuid() == 0, reason="root ignores modes")
def test_read_only_data_dir_is_a_clear_error(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(StudyAppError, match="cannot use the database"):
            open_database(folder / "db.sqlite3")
    finally:
        folder.chmod(0o700)


def test_a_path_that_cannot_be_a_directory_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StudyAppError, match="cannot"):
        open_database(blocker / "sub" / "db.sqlite3")


WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {repo!r})
    from studyapp.store.database import open_database
    from studyapp.store.reviews import CardState, ReviewStore
    store = ReviewStore(open_database({db!r}))
    for i in range(150):
        store.record("p", f"{{sys.argv[1]}}-{{i}}", 3, CardState(state=2, due=1.0), reviewed_at=float(i))
    """
)


def test_two_processes_writing_at_once_both_record_everything(tmp_path):
    db = tmp_path / "db.sqlite3"
    open_database(db).close()
    code = WRITER.format(repo=str(REPO), db=str(db))
    procs = [subprocess.Popen([sys.executable, "-c", code, name], stderr=subprocess.PIPE) for name in "ab"]
    errors = [proc.communicate()[1].decode() for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], errors
    store = ReviewStore(open_database(db))
    assert store.reviews_total() == 300
    assert len(store.cards("p")) == 300
    assert isinstance(store.card("p", "a-0"), CardState)


def test_a_full_disk_is_a_readable_error_and_keeps_what_was_saved(tmp_path):
    store = ReviewStore(open_database(tmp_path / "db.sqlite3"))
    store.record("p", "kept", 3, CardState(state=2, due=1.0), reviewed_at=1.0)
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow: as good as a full disk
    with pytest.raises(StudyAppError, match="could not save: the disk is full"):
        for i in range(10_000):
            store.record("p", f"q{i}", 3, CardState(state=2, due=1.0), reviewed_at=1.0)
    assert store.card("p", "kept") is not None
    assert not store.conn.in_transaction
