"""The home screen's `r`: packs are read again in a worker thread with a status line, and the library is
swapped only when the read is done (a failed read keeps the old one)."""

import textwrap
import threading
from pathlib import Path

import pytest
from textual.widgets import DataTable, LoadingIndicator, Static

from studyapp.content.library import Library
from studyapp.errors import StudyAppError
from studyapp.store.card_places import CardPlaces
from studyapp.study import studied_cards
from studyapp.ui.home_screen import HomeScreen
from studyapp.ui.study_screen import StudyScreen

PACK = textwrap.dedent(
    """
    id: reload-test
    title: Reload test
    topics:
      - {id: t, title: T}
    questions:
      - id: one
        kind: flashcard
        topics: [t]
        front: What does dropout zero?
        back: Units, at random.
      - id: two
        kind: flashcard
        topics: [t]
        front: What scales the survivors?
        back: 1/(1−p).
    """
)
EXTRA = """\
  - id: three
    kind: flashcard
    topics: [t]
    front: Is dropout on at eval time?
    back: No.
"""


@pytest.fixture
def pack_file(tmp_path) -> Path:
    folder = tmp_path / "packs"
    folder.mkdir()
    path = folder / "reload-test.yaml"
    path.write_text(PACK, encoding="utf-8")
    return path


@pytest.fixture
def app(tmp_path, pack_file):
    from studyapp.ui.app import StudyApp

    return StudyApp(data_dir=tmp_path / "data", pack_dirs=(pack_file.parent,))


def status_text(screen: HomeScreen) -> str:
    return str(screen.query_one("#home-reload-status", Static).content)


def pack_cells(screen: HomeScreen, pack_id: str) -> list[str]:
    """The pack row's New / Due / Total cells as shown."""
    [index] = [i for i, r in enumerate(screen.rows) if r.pack.id == pack_id and r.topic_id is None]
    table = screen.query_one(DataTable)
    return [str(table.get_cell(str(index), key)) for key in ("new", "due", "total")]


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def assert_idle(screen: HomeScreen) -> None:
    assert not screen.reloading and not screen.has_class("-reloading")
    assert not screen.query_one("#home-reload").display
    assert not screen.query(LoadingIndicator)


