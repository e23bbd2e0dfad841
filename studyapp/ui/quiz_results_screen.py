"""The end of a quiz: score, time used, per-topic breakdown and every mistake with the right answer."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from studyapp.quiz.durations import format_duration
from studyapp.quiz.options import QuizOptions
from studyapp.quiz.result import QuizResult
from studyapp.ui.widgets import share_bar


class QuizResultsScreen(Screen[None]):
    """Shows a `QuizResult`; `r` starts a quiz over the mistakes (when there are any)."""

    DEFAULT_CSS = """
    QuizResultsScreen #results-body { padding: 1 2; }
    QuizResultsScreen .results-section { margin-top: 1; text-style: bold; }
    QuizResultsScreen .results-mistake {
        margin-top: 1; padding: 0 1; border-left: thick $error; height: auto;
    }
    """

    BINDINGS = [  # noqa: RUF012 (Textual's convention)
        Binding("r", "retry", "Retry mistakes"),
        Binding("escape", "home", "Home"),
        Binding("h", "home", "Home", show=False),
    ]

    def __init__(
        self, result: QuizResult, retry: QuizOptions | None, *, clock: Callable[[], float] | None = None
    ) -> None:
        super().__init__()
        self.result = result
        self.retry = retry
        self.clock = clock

    def compose(self) -> ComposeResult:
        result = self.result
        with VerticalScroll(id="results-body"):
            yield Static(self._summary(), id="results-summary")
            yield Static("By topic", classes="results-section")
            yield Static(self._topics(), id="results-topics")
            if result.mistakes:
                yield Static(f"Mistakes ({len(result.mistakes)})", classes="results-section")
                for mistake in result.mistakes:
                    text = Text()
                    text.append(f"{mistake.position}. ", "bold")
                    text.append(mistake.prompt + "\n")
                    text.append("Your answer: ", "bold")
                    text.append(mistake.given + "\n")
                    text.append("Right answer: ", "bold")
                    text.append(mistake.answer + "\n")
                    if mistake.explanation:
                        text.append(mistake.explanation + "\n", "italic")
                    if mistake.solution:
                        text.append("Worked solution: ", "bold")
                        text.append(mistake.solution + "\n")
                    text.rstrip()
                    yield Static(text, classes="results-mistake", markup=False)
            else:
                yield Static("No mistakes.", classes="results-section")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#results-body").focus()

    def _summary(self) -> Text:
        result = self.result
        percent = round(100 * result.correct / result.total) if result.total else 0
        text = Text()
        text.append(f"Score {result.score_text}", "bold")
        text.append(f"  ({percent}%)\n")
        text.append(f"Time used: {format_duration(result.seconds)}\n")
        if result.timed_out:
            text.append("Time ran out", "bold red")
            text.append(f": {result.unanswered} question(s) left unanswered count as wrong.\n")
        elif result.interrupted:
            text.append("Abandoned before the end.\n", "bold yellow")
        elif result.unanswered:
            text.append(f"Unanswered (skipped or out of time): {result.unanswered}\n")
        text.rstrip()
        return text

    def _topics(self) -> Text:
        text = Text()
        width = max((len(topic.title) for topic in self.result.topics), default=0)
        for topic in self.result.topics:
            text.append(f"{topic.title:<{width}}  ")
            share_bar(text, topic.correct / topic.total if topic.total else 0.0)
            text.append(f"  {topic.correct}/{topic.total}\n")
        text.rstrip()
        return text

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry":
            return self.retry is not None
        return True

    def action_retry(self) -> None:
        from studyapp.ui.quiz_screen import QuizScreen

        if self.retry is not None:
            self.app.switch_screen(QuizScreen(self.retry, clock=self.clock))

    def action_home(self) -> None:
        self.app.pop_screen()
