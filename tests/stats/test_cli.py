"""`studyapp stats`: JSON on stdout with --json, the stats screen otherwise, one-line errors."""

from __future__ import annotations

import json
import textwrap
from datetime import datetime, timedelta

import pytest

from studyapp.cli import main
from studyapp.content.library import Library
from studyapp.paths import DataPaths
from studyapp.store.database import open_database
from tests.stats.conftest import add_card, add_review

PACK_YAML = textwrap.dedent(
    """
    id: cli-mini
    title: CLI mini
    topics:
      - {id: basics, title: Basics}
    questions:
      - {id: one, kind: flashcard, topics: [basics], front: One?, back: One.}
      - {id: two, kind: flashcard, topics: [basics], front: Two?, back: Two.}
    """
)


def stats_json(capsys, *argv: str) -> dict:
    assert main([*argv, "stats", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_fresh_data_dir(tmp_path, capsys):
    result = stats_json(capsys, "--data-dir", str(tmp_path))
    bundled = Library.discover(DataPaths.resolve(tmp_path)).packs
    assert result["reviews_total"] == 0
    assert result["cards_due"] == 0
    assert result["cards_new"] == sum(len(pack.questions) for pack in bundled)
    assert result["quiz_attempts"] == []
    assert len(result["reviews_by_day"]) == 30 and len(result["forecast"]) == 30


def test_progress_in_the_data_dir_and_an_extra_pack(tmp_path, capsys):
    packs = tmp_path / "extra"
    packs.mkdir()
    (packs / "cli-mini.yaml").write_text(PACK_YAML, encoding="utf-8")
    data = tmp_path / "data"
    conn = open_database(DataPaths.resolve(data).ensure().database)
    now = datetime.now()
    add_card(conn, "cli-mini", "one", now - timedelta(hours=1))
    add_review(conn, now, rating=3, pack_id="cli-mini", question_id="one")
    conn.close()
    bundled = Library.discover(DataPaths.resolve(data)).packs

    result = stats_json(capsys, "--data-dir", str(data), "--pack-dir", str(packs))

    assert result["reviews_total"] == 1
    assert result["cards_due"] == 1
    assert result["cards_new"] == sum(len(pack.questions) for pack in bundled) + 1
    assert result["reviews_by_day"][-1]["reviews"] == 1
    assert [(t["pack"], t["topic"], t["accuracy"]) for t in result["topics"]] == [("cli-mini", "basics", 1.0)]


def test_days_sets_the_history_window(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path), "stats", "--json", "--days", "7"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["days"] == 7 and len(result["reviews_by_day"]) == 7


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["stats", "--json", "--days", "0"], "--days must be between 1 and 3650"),
        (["stats", "--days", "3651"], "--days must be between 1 and 3650"),
    ],
)
def test_bad_days_is_one_line_on_stderr(tmp_path, capsys, argv, message):
    assert main(["--data-dir", str(tmp_path), *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_without_json_the_app_opens_on_the_stats_screen(tmp_path, monkeypatch):
    opened = {}

    class FakeApp:
        def __init__(self, **kwargs):
            opened.update(kwargs)

        def run(self):
            opened["ran"] = True

    monkeypatch.setattr("studyapp.ui.app.StudyApp", FakeApp)
    assert main(["--data-dir", str(tmp_path), "--pack-dir", "somewhere", "stats"]) == 0
    assert opened == {
        "data_dir": tmp_path,
        "pack_dirs": ["somewhere"],
        "start_screen": "stats",
        "stats_days": None,
        "gc_paused": True,
        "ran": True,
    }
