"""Choosing a quiz: the same choices as `studyapp quiz` (pack, count, time limits, topics, kinds, seed)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Select, SelectionList, Static

from studyapp.content.model import QUESTION_KINDS, Pack
from studyapp.errors import StudyAppError
from studyapp.quiz.options import DEFAULT_COUNT, QuizOptions
from studyapp.quiz.selection import choose_pack
from studyapp.quiz.setup import build_options


class QuizSetupScreen(Screen[None]):
    """A form; Start (or Enter in a field) checks it and replaces this screen with the quiz."""

    DEFAULT_CSS = """
    QuizSetupScreen #setup-body { padding: 0 1; }
    QuizSetupScreen .setup-title { text-style: bold; margin: 1 1; }
    QuizSetupScreen #setup-columns { height: auto; }
    QuizSetupScreen .setup-column { width: 1fr; height: auto; padding: 0 1; }
    QuizSetupScreen .setup-row { height: 1; margin-bottom: 1; }
    QuizSetupScreen .setup-row Label { width: 14; }
    QuizSetupScreen .setup-row Input, QuizSetupScreen .setup-row Select { width: 1fr; }
    QuizSetupScreen SelectionList { height: auto; max-height: 8; margin-bottom: 1; }
    QuizSetupScreen #setup-error { color: $error; height: auto; }
    QuizSetupScreen #setup-start { margin-bottom: 1; }
    """

    BINDINGS = [  # noqa: RUF012 (Textual's convention)
        Binding("ctrl+s", "start", "Start quiz", priority=True),
        Binding("escape", "cancel", "Back"),
    ]

    def __init__(self, pack_id: str | None = None) -> None:
        super().__init__()
        self.pack_id = pack_id

    def compose(self) -> ComposeResult:
        packs = self.app.library.packs
        pack = choose_pack(packs, self.pack_id) if packs else None
        with VerticalScroll(id="setup-body"):
            yield Static("New quiz", classes="setup-title")
            with Horizontal(id="setup-columns"):
                with Vertical(classes="setup-column"):
                    with Horizontal(classes="setup-row"):
                        yield Label("Pack")
                        yield Select(
                            [(p.title, p.id) for p in packs],
                            value=pack.id if pack else Select.NULL,
                            allow_blank=False,
                            compact=True,
                            id="setup-pack",
                        )
                    yield from self._field("Questions", "setup-count", str(DEFAULT_COUNT), "integer", "")
                    yield from self._field("Total time", "setup-time", "", "text", "none (10m, 1m30s)")
                    yield from self._field("Per question", "setup-per-question", "", "text", "none (45s)")
                    yield from self._field("Seed", "setup-seed", "", "integer", "random")
                    yield Button("Start quiz", id="setup-start", variant="primary")
                    yield Static(id="setup-error", markup=False)
                with Vertical(classes="setup-column"):
                    yield Label("Topics (none ticked: all)")
                    yield SelectionList[str](*self._topic_choices(pack), id="setup-topics")
                    yield Label("Kinds (none ticked: all)")
                    yield SelectionList[str](*((kind, kind) for kind in QUESTION_KINDS), id="setup-kinds")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#setup-count", Input).focus()

    @staticmethod
    def _field(label: str, field_id: str, value: str, kind: str, placeholder: str) -> ComposeResult:
        with Horizontal(classes="setup-row"):
            yield Label(label)
            yield Input(value, id=field_id, type=kind, placeholder=placeholder, compact=True)

    @staticmethod
    def _topic_choices(pack: Pack | None) -> list[tuple[str, str]]:
        return [(topic.title, topic.id) for topic in pack.topics] if pack else []

    @on(Select.Changed, "#setup-pack")
    def _pack_changed(self, event: Select.Changed) -> None:
        pack = choose_pack(self.app.library.packs, str(event.value))
        topics = self.query_one("#setup-topics", SelectionList)
        topics.clear_options()
        topics.add_options(self._topic_choices(pack))

    @on(Button.Pressed, "#setup-start")
    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        try:
            options = self._options()
        except StudyAppError as exc:
            self.query_one("#setup-error", Static).update(Text(str(exc)))
            return
        from studyapp.ui.quiz_screen import QuizScreen

        self.app.switch_screen(QuizScreen(options))

    def action_cancel(self) -> None:
        self.app.pop_screen()

    def _options(self) -> QuizOptions:
        """The form as `QuizOptions`, checked exactly as the CLI checks its flags."""
        count_text = self.query_one("#setup-count", Input).value.strip()
        seed_text = self.query_one("#setup-seed", Input).value.strip()
        try:
            count = int(count_text) if count_text else DEFAULT_COUNT
            seed = int(seed_text) if seed_text else None
        except ValueError as exc:
            raise StudyAppError("the question count and the seed must be whole numbers") from exc
        return build_options(
            self.app.library.packs,
            pack_id=str(self.query_one("#setup-pack", Select).value),
            count=count,
            total_time=self.query_one("#setup-time", Input).value.strip(),
            per_question_time=self.query_one("#setup-per-question", Input).value.strip(),
            topics=self.query_one("#setup-topics", SelectionList).selected,
            kinds=self.query_one("#setup-kinds", SelectionList).selected,
            seed=seed,
        )
