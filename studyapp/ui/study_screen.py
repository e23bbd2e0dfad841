"""Flashcard study: Space reveals, 1-4 rate (each button shows the interval it gives), `u` undoes.

Multiple choice: letters pick (mcq) or toggle (multi) a choice before revealing; the app marks it and
suggests a rating. Typed and numeric cards have an optional answer box: Enter checks what was typed,
Space on an empty box reveals as for any card. `l` opens the question's lab.
"""

from __future__ import annotations

import secrets
import time

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Markdown, Static

from studyapp.content.grading import grade
from studyapp.content.model import Flashcard, Generated, MultipleChoice, MultiSelect, Question, choice_letter
from studyapp.errors import StudyAppError
from studyapp.quiz.instances import instantiate_at, load_instantiate, worked_solution
from studyapp.quiz.selection import choose_pack
from studyapp.scheduling.fsrs_scheduler import RATINGS, Scheduler, format_interval
from studyapp.store.reviews import ReviewStore
from studyapp.store.settings import study_settings
from studyapp.study.session import StudySession
from studyapp.ui.widgets import CHOICE_BINDINGS

AGAIN, GOOD = 1, 3


class AnswerBox(Input):
    """The optional answer box: Enter checks the answer; Space while it is empty reveals."""

    class RevealRequested(Message):
        pass

    BINDINGS = [Binding("enter", "submit", "Check answer")]  # noqa: RUF012 (Textual's convention)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "space" and not self.value:
            event.prevent_default()
            event.stop()
            self.post_message(self.RevealRequested())
            return
        await super()._on_key(event)


