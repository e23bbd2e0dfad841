"""A plain Textual app with the home screen's widgets (header, hint, 5-column table of 8 rows, footer with
the same 6 keys) and no studyapp code: what that screen costs in Textual alone, for comparison."""

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static


class HomeLikeScreen(Screen[None]):
    BINDINGS = [  # noqa: RUF012 (Textual's convention)
        Binding("enter", "noop", "Study", priority=True),
        Binding("q", "noop_2", "Quiz"),
        Binding("l", "noop_3", "Labs"),
        Binding("t", "noop_4", "Stats"),
        Binding("r", "noop_5", "Reload packs"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Pick a pack or a topic and press Enter to study its due and new cards.")
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label in ("Pack / topic", "New", "Due", "Total", "Origin"):
            table.add_column(label)
        for row in range(8):
            table.add_row(f"topic {row}", "3", "1", "12", "")
        table.focus()

    def action_noop(self) -> None: ...

    action_noop_2 = action_noop_3 = action_noop_4 = action_noop_5 = action_noop


class HomeLikeApp(App):
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]  # noqa: RUF012

    def on_mount(self) -> None:
        self.push_screen(HomeLikeScreen())
