"""Fixtures for every test: an isolated data dir and a `cli(...)` runner."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyapp.cli import main


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def cli(capsys, data_dir):
    """`cli(*argv)` runs `studyapp --data-dir <tmp> *argv` → (exit code, stdout, stderr)."""

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["--data-dir", str(data_dir), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run
