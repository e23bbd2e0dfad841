"""`studyapp quiz [PACK_ID] [--count N] [--time 10m] [--per-question 45s] [--topics a,b] [--kinds k,k]`.

Everything is checked before the app opens: a bad pack, topic, kind or duration is one line on stderr.
"""

from __future__ import annotations

import argparse

from studyapp.commands.common import data_paths
from studyapp.quiz.options import DEFAULT_COUNT


def register(commands, groups) -> None:
    parser = commands.add_parser("quiz", help="take a quiz, optionally timed")
    parser.add_argument(
        "pack_id", nargs="?", metavar="PACK_ID", help="pack to draw from (default: deep-learning)"
    )
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT, metavar="N", help="number of questions")
    parser.add_argument("--time", metavar="DURATION", help="limit for the whole quiz, e.g. 10m or 1m30s")
    parser.add_argument("--per-question", metavar="DURATION", help="limit per question, e.g. 45s")
    parser.add_argument("--topics", metavar="A,B", help="only questions on these topics (comma-separated)")
    parser.add_argument("--kinds", metavar="K,K", help="only these kinds, e.g. mcq,numeric")
    parser.add_argument("--seed", type=int, metavar="S", help="draw the same questions again")
    parser.set_defaults(run=run_quiz)


def run_quiz(args: argparse.Namespace) -> int:
    from studyapp.content.library import Library
    from studyapp.quiz.setup import build_options, split_list

    paths = data_paths(args)
    library = Library.discover(paths, extra_dirs=args.pack_dir)
    options = build_options(
        library.packs,
        pack_id=args.pack_id,
        count=args.count,
        total_time=args.time,
        per_question_time=args.per_question,
        topics=split_list(args.topics),
        kinds=split_list(args.kinds),
        seed=args.seed,
    )  # every check happens here, before the app opens

    from studyapp.commands.tui import run_app

    return run_app(paths.root, args.pack_dir, start_quiz=options)
