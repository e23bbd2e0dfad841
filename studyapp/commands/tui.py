"""Opening the TUI: `studyapp` with no command, and every command that starts it on a screen."""

from __future__ import annotations

import argparse
import gc
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from studyapp.commands.common import data_paths


def run_home(args: argparse.Namespace) -> int:
    return run_app(data_paths(args).root, args.pack_dir)


def run_app(
    data_dir: Path,
    pack_dirs: Sequence[str] = (),
    *,
    run_options: Mapping[str, Any] | None = None,
    **start: Any,
) -> int:
    """Run the app (`start`: the screen to open on, see `StudyApp`) until it closes; returns 0.

    Start-up allocates only long-lived objects (modules, packs, widgets), so the cyclic garbage collector is
    paused from the first import until the first screen is drawn; the app then moves what start-up made out
    of the collector's way (`gc.freeze`) and resumes it. It is on again when this returns, whatever happened.
    """
    gc.disable()
    try:
        from studyapp.ui.app import StudyApp

        StudyApp(data_dir=data_dir, pack_dirs=pack_dirs, gc_paused=True, **start).run(**(run_options or {}))
    finally:
        gc.enable()
    return 0
