"""Command line: `studyapp [--data-dir DIR] <command>`. Errors print one line on stderr and exit 2."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from studyapp import __version__
from studyapp.errors import StudyAppError

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's default prints usage over several lines
        raise StudyAppError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="studyapp", description=__doc__)
    parser.add_argument("--version", action="version", version=f"studyapp {__version__}")
    parser.add_argument("--data-dir", help="keep all user state here (default: the user data dir)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        del args
        return 0
    except StudyAppError as exc:
        print(f"studyapp: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
