"""Run one app headless until its first screen is up, then print what it cost as one JSON line.

Usage: python bench/startup_probe.py hello|home-like|studyapp [DATA_DIR]. Prints `peak_kib` (peak RSS),
`screen` (the screen that was up), `packs` (studyapp: packs loaded) and `heavy_modules` (those of HEAVY that
got imported). The parent times the whole process, so interpreter start-up counts the same for every app.
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

HEAVY = ("numpy", "fsrs", "plotext", "textual_plotext", "studyapp.engine", "scipy", "matplotlib", "torch")
seen: dict[str, object] = {}


async def _ready_then_exit(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    seen["screen"] = type(pilot.app.screen).__name__
    if hasattr(pilot.app, "library"):
        seen["packs"] = len(pilot.app.library.packs)
    pilot.app.exit()


RUN_HEADLESS = {"headless": True, "size": (100, 30), "auto_pilot": _ready_then_exit}


def main() -> None:
    which = sys.argv[1]
    if which == "studyapp":  # as the `studyapp` command opens it
        from studyapp.commands.tui import run_app

        run_app(Path(sys.argv[2]), run_options=RUN_HEADLESS)
    elif which == "hello":
        from hello_app import HelloApp

        HelloApp().run(**RUN_HEADLESS)
    else:
        from home_like_app import HomeLikeApp

        HomeLikeApp().run(**RUN_HEADLESS)
    heavy = sorted(m for m in HEAVY if m in sys.modules)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"peak_kib": peak_kib, "heavy_modules": heavy, **seen}))


if __name__ == "__main__":
    main()
