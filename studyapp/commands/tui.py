"""`studyapp` with no command: open the app on the home screen."""

from __future__ import annotations

import argparse

from studyapp.commands.common import data_paths


def run_home(args: argparse.Namespace) -> int:
    from studyapp.ui.app import StudyApp

    StudyApp(data_dir=data_paths(args).root, pack_dirs=args.pack_dir).run()
    return 0
