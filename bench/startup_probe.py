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
    pilot.app.exit()


def main() -> None:
    which = sys.argv[1]
    if which == "hello":
        from hello_app import HelloApp

        app = HelloApp()
    elif which == "home-like":
        from home_like_app import HomeLikeApp

        app = HomeLikeApp()
    else:
        from studyapp.app import StudyApp

        app = StudyApp(data_dir=sys.argv[2])
        seen["packs"] = len(app.library.packs)
    app.run(headless=True, size=(100, 30), auto_pilot=_ready_then_exit)
    heavy = sorted(m for m in HEAVY if m in sys.modules)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"peak_kib": peak_kib, "heavy_modules": heavy, **seen}))


if __name__ == "__main__":
    main()
