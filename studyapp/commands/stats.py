"""`studyapp stats [--json] [--days N]`: progress statistics on the stats screen, or as JSON."""

from __future__ import annotations

import argparse
import sys

from studyapp.commands.common import add_json_flag, data_paths, print_json
from studyapp.errors import StudyAppError

MAX_DAYS = 3650


def register(commands, groups) -> None:
    parser = commands.add_parser("stats", help="show progress: reviews, retention, due forecast, quizzes")
    add_json_flag(parser)
    parser.add_argument(
        "--days",
        type=int,
        metavar="N",
        help="days of history shown, on the screen or in the JSON (default 30)",
    )
    parser.set_defaults(run=run_stats)


def run_stats(args: argparse.Namespace) -> int:
    if args.days is not None and not 1 <= args.days <= MAX_DAYS:
        raise StudyAppError(f"--days must be between 1 and {MAX_DAYS}")
    paths = data_paths(args)
    if not args.json:
        from studyapp.commands.tui import run_app

        return run_app(paths.root, args.pack_dir, start_screen="stats", stats_days=args.days)

    from datetime import datetime

    from studyapp.content.library import Library
    from studyapp.stats.summary import DEFAULT_DAYS, summary
    from studyapp.store.database import open_database

    library = Library.discover(paths, extra_dirs=args.pack_dir)
    conn = open_database(paths.database)
    try:
        for notice in conn.notices:
            print(f"studyapp: {notice}", file=sys.stderr)
        result = summary(conn, library.packs, datetime.now().astimezone(), days=args.days or DEFAULT_DAYS)
    finally:
        conn.close()
    print_json({**result, "problems": library.problems})
    return 0
