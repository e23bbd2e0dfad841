"""`studyapp study [PACK_ID] [--topics a,b]`: a flashcard session over due and new cards."""

from __future__ import annotations

import argparse

from studyapp.commands.common import data_paths


def register(commands, groups) -> None:
    parser = commands.add_parser("study", help="study flashcards with spaced repetition")
    parser.add_argument(
        "pack_id", nargs="?", metavar="PACK_ID", help="pack to study (default: deep-learning)"
    )
    parser.add_argument("--topics", metavar="A,B", help="only these topics (comma-separated)")
    parser.set_defaults(run=run_study)


def run_study(args: argparse.Namespace) -> int:
    from studyapp.content.library import Library
    from studyapp.quiz.selection import check_topics, choose_pack
    from studyapp.quiz.setup import split_list

    paths = data_paths(args)
    pack = choose_pack(Library.discover(paths, extra_dirs=args.pack_dir).packs, args.pack_id)
    topics = split_list(args.topics)
    check_topics(pack, topics)  # one line on stderr before the app opens

    from studyapp.commands.tui import run_app

    return run_app(paths.root, args.pack_dir, start_study=(pack.id, topics))
