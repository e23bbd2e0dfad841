"""Command line: `studyapp [--data-dir DIR] <command>`. Errors print one line on stderr and exit 2.

Each command lives in its own module under `studyapp.commands` (found automatically) and exposes
`register(commands, groups)`, adding its parser with `set_defaults(run=callable)`; the callable takes the
parsed args and returns an exit code. Modules import heavy dependencies inside their handlers so that
`studyapp --help` and start-up stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

from studyapp import __version__
from studyapp.errors import StudyAppError

EXIT_USAGE = 2
GROUPS = {
    "pack": "manage question packs",
    "lab": "list and run the live labs",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's default prints usage over several lines
        raise StudyAppError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="studyapp", description="Study deep learning in the terminal.")
    parser.add_argument("--version", action="version", version=f"studyapp {__version__}")
    parser.add_argument("--data-dir", help="keep all user state here (default: the user data dir)")
    parser.add_argument(
        "--pack-dir", action="append", default=[], metavar="DIR", help="also load packs from DIR (repeatable)"
    )
    commands = parser.add_subparsers(dest="command", metavar="<command>", parser_class=_Parser)
    groups = {}
    for name, help_text in GROUPS.items():
        group = commands.add_parser(name, help=help_text)
        groups[name] = group.add_subparsers(
            dest=f"{name}_command", metavar="<subcommand>", parser_class=_Parser
        )
        group.set_defaults(run=_group_usage(group))
    for module_name in _command_modules():
        importlib.import_module(module_name).register(commands, groups)
    return parser


def _command_modules() -> list[str]:
    import studyapp.commands

    found = pkgutil.iter_modules(studyapp.commands.__path__, prefix="studyapp.commands.")
    return sorted(m.name for m in found if not m.name.endswith((".common", ".tui")))


def _group_usage(group: argparse.ArgumentParser):
    def run(args: argparse.Namespace) -> int:
        raise StudyAppError(f"missing subcommand; try `{group.prog} --help`")

    return run


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        run = getattr(args, "run", None)
        if run is None:
            from studyapp.commands.tui import run_home

            return run_home(args)
        return run(args)
    except StudyAppError as exc:
        print(f"studyapp: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `studyapp stats --json | head`: the reader left; exit quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
