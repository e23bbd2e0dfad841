"""Progress: totals, reviews per day, retention per week, the due forecast, accuracy per topic and quizzes.

Reads `app.db` and `app.library.packs`; the statistics come from `studyapp.stats.summary`, computed in a
worker thread so a large history never blocks the keys. A statistic without data shows a short hint
instead of an empty plot.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual_plotext import PlotextPlot

from studyapp.quiz.durations import format_duration
from studyapp.stats.summary import DEFAULT_DAYS, summary
from studyapp.ui.widgets import share_bar

DAY_CHOICES = (7, 30, 90, 365)
TICKS = 5
REVIEWS_COLOR = (70, 140, 245)
RETENTION_COLOR = (60, 185, 80)
FORECAST_COLOR = (245, 155, 40)


def local_now() -> datetime:
    return datetime.now().astimezone()


class StatsScreen(Screen[None]):
    """`d` cycles the days of history shown (7, 30, 90, 365); `r` reads the database again."""

    DEFAULT_CSS = """
    StatsScreen #stats-body { padding: 0 1; }
    StatsScreen .stats-heading { margin-top: 1; text-style: bold; }
    StatsScreen .stats-plot { height: 10; min-height: 6; }
    StatsScreen .stats-empty { height: auto; color: $text-muted; }
    StatsScreen #stats-topics { height: auto; }
    StatsScreen #stats-quizzes { height: auto; max-height: 12; }
    """

    BINDINGS = [  # noqa: RUF012 (Textual's convention)
        Binding("escape", "back", "Back"),
        Binding("r", "refresh", "Refresh"),
        Binding("d", "cycle_days", "Days: 7/30/90/365"),
    ]

    def __init__(self, days: int = DEFAULT_DAYS, *, now: Callable[[], datetime] = local_now) -> None:
        super().__init__()
        self.days = days
        self.now = now
        self.data: dict[str, Any] | None = None
        """The summary shown (None until the first load finishes)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="stats-body"):
            yield Static("Loading…", id="stats-totals")
            for key in ("reviews", "retention", "forecast"):
                yield Static(id=f"{key}-heading", classes="stats-heading")
                yield PlotextPlot(id=f"{key}-plot", classes="stats-plot")
                yield Static(id=f"{key}-empty", classes="stats-empty")
            yield Static(id="topics-heading", classes="stats-heading")
            yield Static(id="stats-topics")
            yield Static("Quiz history", classes="stats-heading")
            yield DataTable(id="stats-quizzes", cursor_type="row", zebra_stripes=True)
            yield Static(id="quizzes-empty", classes="stats-empty")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#stats-quizzes", DataTable)
        for label in ("Started", "Pack", "Score", "Time", "End"):
            table.add_column(label, key=label.lower())
        self.query_one("#stats-body").focus()
        self.action_refresh()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_refresh(self) -> None:
        self._load(self.days)

    def action_cycle_days(self) -> None:
        later = [d for d in DAY_CHOICES if d > self.days]
        self.days = later[0] if later else DAY_CHOICES[0]
        self.action_refresh()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self, days: int) -> None:
        try:
            data = summary(self.app.db, self.app.library.packs, self.now(), days=days)
        except sqlite3.Error as exc:
            self.app.call_from_thread(
                self.notify, f"Could not read the statistics: {exc}", severity="error", markup=False
            )
            return
        self.app.call_from_thread(self._show, data)

    def _show(self, data: dict[str, Any]) -> None:
        if not self.is_attached:  # left before the numbers arrived
            return
        self.data = data
        days = data["days"]
        self.query_one("#stats-totals", Static).update(_totals(data))
        by_day = data["reviews_by_day"]
        self._section(
            "reviews",
            f"Reviews per day (last {days} days)",
            f"No reviews in the last {days} days yet: study some cards and they show here.",
            lambda plt: _bars(plt, by_day, "reviews", REVIEWS_COLOR),
            any(day["reviews"] for day in by_day),
        )
        weeks = data["retention"]
        self._section(
            "retention",
            "Retention per week (% of review cards recalled)",
            "No reviews of learned cards yet: retention shows once cards come back for review.",
            lambda plt: _retention(plt, weeks),
            any(week["rate"] is not None for week in weeks),
        )
        forecast = data["forecast"]
        self._section(
            "forecast",
            f"Due in the next {len(forecast)} days (overdue cards count on today)",
            f"Nothing is due in the next {len(forecast)} days.",
            lambda plt: _bars(plt, forecast, "cards", FORECAST_COLOR),
            any(day["cards"] for day in forecast),
        )
        self.query_one("#topics-heading", Static).update(f"Accuracy per topic (last {days} days)")
        self.query_one("#stats-topics", Static).update(
            _topics(data["topics"]) if data["topics"] else Text("No ratings or quiz answers yet.", "dim")
        )
        self._quizzes(data["quiz_attempts"])

    def _section(
        self, key: str, heading: str, empty: str, draw: Callable[[Any], None], has_data: bool
    ) -> None:
        self.query_one(f"#{key}-heading", Static).update(heading)
        plot = self.query_one(f"#{key}-plot", PlotextPlot)
        plot.display = has_data
        empty_hint = self.query_one(f"#{key}-empty", Static)
        empty_hint.display = not has_data
        empty_hint.update(empty)
        if has_data:
            plot.plt.clear_figure()
            draw(plot.plt)
            plot.refresh()

    def _quizzes(self, attempts: list[dict[str, Any]]) -> None:
        table = self.query_one("#stats-quizzes", DataTable)
        table.clear()
        for attempt in reversed(attempts):  # newest first
            total, correct = attempt["total"], attempt["correct"]
            percent = f" ({round(100 * correct / total)}%)" if total else ""
            table.add_row(
                _local_time(attempt["started_at"]),
                Text(attempt["pack"]),
                f"{correct}/{total}{percent}",
                format_duration(attempt["seconds"]),
                _ending(attempt),
            )
        table.display = bool(attempts)
        hint = self.query_one("#quizzes-empty", Static)
        hint.display = not attempts
        hint.update("No quizzes yet: take one from the home screen or with `studyapp quiz`.")