class StudyScreen(Screen[None]):
    DEFAULT_CSS = """
    StudyScreen #study-header { height: 1; padding: 0 1; background: $panel; }
    StudyScreen #study-title { width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
    StudyScreen #study-progress { width: auto; padding-left: 3; }
    StudyScreen #study-body { height: 1fr; padding: 0 2; }
    StudyScreen #study-prompt { margin: 1 0 0 0; }
    StudyScreen #study-choices { margin: 0 0 1 2; height: auto; }
    StudyScreen #study-input { margin: 0 2 1 2; display: none; }
    StudyScreen #study-input.-shown { display: block; }
    StudyScreen #study-answer { border: round $primary; padding: 0 1; height: auto; display: none; }
    StudyScreen #study-answer.-shown { display: block; }
    StudyScreen #study-answer.-right { border: round $success; }
    StudyScreen #study-answer.-wrong { border: round $error; }
    StudyScreen #study-ratings { height: 3; display: none; padding: 0 1; }
    StudyScreen #study-ratings.-shown { display: block; }
    StudyScreen #study-ratings Button { width: 1fr; min-width: 10; margin: 0 1 0 0; }
    StudyScreen #study-done { padding: 1 2; display: none; height: auto; }
    StudyScreen #study-done.-shown { display: block; }
    """

    BINDINGS = [  # noqa: RUF012 (Textual's convention)
        Binding("space", "reveal", "Reveal answer"),
        Binding("enter", "reveal", "Reveal answer", show=False),
        Binding("1", "rate(1)", "Again"),
        Binding("2", "rate(2)", "Hard"),
        Binding("3", "rate(3)", "Good"),
        Binding("4", "rate(4)", "Easy"),
        *CHOICE_BINDINGS,
        Binding("u,ctrl+z", "undo", "Undo rating"),
        Binding("l", "lab", "Open lab"),
        Binding("escape", "home", "Home"),
    ]

    def __init__(self, pack_id: str | None = None, topics: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.pack_id = pack_id
        self.topics = tuple(topics)
        self.session: StudySession | None = None
        self.shown: Question | None = None
        """The question on screen: the pack's question, or a generated template's instance."""
        self.revealed = False
        self.picked: set[str] = set()
        self.verdict: bool | None = None
        self._shown_at = time.monotonic()

    def compose(self) -> ComposeResult:
        with Horizontal(id="study-header"):
            yield Static(id="study-title")  # cropped first when the terminal is narrow
            yield Static(id="study-progress")
        with VerticalScroll(id="study-body"):
            yield Markdown(id="study-prompt", open_links=False)
            yield Static(id="study-choices", markup=False)
            yield AnswerBox(
                id="study-input", placeholder="type your answer and press Enter, or Space to reveal"
            )
            yield Markdown(id="study-answer", open_links=False)
            yield Static(id="study-done", markup=False)
        with Horizontal(id="study-ratings"):
            for rating, label in RATINGS.items():
                yield Button(label, id=f"rate-{rating}", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        try:
            pack = choose_pack(self.app.library.packs, self.pack_id)
            settings = study_settings(self.app.db)
            store = ReviewStore(self.app.db)
            new_today = store.new_cards_since(_start_of_day())
            self.session = StudySession(
                pack,
                store,
                Scheduler(settings.desired_retention),
                topics=self.topics,
                new_limit=max(0, settings.new_per_day - new_today),
            )
        except StudyAppError as exc:
            self.app.notify(str(exc), severity="error", markup=False)
            self.app.pop_screen()
            return
        self._show_next()

    # -- actions --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        shown = self.shown
        match action:
            case "reveal":
                return shown is not None and not self.revealed
            case "rate":
                return shown is not None and self.revealed
            case "letter":
                if shown is None or self.revealed or not isinstance(shown, MultipleChoice | MultiSelect):
                    return False
                return ord(str(parameters[0])) - ord("a") < len(shown.choices)
            case "undo":
                return self.session is not None and self.session.can_undo
            case "lab":
                return shown is not None and shown.lab is not None
        return True

    def action_reveal(self) -> None:
        shown = self.shown
        if shown is None or self.revealed:
            return
        typed = self.query_one(AnswerBox).value.strip()
        if isinstance(shown, MultipleChoice | MultiSelect) and self.picked:
            response = next(iter(self.picked)) if isinstance(shown, MultipleChoice) else set(self.picked)
            self.verdict = grade(shown, response)
        elif typed and not isinstance(shown, Flashcard | MultipleChoice | MultiSelect):
            self.verdict = grade(shown, typed)
        self.revealed = True
        self._draw()

    def on_answer_box_reveal_requested(self, _message: AnswerBox.RevealRequested) -> None:
        self.action_reveal()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_reveal()

    def action_letter(self, letter: str) -> None:
        if isinstance(self.shown, MultipleChoice):
            self.picked = {letter}
            self.action_reveal()
        else:
            self.picked ^= {letter}
            self._draw()

    def action_rate(self, rating: int) -> None:
        if self.session is None or not self.revealed:
            return
        elapsed_ms = int((time.monotonic() - self._shown_at) * 1000)
        try:
            self.session.rate(rating, duration_ms=elapsed_ms)
        except StudyAppError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self._show_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id and event.button.id.startswith("rate-"):
            self.action_rate(int(event.button.id.removeprefix("rate-")))

    def action_undo(self) -> None:
        if self.session is None:
            return
        try:
            question = self.session.undo()
        except StudyAppError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if question is None:
            self.notify("Nothing to undo.")
            return
        self.notify("Last rating undone.")
        self._show_next()

    def action_lab(self) -> None:
        if self.shown is not None and self.shown.lab is not None:
            self.app.open_lab(self.shown.lab.name, self.shown.lab.settings)

    def action_home(self) -> None:
        self.app.pop_screen()

    # -- flow -----------------------------------------------------------------------------------

    def _show_next(self) -> None:
        session = self.session
        question = session.current if session else None
        self.shown = self._instance(question) if question is not None else None
        self.revealed = False
        self.picked = set()
        self.verdict = None
        self._shown_at = time.monotonic()
        box = self.query_one(AnswerBox)
        box.value = ""
        self._draw()
        if self._typing:
            box.focus()
        else:
            self.query_one("#study-body").focus()

    def _instance(self, question: Question) -> Question:
        """A generated template becomes a fresh instance (new numbers every time it is shown)."""
        if not isinstance(question, Generated):
            return question
        instantiate = load_instantiate()
        if instantiate is None:
            return question
        try:  # shown only while a session runs
            return instantiate_at(instantiate, self.session.pack, question, secrets.randbelow(2**31))
        except StudyAppError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return question

    @property
    def _typing(self) -> bool:
        return (
            self.shown is not None
            and not self.revealed
            and not isinstance(self.shown, Flashcard | MultipleChoice | MultiSelect)
        )

    # -- drawing --------------------------------------------------------------------------------

    def _draw(self) -> None:
        self._draw_header()
        shown = self.shown
        done = self.query_one("#study-done", Static)
        done.set_class(shown is None, "-shown")
        self.query_one("#study-prompt").display = shown is not None
        self.query_one(AnswerBox).set_class(self._typing, "-shown")
        if shown is None:
            done.update(self._summary_text())
            self.query_one("#study-choices").display = False
            self.query_one("#study-answer").set_class(False, "-shown")
            self.query_one("#study-ratings").set_class(False, "-shown")
            self.refresh_bindings()
            return
        self.query_one("#study-prompt", Markdown).update(shown.prompt_text)
        choices = self._choices_text(shown)
        self.query_one("#study-choices", Static).update(choices)
        self.query_one("#study-choices").display = bool(choices.plain)
        answer = self.query_one("#study-answer", Markdown)
        answer.set_class(self.revealed, "-shown")
        answer.set_class(self.verdict is True, "-right")
        answer.set_class(self.verdict is False, "-wrong")
        if self.revealed:
            answer.update(self._answer_markdown(shown))
            self._draw_ratings()
            self.call_after_refresh(self.query_one("#study-body", VerticalScroll).scroll_end, animate=False)
        self.query_one("#study-ratings").set_class(self.revealed, "-shown")
        self.refresh_bindings()

    def _draw_header(self) -> None:
        session = self.session
        title, progress = Text(), Text()
        if session is not None:
            title.append(f"Study · {session.pack.title}", "bold")
            if self.topics:
                title.append(" · " + ", ".join(session.pack.topic_title(t) for t in self.topics))
            progress.append(f"{session.remaining} left   reviewed {session.summary.reviewed}")
            if self.shown is not None and session.current is not None and session.is_new(session.current):
                progress.append("   new card", "bold blue")
        self.query_one("#study-title", Static).update(title)
        self.query_one("#study-progress", Static).update(progress)

    def _choices_text(self, shown: Question) -> Text:
        text = Text()
        if isinstance(shown, MultipleChoice | MultiSelect):
            correct = {shown.correct} if isinstance(shown, MultipleChoice) else set(shown.correct)
            for index, choice in enumerate(shown.choices):
                letter = choice_letter(index)
                style = ""
                if self.revealed and index in correct:
                    style = "bold green"
                elif self.revealed and letter in self.picked:
                    style = "bold red"
                if isinstance(shown, MultiSelect):
                    text.append("[x] " if letter in self.picked else "[ ] ", style)
                else:
                    text.append("▶ " if letter in self.picked else "  ", style)
                text.append(f"{letter}) ", "bold")
                text.append(choice + "\n", style)
            if not self.revealed:
                how = (
                    "toggle choices with their letters" if isinstance(shown, MultiSelect) else "pick a letter"
                )
                text.append(f"\n{how}, or press Space to reveal", "dim")
        elif isinstance(shown, Flashcard) and not self.revealed:
            text.append("Recall the answer, then press Space.", "dim")
        text.rstrip()
        return text

    def _answer_markdown(self, shown: Question) -> str:
        parts = []
        if self.verdict is not None:
            parts.append(
                "**✓ Right** — suggested: Good (3)" if self.verdict else "**✗ Wrong** — suggested: Again (1)"
            )
        typed = self.query_one(AnswerBox).value.strip()
        if typed and self.verdict is not None and not isinstance(shown, MultipleChoice | MultiSelect):
            parts.append(f"Your answer: {typed}")
        parts.append(
            f"**Answer:** {shown.answer_text}" if not isinstance(shown, Flashcard) else shown.answer_text
        )
        solution = worked_solution(shown)
        if solution:
            parts.append(f"**Worked solution:** {solution}")
        if shown.explanation:
            parts.append(shown.explanation)
        if shown.lab is not None:
            parts.append(f"*Press l to open the {shown.lab.name} lab.*")
        return "\n\n".join(parts)

    def _draw_ratings(self) -> None:
        if self.session is None:
            return
        intervals = self.session.preview()
        suggested = None if self.verdict is None else (GOOD if self.verdict else AGAIN)
        for rating, label in RATINGS.items():
            button = self.query_one(f"#rate-{rating}", Button)
            button.label = f"{rating} {label} · {format_interval(intervals[rating])}"
            button.variant = "primary" if rating == suggested else "default"

    def _summary_text(self) -> Text:
        session = self.session
        text = Text()
        if session is None:
            return text
        summary = session.summary
        if summary.reviewed == 0:
            text.append("Nothing to study here right now.\n", "bold")
            text.append("No card is due and today's new cards are done. Come back later, or take a quiz.")
        else:
            text.append("Session complete.\n\n", "bold")
            text.append(f"Reviewed {summary.reviewed} card(s), {summary.new_seen} new.\n")
            text.append(
                "  ".join(f"{label}: {summary.ratings[rating]}" for rating, label in RATINGS.items()) + "\n"
            )
        text.append("\nEscape: back home   u: undo the last rating", "dim")
        return text


def _start_of_day() -> float:
    """Unix time of today's local midnight (the daily new-card limit resets then)."""
    now = time.localtime()
    return time.mktime((now.tm_year, now.tm_mon, now.tm_mday, 0, 0, 0, 0, 0, -1))
