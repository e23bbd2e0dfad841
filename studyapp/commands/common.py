"""Helpers shared by CLI commands: data-dir resolution and JSON output."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from studyapp.paths import DataPaths


def data_paths(args: argparse.Namespace) -> DataPaths:
    """The data dir chosen by `--data-dir` / $STUDYAPP_DATA_DIR / platform default, created if missing."""
    return DataPaths.resolve(getattr(args, "data_dir", None)).ensure()


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
