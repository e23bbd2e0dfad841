"""The home and study screens driven by keys, checked against the widgets and the database."""

import sqlite3
import textwrap

import pytest
from textual.widgets import Button, DataTable, Markdown

from studyapp.store.reviews import ReviewStore
from studyapp.ui.home_screen import HomeScreen
from studyapp.ui.study_screen import AnswerBox, StudyScreen

PACK = textwrap.dedent(
    """
    id: ui-test
    title: UI test
    topics:
      - {id: t, title: T}
      - {id: u, title: U}
    questions:
      - id: card
        kind: flashcard
        topics: [t]
        front: "[bold]What[/bold] is dropout?"
        back: Zeroing units at random.
        explanation: Survivors are scaled by 1/(1−p).
        lab: {name: dropout, set: {p: 0.3}}
      - id: pick
        kind: mcq
        topics: [u]
        prompt: Which is the drop probability in nn.Dropout(p)?
        choices: [1 - p, p, 1/p]
        answer: b
        explanation: p is the probability of zeroing.
      - id: word
        kind: typed
        topics: [u]
        prompt: Which optimizer keeps two moment estimates?
        answers: [Adam]
        explanation: m and v.
    """
)


@pytest.fixture
def make_app(tmp_path):
    from studyapp.ui.app import StudyApp

    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "ui-test.yaml").write_text(PACK, encoding="utf-8")

    def make(**kwargs):
        return StudyApp(data_dir=tmp_path / "data", pack_dirs=(folder,), **kwargs)

    return make


async def rate_easy_until(pilot, screen: StudyScreen, question_id: str) -> None:
    """Reveal and rate Easy every card before `question_id` (which must come up in this session)."""
    while screen.shown.id != question_id:
        await pilot.press("space", "4")
        await pilot.pause()


def reviews(app) -> list[tuple[str, int]]:
    return app.db.execute("SELECT question_id, rating FROM reviews ORDER BY id").fetchall()


