"""The study and config commands: errors are one line and exit 2; settings round-trip."""

import json
import os
import subprocess
import sys

from studyapp.cli import main


def test_study_unknown_pack_is_one_line_exit_2(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path), "study", "no-such-pack"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown pack 'no-such-pack'" in err


def test_study_unknown_topic_is_one_line_exit_2(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path), "study", "deep-learning", "--topics", "poetry"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown topic poetry" in err


def test_config_sets_and_shows_settings(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path), "config", "new_per_day", "5"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path), "config", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"desired_retention": 0.9, "new_per_day": 5}


def test_config_out_of_bounds_is_refused(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path), "config", "desired_retention", "1.5"]) == 2
    assert "between 0.7 and 0.99" in capsys.readouterr().err


def test_unusable_data_dir_is_one_line_exit_2(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    env = {**os.environ, "STUDYAPP_DATA_DIR": str(blocker / "data")}
    done = subprocess.run(
        [sys.executable, "-m", "studyapp", "config", "--json"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "cannot use data dir" in done.stderr
    assert "Traceback" not in done.stderr


def test_bad_usage_is_one_line(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path), "no-such-command"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
