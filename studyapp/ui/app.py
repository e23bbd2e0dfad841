"""The Textual app: holds the data dir, the open database and the loaded packs; screens do the rest."""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding

from studyapp.content.library import Library
from studyapp.content.model import Pack
from studyapp.errors import StudyAppError
from studyapp.paths import DataPaths
from studyapp.store.database import open_database
from studyapp.study.studied_cards import place_cards
from studyapp.ui.home_screen import HomeScreen, size_label

if TYPE_CHECKING:
    from studyapp.quiz.options import QuizOptions


LARGE_PACK_CHARS = 1_000_000


def announce_parse(path: Path, size: int) -> None:
    """Before the screen opens: say so when a large pack is read afresh (later starts use the cache)."""
    if size >= LARGE_PACK_CHARS:
        note = f"studyapp: reading {path.name} ({size_label(size)}; later starts use the cache)…"
        print(note, file=sys.stderr)


def announce_placing(pack: Pack, cards: int) -> None:
    """Before the screen opens: say so when many studied cards of a new or changed pack are placed again."""
    note = f"studyapp: indexing {cards:,} studied cards of {pack.id} (once per pack version)…"
    print(note, file=sys.stderr)


def resume_collector() -> None:
    """Start-up is over: what it allocated lives on, so it leaves future collections (`gc.freeze`; the few
    thousand objects of start-up garbage among them stay too); the cyclic garbage collector runs again."""
    gc.freeze()
    gc.enable()


class StudyApp(App[None]):
    """`StudyApp(data_dir=...)` opens on the home screen; `start_quiz`, `start_lab=(name, settings)`,
    `start_study=(pack_id, topics)` or `start_screen="stats"` open straight on that screen instead
    (`stats_days`: the days of history it shows first). `gc_paused=True`: the caller paused the garbage
    collector for start-up; the app resumes it once the first screen is drawn (`resume_collector`)."""

    TITLE = "studyapp"
    SUB_TITLE = "deep-learning interview prep"
    CSS_PATH = "studyapp.tcss"
    BINDINGS = [  # noqa: RUF012 (Textual's convention)
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        data_dir: str | Path | None = None,
        *,
        pack_dirs: Iterable[str | Path] = (),
        start_quiz: QuizOptions | None = None,
        start_lab: tuple[str, Mapping[str, Any]] | None = None,
        start_study: tuple[str | None, tuple[str, ...]] | None = None,
        start_screen: str | None = None,
        stats_days: int | None = None,
        gc_paused: bool = False,
    ) -> None:
        super().__init__()
        self.paths = DataPaths.resolve(data_dir).ensure()
        self.pack_dirs = tuple(pack_dirs)
        self.db = open_database(self.paths.database)
        self.library = Library.discover(self.paths, extra_dirs=self.pack_dirs, on_parse=announce_parse)
        for pack in self.library.packs:
            place_cards(pack, self.db, on_rewrite=announce_placing)
        self._start = (start_quiz, start_lab, start_study, start_screen)
        self._stats_days = stats_days
        self._gc_paused = gc_paused

    def read_library(self, on_parse: Callable[[Path, int], None] | None = None) -> Library:
        """The pack files read again, as a new `Library` (progress is kept: it is stored by pack and
        question id). Touches no app state, so a worker thread may call it; the caller swaps `library`."""
        return Library.discover(self.paths, extra_dirs=self.pack_dirs, on_parse=on_parse)

    def place_cards(self, packs: Iterable[Pack], on_rewrite: Callable[[Pack, int], None]) -> None:
        """Bring the packs' card places up to date (`place_cards`) over a connection of its own, so that a
        worker thread may call it. They only speed up counting: a database that fails here is left be."""
        with (
            contextlib.suppress(StudyAppError),
            contextlib.closing(open_database(self.paths.database)) as conn,
        ):
            for pack in packs:
                place_cards(pack, conn, on_rewrite)

    def get_default_screen(self) -> HomeScreen:
        return HomeScreen()

    def on_mount(self) -> None:
        if self._gc_paused:
            self.call_after_refresh(resume_collector)
        for notice in self.db.notices:
            self.notify(notice, severity="warning", markup=False, timeout=10)
        for problem in self.library.problems[:3]:
            self.notify(
                problem, title="A pack could not be loaded", severity="error", markup=False, timeout=10
            )
        start_quiz, start_lab, start_study, start_screen = self._start
        if start_quiz is not None:
            from studyapp.ui.quiz_screen import QuizScreen

            self.push_screen(QuizScreen(start_quiz))
        elif start_lab is not None:
            self.open_lab(*start_lab)
        elif start_study is not None:
            from studyapp.ui.study_screen import StudyScreen

            self.push_screen(StudyScreen(*start_study))
        elif start_screen == "stats":
            from studyapp.ui.stats_screen import StatsScreen

            self.push_screen(StatsScreen() if self._stats_days is None else StatsScreen(self._stats_days))

    def open_lab(self, name: str, settings: Mapping[str, Any] | None = None) -> None:
        """Open lab `name` with preset settings (clamped to its bounds); a problem becomes a notification."""
        from studyapp.ui.lab_screen import LabScreen

        try:
            screen = LabScreen(name, dict(settings or {}))
        except StudyAppError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.push_screen(screen)

    def on_unmount(self) -> None:
        self.db.close()