def _totals(data: dict[str, Any]) -> Text:
    text = Text()
    for one, many, value in (
        ("review in all", "reviews in all", data["reviews_total"]),
        ("due now", "due now", data["cards_due"]),
        ("new", "new", data["cards_new"]),
        ("quiz", "quizzes", len(data["quiz_attempts"])),
    ):
        if text:
            text.append("  ·  ", "dim")
        text.append(f"{value:,}", "bold")
        text.append(f" {one if value == 1 else many}")
    return text


def _ticks(dates: list[str]) -> tuple[list[int], list[str]]:
    """About TICKS evenly spaced positions, labelled MM-DD."""
    step = max(1, -(-len(dates) // TICKS))
    positions = list(range(0, len(dates), step))
    return positions, [dates[i][5:] for i in positions]


def _count_ticks(highest: int) -> list[int]:
    """Whole-number y ticks from 0 past `highest`, at most about TICKS of them."""
    step = max(1, -(-highest // (TICKS - 1)))
    return list(range(0, highest + step, step))


def _bars(plt, days: list[dict[str, Any]], field: str, color: tuple[int, int, int]) -> None:
    counts = [day[field] for day in days]
    plt.bar(list(range(len(days))), counts, color=color, width=0.8)
    plt.xticks(*_ticks([day["date"] for day in days]))
    ticks = _count_ticks(max(counts))
    plt.yticks(ticks, [str(t) for t in ticks])
    plt.ylim(0, ticks[-1])


def _retention(plt, weeks: list[dict[str, Any]]) -> None:
    points = [(i, 100 * week["rate"]) for i, week in enumerate(weeks) if week["rate"] is not None]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    plt.plot(xs, ys, marker="braille", color=RETENTION_COLOR)
    plt.scatter(xs, ys, marker="dot", color=RETENTION_COLOR)
    plt.ylim(0, 100)
    plt.yticks([0, 25, 50, 75, 100], ["0", "25", "50", "75", "100"])
    plt.xlim(-0.5, len(weeks) - 0.5)
    plt.xticks(*_ticks([week["start"] for week in weeks]))


def _topics(topics: list[dict[str, Any]]) -> Text:
    """One line per topic: title (with its pack when there are several), a bar, percent and right/seen."""
    several_packs = len({topic["pack"] for topic in topics}) > 1
    titles = [f"{t['pack']}: {t['title']}" if several_packs else t["title"] for t in topics]
    width = min(28, max(len(title) for title in titles))
    text = Text()
    for topic, title in zip(topics, titles, strict=True):
        seen = topic["ratings"] + topic["answers"]
        right = topic["recalled"] + topic["correct"]
        text.append(f"{title[:width]:<{width}}  ")
        share_bar(text, topic["accuracy"])
        text.append(f" {round(100 * topic['accuracy']):>3}%  {right}/{seen}\n")
    text.rstrip()
    return text


def _local_time(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def _ending(attempt: dict[str, Any]) -> Text:
    if attempt["timed_out"]:
        return Text("timed out", "yellow")
    if attempt["interrupted"]:
        return Text("interrupted", "red")
    if attempt["finished_at"] is None:
        return Text("in progress", "dim")
    return Text("finished", "green")
