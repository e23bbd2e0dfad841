"""`studyapp config [NAME VALUE] [--json]`: show or change the study settings."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from studyapp.commands.common import add_json_flag, data_paths, print_json


def register(commands, groups) -> None:
    parser = commands.add_parser("config", help="show or set study settings (desired_retention, new_per_day)")
    parser.add_argument("name", nargs="?", help="setting to change")
    parser.add_argument("value", nargs="?", help="its new value")
    add_json_flag(parser)
    parser.set_defaults(run=run_config)


def run_config(args: argparse.Namespace) -> int:
    from studyapp.errors import StudyAppError
    from studyapp.store.database import open_database
    from studyapp.store.settings import set_setting, study_settings

    if args.name and args.value is None:
        raise StudyAppError(f"give a value: studyapp config {args.name} VALUE")
    conn = open_database(data_paths(args).database)
    try:
        settings = set_setting(conn, args.name, args.value) if args.name else study_settings(conn)
    finally:
        conn.close()
    if args.json:
        print_json(asdict(settings))
    else:
        for name, value in asdict(settings).items():
            print(f"{name} = {value}")
    return 0