async def test_reveal_then_rate_stores_the_rating(make_app):
    app = make_app(start_study=("ui-test", ("t",)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.shown.id == "card"
        await pilot.press("3")  # rating before reveal does nothing
        assert reviews(app) == []
        await pilot.press("space")
        await pilot.pause()
        assert screen.revealed
        assert "Good" in str(screen.query_one("#rate-3", Button).label)
        await pilot.press("3")
        await pilot.pause()
        assert reviews(app) == [("card", 3)]
        assert ReviewStore(app.db).card("ui-test", "card") is not None


async def test_mcq_letter_marks_and_suggests_a_rating(make_app):
    app = make_app(start_study=("ui-test", ("u",)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        await rate_easy_until(pilot, screen, "pick")
        await pilot.press("a")
        await pilot.pause()
        assert screen.revealed and screen.verdict is False
        assert screen.query_one("#rate-1", Button).variant == "primary"  # Again suggested
        await pilot.press("1")
        await pilot.pause()
        assert ("pick", 1) in reviews(app)


async def test_typed_card_space_on_empty_box_reveals_and_enter_checks(make_app):
    app = make_app(start_study=("ui-test", ("u",)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        await rate_easy_until(pilot, screen, "word")
        assert app.focused is screen.query_one(AnswerBox)
        await pilot.press("space")
        await pilot.pause()
        assert screen.revealed and screen.verdict is None
        await pilot.press("1")  # Again: it comes back in this session
        await pilot.pause()
        await rate_easy_until(pilot, screen, "word")
        await pilot.press(*"adam", "enter")
        await pilot.pause()
        assert screen.revealed and screen.verdict is True


async def test_undo_takes_back_the_last_rating(make_app):
    app = make_app(start_study=("ui-test", ()))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        first = screen.shown.id
        await pilot.press("space", "4")
        await pilot.pause()
        assert len(reviews(app)) == 1
        await pilot.press("u")
        await pilot.pause()
        assert reviews(app) == []
        assert screen.shown.id == first and not screen.revealed


async def test_while_typing_an_answer_u_types_and_ctrl_z_undoes(make_app):
    app = make_app(start_study=("ui-test", ("u",)))  # pick (mcq), then word (typed)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        await rate_easy_until(pilot, screen, "word")
        box = screen.query_one(AnswerBox)
        assert app.focused is box and len(reviews(app)) == 1
        await pilot.press("u")
        await pilot.pause()
        assert box.value == "u" and len(reviews(app)) == 1  # typed, not undone
        active = screen.active_bindings  # what the Footer shows
        assert active["ctrl+z"].binding.description == "Undo rating" and "u" not in active
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert reviews(app) == [] and screen.shown.id != "word" and not screen.revealed


async def test_pack_markup_is_shown_literally(make_app):
    app = make_app(start_study=("ui-test", ("t",)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        prompt = app.screen.query_one("#study-prompt", Markdown)
        assert "[bold]What[/bold]" in prompt.source


async def test_session_end_shows_a_summary_and_home_counts_update(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        row = next(i for i, r in enumerate(home.rows) if r.pack.id == "ui-test" and r.topic_id == "t")
        assert home.rows[row].counts.new == 1
        home.query_one(DataTable).move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        await pilot.press("space", "4")
        await pilot.pause()
        assert app.screen.shown is None
        assert "Session complete" in str(app.screen.query_one("#study-done").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home
        assert home.rows[row].counts.new == 0


async def test_unknown_pack_is_a_message_not_a_crash(make_app):
    app = make_app(start_study=("no-such-pack", ()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_full_disk_while_studying_is_a_message_not_a_crash(make_app):
    app = make_app(start_study=("ui-test", ()))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        pages = app.db.execute("PRAGMA page_count").fetchone()[0]
        app.db.execute(f"PRAGMA max_page_count = {pages}")
        for size in (200, 20, 1):  # fill every page, big rows then small ones, as a full disk would
            with pytest.raises(sqlite3.OperationalError, match="full"):
                while True:
                    app.db.execute(
                        "INSERT INTO reviews (pack_id, question_id, rating, reviewed_at, state_before,"
                        f" due_after) VALUES ('filler', hex(randomblob({size})), 3, 0, 0, 0)"
                    )
        shown = screen.shown.id
        await pilot.press("space", "3")
        await pilot.pause()
        assert app.is_running and app.screen is screen
        assert screen.shown.id == shown and screen.revealed  # still on the card, ready to retry
        assert any("could not save" in str(n.message) for n in app._notifications)


async def test_reload_picks_up_edited_packs_and_keeps_progress(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.db.execute(
            "INSERT INTO cards (pack_id, question_id, state, due, reps, lapses)"
            " VALUES ('ui-test', 'card', 2, 9e12, 1, 0)"
        )
        pack_file = tmp_path / "packs" / "ui-test.yaml"
        edited = pack_file.read_text(encoding="utf-8").replace("title: UI test", "title: UI test, edited")
        edited = edited.replace("back: Zeroing units at random.", "back: Units zeroed, survivors scaled.")
        pack_file.write_text(edited, encoding="utf-8")
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [row] = [r for r in app.screen.rows if r.pack.id == "ui-test" and r.topic_id is None]
        assert row.title == "UI test, edited"
        assert (row.counts.new, row.counts.total) == (2, 3)  # 'card' is still studied after the edit


async def test_a_narrow_terminal_crops_the_title_not_the_cards_left(make_app):
    app = make_app(start_study=("ui-test", ("t", "u")))
    async with app.run_test(size=(44, 20)) as pilot:
        await pilot.pause()
        progress = app.screen.query_one("#study-progress")
        assert str(progress.content).startswith("3 left   reviewed 0")
        assert progress.region.right <= 44  # all of it on screen
        title = app.screen.query_one("#study-title")
        assert title.region.width < len(str(title.content))  # "Study · UI test · T, U" is the part cut
