"""The stats screen in a tiny app that only has `db` and `library`: widgets, numbers, keys, small sizes."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.app import App
from textual.widgets import DataTable, Static
from textual_plotext import PlotextPlot

from studyapp.content.library import Library
from studyapp.ui.stats_screen import StatsScreen
from tests.stats.conftest import NOW, add_card, add_review, make_pack
from tests.stats.test_topics import quiz


class StatsApp(App[None]):
    def __init__(self, conn, packs) -> None:
        super().__init__()
        self.db = conn
        self.library = Library(packs=list(packs))

    def on_mount(self) -> None:
        self.push_screen(StatsScreen(now=lambda: NOW))


async def loaded(pilot) -> StatsScreen:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, StatsScreen) and screen.data is not None
    return screen


def text_of(screen: StatsScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


async def test_a_fresh_database_shows_hints_instead_of_plots(conn):
    app = StatsApp(conn, [make_pack()])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert text_of(screen, "#stats-totals") == "0 reviews in all  ·  0 due now  ·  3 new  ·  0 quizzes"
        for key in ("reviews", "retention", "forecast"):
            assert not screen.query_one(f"#{key}-plot", PlotextPlot).display
            assert screen.query_one(f"#{key}-empty", Static).display
        assert "No reviews in the last 30 days yet" in text_of(screen, "#reviews-empty")
        assert text_of(screen, "#stats-topics") == "No ratings or quiz answers yet."
        assert not screen.query_one(DataTable).display
        assert "No quizzes yet" in text_of(screen, "#quizzes-empty")


async def test_numbers_plots_topics_and_quizzes(conn):
    add_card(conn, "mini", "q1", NOW - timedelta(hours=1))
    add_card(conn, "mini", "q2", NOW + timedelta(days=3))
    add_review(conn, NOW - timedelta(days=1), rating=1, question_id="q1")
    add_review(conn, NOW - timedelta(hours=1), rating=3, question_id="q1")
    quiz(conn, datetime(2024, 5, 14, 9, 30), [("q3", True, False), ("q2", False, False)])
    app = StatsApp(conn, [make_pack()])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert text_of(screen, "#stats-totals") == "2 reviews in all  ·  1 due now  ·  1 new  ·  1 quiz"
        for key in ("reviews", "retention", "forecast"):
            assert screen.query_one(f"#{key}-plot", PlotextPlot).display
            assert not screen.query_one(f"#{key}-empty", Static).display
        topics = text_of(screen, "#stats-topics").splitlines()
        # x: q1 Again + Good, q2 answered wrong → 1 of 3; y: q3 right, q2 wrong → 1 of 2.
        assert topics[0].startswith("Topic X") and topics[0].endswith(" 33%  1/3")
        assert topics[1].startswith("Topic Y") and topics[1].endswith(" 50%  1/2")
        table = screen.query_one(DataTable)
        assert table.row_count == 1
        row = [str(cell) for cell in table.get_row_at(0)]
        assert row == ["2024-05-14 09:30", "mini", "1/2 (50%)", "10s", "finished"]


async def test_days_key_cycles_the_window_and_escape_goes_back(conn):
    add_review(conn, NOW - timedelta(days=20))
    app = StatsApp(conn, [make_pack()])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert screen.query_one("#reviews-plot", PlotextPlot).display  # 20 days ago is in the last 30
        await pilot.press("d")  # 30 → 90
        await loaded(pilot)
        assert screen.data["days"] == 90
        await pilot.press("d", "d")  # 90 → 365 → 7
        await loaded(pilot)
        assert screen.data["days"] == 7
        assert not screen.query_one("#reviews-plot", PlotextPlot).display
        assert "last 7 days" in text_of(screen, "#reviews-empty")
        await pilot.press("escape")
        assert not isinstance(app.screen, StatsScreen)


async def test_refresh_reads_new_rows(conn):
    app = StatsApp(conn, [make_pack()])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert screen.data["reviews_total"] == 0
        add_review(conn, NOW - timedelta(hours=2))
        await pilot.press("r")
        await loaded(pilot)
        assert text_of(screen, "#stats-totals").startswith("1 review in all")


async def test_keys_are_labelled_in_the_footer(conn):
    app = StatsApp(conn, [make_pack()])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        shown = {(key.key, key.description) for key in screen.query("FooterKey")}
        assert {("escape", "Back"), ("r", "Refresh"), ("d", "Days: 7/30/90/365")} <= shown


async def test_survives_a_tiny_terminal(conn):
    add_card(conn, "mini", "q1", NOW + timedelta(days=1))
    add_review(conn, NOW - timedelta(hours=1), rating=3, question_id="q1")
    app = StatsApp(conn, [make_pack()])
    async with app.run_test(size=(40, 12)) as pilot:
        screen = await loaded(pilot)
        body = screen.query_one("#stats-body")
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y > 0  # the content is taller than the screen and scrolls
        assert screen.query_one("#forecast-plot", PlotextPlot).display
