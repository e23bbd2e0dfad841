"""A bare App that shows the lab list (or one lab) without the full StudyApp: `main()` runs it by hand."""

from __future__ import annotations

import sys

from textual.app import App

from studyapp.ui.lab_list_screen import LabListScreen
from studyapp.ui.lab_screen import LabScreen


class LabTestApp(App[None]):
    def __init__(self, lab: str | None = None, settings: dict | None = None) -> None:
        super().__init__()
        self.lab = lab
        self.settings = settings

    def on_mount(self) -> None:
        self.push_screen(LabScreen(self.lab, self.settings) if self.lab else LabListScreen())


def main() -> None:
    LabTestApp(sys.argv[1] if len(sys.argv) > 1 else None).run()
