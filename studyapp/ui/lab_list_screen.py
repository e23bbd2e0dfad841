"""Every lab with its title and summary; Enter (or a click) opens it."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from studyapp.labs import get_lab, lab_names
from studyapp.ui.lab_screen import LabScreen


class LabOptions(OptionList):
    BINDINGS = [  # noqa: RUF012 (Textual's convention)
        Binding("enter", "select", "Open lab"),
    ]


class LabListScreen(Screen[None]):
    DEFAULT_CSS = """
    LabListScreen #labs-title { text-style: bold; padding: 1 2 0 2; height: auto; }
    LabListScreen #labs-hint { color: $text-muted; padding: 0 2 1 2; height: auto; }
    LabListScreen LabOptions { height: 1fr; margin: 0 1; }
    """

    BINDINGS = [  # noqa: RUF012 (Textual's convention)
        Binding("escape", "back", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Labs", id="labs-title")
        yield Static("Change a setting and the numbers and plots update at once.", id="labs-hint")
        options: list[Option | None] = []
        for name in lab_names():
            options += [self._option(name), None]
        yield LabOptions(*options[:-1], id="labs-list")
        yield Footer()

    @staticmethod
    def _option(name: str) -> Option:
        lab = get_lab(name)
        prompt = Text.assemble((lab.title, "bold"), "\n", (lab.summary, "dim"))
        return Option(prompt, id=name)

    def on_mount(self) -> None:
        self.query_one(LabOptions).focus()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.app.push_screen(LabScreen(event.option.id))

    def action_back(self) -> None:
        self.dismiss()
