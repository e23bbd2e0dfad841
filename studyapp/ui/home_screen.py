"""Home: every pack and its topics with new / due / total counts; study, quiz, labs and stats from here."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, LoadingIndicator, Static
from textual.worker import Worker, WorkerState

from studyapp.store.reviews import ReviewStore
from studyapp.study.overview import OverviewRow, overview

if TYPE_CHECKING:
    from pathlib import Path

    from studyapp.content.library import Library
    from studyapp.content.model import Pack


def size_label(chars: int) -> str:
    """`chars` of pack text in MB (one decimal) from 0.1 MB up, else in kB."""
    return f"{chars / 1e6:.1f} MB" if chars >= 100_000 else f"{max(chars // 1000, 1)} kB"


class HomeScreen(Screen[None]):
    BINDINGS = [  # noqa: RUF012 (Textual's convention)
        Binding("enter", "study", "Study", priority=True),
        Binding("q", "quiz", "Quiz"),
        Binding("l", "labs", "Labs"),
        Binding("t", "stats", "Stats"),
        Binding("r", "reload", "Reload packs"),
    ]

    reloading: reactive[bool] = reactive(False, init=False)
    """True while a worker thread reads the pack files again; the reload status line shows meanwhile."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[OverviewRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="home-hint")
        with Horizontal(id="home-reload"):
            yield Static(id="home-reload-status")
        yield DataTable(id="home-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # Text labels: a plain string would be parsed as markup (and load Rich's emoji table at start-up).
        table.add_column(Text("Pack / topic"), key="title")
        for label in ("New", "Due", "Total"):
            table.add_column(Text(label), key=label.lower())
        table.add_column(Text("Origin"), key="origin")
        table.focus()

    def on_screen_resume(self) -> None:
        self.refresh_counts()

    def refresh_counts(self) -> None:
        """Recount from the database (after a session, a quiz, or a reload)."""
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        self.rows = overview(self.app.library.packs, ReviewStore(self.app.db), time.time())
        for index, row in enumerate(self.rows):
            is_pack = row.topic_id is None
            title = Text(row.title, style="bold" if is_pack else "")
            if not is_pack:
                title = Text("  ") + title
            counts = row.counts
            table.add_row(
                title,
                Text(str(counts.new), style="blue" if counts.new else "dim"),
                Text(str(counts.due), style="green bold" if counts.due else "dim"),
                Text(str(counts.total)),
                Text(row.pack.origin if is_pack else "", style="dim"),
                key=str(index),
            )
        if self.rows:
            table.move_cursor(row=min(cursor, len(self.rows) - 1))
        hint = (
            "Pick a pack or a topic and press Enter to study its due and new cards."
            if self.rows
            else "No packs are loaded. Add one with `studyapp pack add FILE`, then press r."
        )
        self.query_one("#home-hint", Static).update(Text(hint, style="dim"))

    def _selected(self) -> OverviewRow | None:
        table = self.query_one(DataTable)
        return self.rows[table.cursor_row] if self.rows and table.cursor_row < len(self.rows) else None

    def action_study(self) -> None:
        row = self._selected()
        if row is None:
            return
        from studyapp.ui.study_screen import StudyScreen

        topics = (row.topic_id,) if row.topic_id else ()
        self.app.push_screen(StudyScreen(row.pack.id, topics))

    def action_quiz(self) -> None:
        from studyapp.ui.quiz_setup_screen import QuizSetupScreen

        row = self._selected()
        self.app.push_screen(QuizSetupScreen(row.pack.id if row else None))

    def action_labs(self) -> None:
        from studyapp.ui.lab_list_screen import LabListScreen

        self.app.push_screen(LabListScreen())

    def action_stats(self) -> None:
        from studyapp.ui.stats_screen import StatsScreen

        self.app.push_screen(StatsScreen())

    def action_reload(self) -> None:
        """Read the pack files again in a worker thread; `r` while one runs only says so."""
        if self.reloading:
            self.notify("Already reloading the packs.")
            return
        self.show_reload_status("Reloading packs…")
        self.reloading = True
        self.read_packs()

    def watch_reloading(self, reloading: bool) -> None:
        """Show the status line with a loading indicator while reloading; hide both after."""
        self.set_class(reloading, "-reloading")
        row = self.query_one("#home-reload", Horizontal)
        if reloading:
            row.mount(LoadingIndicator(), before=0)  # mounted only meanwhile: it repaints 16 times a second
        else:
            row.query(LoadingIndicator).remove()

    def show_reload_status(self, text: str) -> None:
        """Put `text` (plain, not markup) on the reload status line."""
        self.query_one("#home-reload-status", Static).update(Text(text))

    @work(thread=True, group="reload", exit_on_error=False)
    def read_packs(self) -> Library:
        """In a worker thread: a fresh `Library`, with the places of its cards updated (`place_cards`); the
        status line names each pack parsed afresh, and each changed one with many cards to index again."""

        def on_parse(path: Path, size: int) -> None:
            self.app.call_from_thread(self.show_reload_status, f"Reading {path.name} ({size_label(size)})…")

        def on_rewrite(pack: Pack, cards: int) -> None:
            status = f"Indexing {cards:,} studied cards of {pack.title}…"
            self.app.call_from_thread(self.show_reload_status, status)

        library = self.app.read_library(on_parse=on_parse)
        self.app.place_cards(library.packs, on_rewrite)
        return library

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The reload ended: swap in the new library (or keep the old one and say why)."""
        worker = event.worker
        if worker.group != "reload" or not worker.is_finished:
            return
        self.reloading = False
        if event.state == WorkerState.SUCCESS:
            self.app.library = worker.result
            self.refresh_counts()
            problems = self.app.library.problems
            if problems:
                self.notify(problems[0], title="A pack could not be loaded", severity="error", markup=False)
            else:
                self.notify(f"Reloaded {len(self.app.library.packs)} pack(s); progress is kept.")
        elif event.state == WorkerState.ERROR:
            error = worker.error
            self.notify(
                f"{str(error) or type(error).__name__}; the packs loaded before are kept.",
                title="The packs could not be reloaded",
                severity="error",
                markup=False,
            )
