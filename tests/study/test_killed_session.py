"""`kill -9` in the middle of a study session loses no rating that was given."""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from studyapp.store.database import open_database
from studyapp.store.reviews import ReviewStore

REPO = Path(__file__).resolve().parents[2]
KILLED_SESSION = textwrap.dedent(
    """
    import os, signal, sys
    sys.path.insert(0, {repo!r})
    from studyapp.scheduling.fsrs_scheduler import Scheduler
    from studyapp.store.database import open_database
    from studyapp.store.reviews import ReviewStore
    from studyapp.study.session import StudySession
    from tests.study.conftest import make_pack

    session = StudySession(make_pack(4), ReviewStore(open_database({db!r})), Scheduler(), new_limit=10)
    for rating in (3, 1, 4):
        session.rate(rating)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_session_keeps_every_rating(tmp_path):
    db = tmp_path / "studyapp.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    code = KILLED_SESSION.format(repo=str(REPO), db=str(db))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True)
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()
    store = ReviewStore(open_database(db))
    ratings = [row[0] for row in store.conn.execute("SELECT rating FROM reviews ORDER BY id")]
    assert ratings == [3, 1, 4]
    assert len(store.cards("mini")) == 3