async def finish_reload(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_reload_shows_new_counts_names_the_pack_read_and_keeps_progress(app, pack_file, monkeypatch):
    shown: list[str] = []
    real_show = HomeScreen.show_reload_status

    def show(self, text: str) -> None:
        shown.append(text)
        real_show(self, text)

    monkeypatch.setattr(HomeScreen, "show_reload_status", show)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert pack_cells(screen, "reload-test") == ["2", "0", "2"]
        app.db.execute(
            "INSERT INTO cards (pack_id, question_id, state, due, reps, lapses)"
            " VALUES ('reload-test', 'one', 2, 9e12, 1, 0)"
        )
        old_library = app.library
        pack_file.write_text(PACK + EXTRA, encoding="utf-8")
        await pilot.press("r")
        await finish_reload(pilot)
        assert app.library is not old_library
        assert pack_cells(screen, "reload-test") == ["2", "0", "3"]  # 'one' is still studied after the edit
        # Only the edited pack is parsed afresh (the bundled one comes from the cache), and it is named.
        assert shown == ["Reloading packs…", "Reading reload-test.yaml (1 kB)…"]
        assert_idle(screen)
        assert messages(app)[-1] == f"Reloaded {len(app.library.packs)} pack(s); progress is kept."


async def test_progress_shows_while_a_reload_runs_and_the_old_library_serves_meanwhile(app, monkeypatch):
    started, release = threading.Event(), threading.Event()
    real_discover = Library.discover.__func__

    def blocked_discover(cls, paths, extra_dirs=(), on_parse=None):
        on_parse(Path("big.yaml"), 5_300_000)
        started.set()
        assert release.wait(10), "the test never released the reload"
        return real_discover(cls, paths, extra_dirs, on_parse)

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert_idle(screen)
        old_library = app.library
        monkeypatch.setattr(Library, "discover", classmethod(blocked_discover))
        try:
            await pilot.press("r")
            for _ in range(200):
                if started.is_set() and "big.yaml" in status_text(screen):
                    break
                await pilot.pause(0.01)
            await pilot.pause()
            assert screen.reloading and screen.has_class("-reloading")
            assert screen.query_one("#home-reload").display
            assert len(screen.query_one("#home-reload").query(LoadingIndicator)) == 1
            assert status_text(screen) == "Reading big.yaml (5.3 MB)…"
            assert app.library is old_library

            await pilot.press("r")  # a second reload is refused, not started
            assert messages(app)[-1] == "Already reloading the packs."
            assert len([w for w in app.workers if w.group == "reload"]) == 1

            await pilot.press("enter")  # the UI answers, and a session uses the whole old library
            await pilot.pause()
            study = app.screen
            assert isinstance(study, StudyScreen)
            assert study.session.pack in old_library.packs
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen and screen.reloading
        finally:
            release.set()
        await finish_reload(pilot)
        assert app.library is not old_library
        assert [p.id for p in app.library.packs] == [p.id for p in old_library.packs]
        assert_idle(screen)
        assert messages(app)[-1].startswith("Reloaded ")


@pytest.mark.parametrize(
    "error, shown",
    [
        (
            PermissionError(13, "Permission denied", "/data/packs"),
            "[Errno 13] Permission denied: '/data/packs'",
        ),
        (StudyAppError("cannot read the packs folder"), "cannot read the packs folder"),
        (RuntimeError(), "RuntimeError"),
    ],
)
async def test_a_failed_reload_is_a_notification_and_keeps_the_old_library(
    app, pack_file, monkeypatch, error, shown
):
    def failing_discover(cls, paths, extra_dirs=(), on_parse=None):
        raise error

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        old_library = app.library
        with monkeypatch.context() as patch:
            patch.setattr(Library, "discover", classmethod(failing_discover))
            pack_file.write_text(PACK + EXTRA, encoding="utf-8")
            await pilot.press("r")
            await finish_reload(pilot)
        assert app.is_running and app.screen is screen
        assert app.library is old_library
        assert pack_cells(screen, "reload-test") == ["2", "0", "2"]
        assert_idle(screen)
        [failure] = [n for n in app._notifications if n.title == "The packs could not be reloaded"]
        assert failure.severity == "error"
        assert failure.message == f"{shown}; the packs loaded before are kept."

        await pilot.press("r")  # the next reload works
        await finish_reload(pilot)
        assert pack_cells(screen, "reload-test") == ["3", "0", "3"]


async def test_a_reload_places_a_changed_packs_cards_in_the_worker_and_says_so(app, pack_file, monkeypatch):
    monkeypatch.setattr(studied_cards, "MANY_CARDS", 1)  # so that one studied card is "many"
    shown: list[str] = []
    real_show = HomeScreen.show_reload_status
    monkeypatch.setattr(
        HomeScreen, "show_reload_status", lambda self, text: shown.append(text) or real_show(self, text)
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.db.execute(
            "INSERT INTO cards (pack_id, question_id, state, due, reps, lapses)"
            " VALUES ('reload-test', 'two', 2, 9e12, 1, 0)"
        )
        pack_file.write_text(PACK + EXTRA, encoding="utf-8")
        await pilot.press("r")
        await finish_reload(pilot)
        assert shown[-1] == "Indexing 1 studied cards of Reload test…"
        [pack] = [p for p in app.library.packs if p.id == "reload-test"]
        assert CardPlaces(app.db).fingerprint(pack.id) == pack.order_fingerprint
        assert pack_cells(app.screen, "reload-test") == ["2", "0", "3"]


def test_a_start_with_a_changed_pack_of_many_cards_says_so_before_the_screen_opens(
    tmp_path, pack_file, monkeypatch, capsys
):
    from studyapp.store.database import open_database
    from studyapp.ui.app import StudyApp

    monkeypatch.setattr(studied_cards, "MANY_CARDS", 1)
    conn = open_database(tmp_path / "data" / "studyapp.sqlite3")
    conn.execute("INSERT INTO cards (pack_id, question_id, state, due) VALUES ('reload-test', 'one', 2, 1.0)")
    conn.close()
    app = StudyApp(data_dir=tmp_path / "data", pack_dirs=(pack_file.parent,))
    said = capsys.readouterr().err
    assert "studyapp: indexing 1 studied cards of reload-test (once per pack version)…" in said
    [pack] = [p for p in app.library.packs if p.id == "reload-test"]
    assert CardPlaces(app.db).fingerprint(pack.id) == pack.order_fingerprint
    StudyApp(data_dir=tmp_path / "data", pack_dirs=(pack_file.parent,))  # unchanged since: nothing to say
    assert capsys.readouterr().err == ""
