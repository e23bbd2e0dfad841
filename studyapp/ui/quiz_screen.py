"""The quiz itself: one question at a time, a live countdown when timed, feedback after each answer.

Keys depend on the question: letters pick (mcq) or toggle (multi) a choice, Enter submits; typed and
numeric answers go in an input; flashcards reveal on Space, then `y` knew it / `n` didn't. `s` skips
(Ctrl+S while typing), Escape offers to abandon. The session's clock is injectable (`clock=`), so
tests can move time by hand; the screen only reads it, four times a second.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, Static

from studyapp.content.model import Flashcard, MultipleChoice, MultiSelect, choice_letter
from studyapp.errors import StudyAppError
from studyapp.quiz.durations import format_clock
from studyapp.quiz.options import QuizOptions
from studyapp.quiz.recording import AttemptRecorder
from studyapp.quiz.result import describe_response
from studyapp.quiz.selection import choose_pack
from studyapp.quiz.session import AnswerRecord, QuizItem, QuizSession
from studyapp.ui.widgets import CHOICE_BINDINGS

TICK_SECONDS = 0.25
LOW_TIME_SECONDS = 10


class AnswerInput(Input):
    """The typed/numeric answer box; shows Enter in the footer as "Submit"."""

    BINDINGS = [Binding("enter", "submit", "Submit")]  # noqa: RUF012 (Textual's convention)


class QuizScreen(Screen[None]):
    """Runs one `QuizSession`; ends in `QuizResultsScreen`, which replaces it."""

    DEFAULT_CSS = """
    QuizScreen #quiz-header { height: 1; padding: 0 1; background: $panel; }
    QuizScreen #quiz-body { height: 1fr; padding: 1 2; }
    QuizScreen #quiz-prompt { margin-bottom: 1; }
    QuizScreen #quiz-answer { margin: 0 2; display: none; }
    QuizScreen #quiz-answer.-shown { display: block; }
    QuizScreen #quiz-feedback {
        margin-top: 1; padding: 0 1; border: round $primary; display: none; height: auto;
    }
    QuizScreen #quiz-feedback.-shown { display: block; }
    QuizScreen #quiz-feedback.-right { border: round $success; }
    QuizScreen #quiz-feedback.-wrong { border: round $error; }
    """

    BINDINGS = [  # noqa: RUF012 (Textual's convention)
        Binding("enter", "next", "Next"),
        Binding("enter", "submit_choices", "Submit"),
        Binding("space", "reveal", "Reveal answer"),
        Binding("y", "knew(True)", "Knew it"),
        Binding("n", "knew(False)", "Didn't know"),
        *CHOICE_BINDINGS,
        Binding("l", "lab", "Open lab"),
        Binding("s", "skip", "Skip"),
        Binding("ctrl+s", "skip_typed", "Skip"),
        Binding("escape", "abandon", "Abandon"),
    ]

    def __init__(self, options: QuizOptions, *, clock: Callable[[], float] | None = None) -> None:
        super().__init__()
        self.options = options
        self.clock = clock or time.monotonic
        self.session: QuizSession | None = None
        self._selected: set[str] = set()
        self._revealed = False

    def compose(self) -> ComposeResult:
        yield Static(id="quiz-header")
        with VerticalScroll(id="quiz-body"):
            yield Static(id="quiz-prompt", markup=False)
            yield Static(id="quiz-choices", markup=False)
            yield AnswerInput(id="quiz-answer", placeholder="your answer, then Enter")
            yield Static(id="quiz-feedback", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        try:
            pack = choose_pack(self.app.library.packs, self.options.pack_id)
            recorder = AttemptRecorder(self.app.db, on_error=self._save_failed)
            self.session = QuizSession.start(pack, self.options, clock=self.clock, recorder=recorder)
        except StudyAppError as exc:
            self.app.notify(str(exc), severity="error", markup=False)
            self.app.pop_screen()
            return
        for note in self.session.notes:
            self.notify(note, markup=False)
        if self.options.timed:
            self.set_interval(TICK_SECONDS, self._tick)
        self._show()

    def _save_failed(self, exc: StudyAppError) -> None:
        message = f"{exc}. The quiz goes on; this attempt may be incomplete."
        self.notify(message, severity="error", markup=False)

    # -- time -----------------------------------------------------------------------------------

    def _tick(self) -> None:
        session = self.session
        if session is None or session.finished:
            return
        ran_out = session.check_time()
        if self._over(session):
            self._show_results()
        elif ran_out:
            self.notify(f"Time's up on question {ran_out[0].position}: moving on.")
            self._show()
        else:
            self._show_header()

    # -- actions --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        session = self.session
        if session is None:
            return action == "abandon"
        item = session.current
        question = item.question if item else None
        choosing = isinstance(question, MultipleChoice | MultiSelect)
        typing = item is not None and not choosing and not isinstance(question, Flashcard)
        match action:
            case "next":
                return session.feedback is not None
            case "submit_choices":
                return isinstance(question, MultiSelect)
            case "reveal":
                return isinstance(question, Flashcard) and not self._revealed
            case "knew":
                return isinstance(question, Flashcard) and self._revealed
            case "letter":
                letter = str(parameters[0])
                return choosing and ord(letter) - ord("a") < len(question.choices)
            case "skip":
                return item is not None and not typing
            case "skip_typed":
                return typing
            case "lab":
                return self._feedback_item() is not None and self._feedback_item().question.lab is not None
        return True

    def action_letter(self, letter: str) -> None:
        question = self._asking().question
        if isinstance(question, MultiSelect):
            self._selected ^= {letter}
            self._show_question()
        else:
            self._answer(letter)

    def action_submit_choices(self) -> None:
        self._answer(set(self._selected))

    def action_reveal(self) -> None:
        self._revealed = True
        self._show()

    def action_knew(self, knew: bool) -> None:
        self._answer(knew)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.notify("Type an answer first, or press Ctrl+S to skip.")
            return
        self._answer(text)

    def action_lab(self) -> None:
        """Open the lab of the question just answered (a generated one with its own numbers)."""
        item = self._feedback_item()
        if item is not None and item.question.lab is not None:
            self.app.open_lab(item.question.lab.name, item.question.lab.settings)

    def _feedback_item(self) -> QuizItem | None:
        session = self.session
        if session is None or session.feedback is None:
            return None
        return session.item_for(session.feedback)

    def action_skip(self) -> None:
        record = self._asking_session().skip()
        self._after(record)

    def action_skip_typed(self) -> None:
        self.action_skip()

    def action_next(self) -> None:
        session = self._asking_session()
        session.next()
        if session.finished:
            self._show_results()
        else:
            self._show()

    def action_abandon(self) -> None:
        def confirmed(abandon: bool | None) -> None:
            if abandon and self.session is not None:
                self.session.abandon()
                self.app.pop_screen()

        self.app.push_screen(ConfirmAbandon(), confirmed)

    # -- flow -----------------------------------------------------------------------------------

    def _asking_session(self) -> QuizSession:
        if self.session is None:
            raise RuntimeError("the quiz has not started")
        return self.session

    def _asking(self) -> QuizItem:
        item = self._asking_session().current
        if item is None:
            raise RuntimeError("no question is being asked")
        return item

    def _answer(self, response: object) -> None:
        try:
            record = self._asking_session().answer(response)
        except StudyAppError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self._after(record)

    def _after(self, record: AnswerRecord) -> None:
        """Show what happened; a skip (or a timeout) moves on, the total limit ends the quiz."""
        session = self._asking_session()
        self._selected = set()
        self._revealed = False
        if self._over(session):
            self._show_results()
        else:
            if record.unanswered and session.feedback is None:
                self.notify(f"Skipped question {record.position}.")
            self._show()

    @staticmethod
    def _over(session: QuizSession) -> bool:
        """Nothing is left to show: the total limit ran out, or the last question was left (skipped or out
        of time) with no feedback panel to read first."""
        return session.timed_out or (session.finished and session.feedback is None)

    def _show_results(self) -> None:
        from studyapp.ui.quiz_results_screen import QuizResultsScreen

        session = self._asking_session()
        result = session.result()
        retry = session.retry_mistakes() if result.mistakes else None
        while self.app.screen is not self:  # time ran out while a dialog was open
            self.app.pop_screen()
        self.app.switch_screen(QuizResultsScreen(result, retry, clock=self.clock))

    # -- drawing --------------------------------------------------------------------------------

    def _show(self) -> None:
        self._show_header()
        self._show_question()
        self._show_feedback()
        self.refresh_bindings()

    def _show_header(self) -> None:
        session = self._asking_session()
        header = Text.assemble(
            (f"Quiz · {session.pack.title}", "bold"), "   ", f"{session.position}/{session.total}"
        )
        remaining = session.remaining_seconds()
        if remaining is not None:
            style = "bold red" if remaining <= LOW_TIME_SECONDS else "bold"
            header.append("   ⏱ ")
            header.append(f"{format_clock(remaining)} left", style)
        per_question = session.question_remaining_seconds()
        if per_question is not None:
            style = "bold red" if per_question <= LOW_TIME_SECONDS else ""
            header.append("   this question ")
            header.append(format_clock(per_question), style)
        self.query_one("#quiz-header", Static).update(header)

    def _show_question(self) -> None:
        session = self._asking_session()
        record = session.feedback
        item = session.item_for(record) if record is not None else session.current
        prompt = self.query_one("#quiz-prompt", Static)
        choices = self.query_one("#quiz-choices", Static)
        answer = self.query_one("#quiz-answer", AnswerInput)
        if item is None:
            return
        question = item.question
        prompt.update(Text(question.prompt_text))
        lines = Text()
        if isinstance(question, MultipleChoice | MultiSelect):
            for index, choice in enumerate(question.choices):
                letter = choice_letter(index)
                if isinstance(question, MultiSelect):
                    lines.append("[x] " if letter in self._selected else "[ ] ")
                lines.append(f"{letter}) ", "bold")
                lines.append(choice + "\n")
            if isinstance(question, MultiSelect) and record is None:
                lines.append("\nToggle with the letters, Enter to submit.", "dim")
        elif isinstance(question, Flashcard):
            if self._revealed or record is not None:
                lines.append("Answer:\n", "bold")
                lines.append(question.answer_text + "\n")
                if record is None:
                    lines.append("\nDid you know it? y / n", "dim")
            else:
                lines.append("Think of the answer, then press Space.", "dim")
        choices.update(lines)
        typing = record is None and not isinstance(question, MultipleChoice | MultiSelect | Flashcard)
        answer.set_class(typing, "-shown")
        if typing:
            unit = getattr(question, "unit", "")
            answer.placeholder = f"your answer{f' (in {unit})' if unit else ''}, then Enter"
            answer.value = ""
            answer.focus()
        else:
            self.query_one("#quiz-body").focus()

    def _show_feedback(self) -> None:
        session = self._asking_session()
        panel = self.query_one("#quiz-feedback", Static)
        record = session.feedback
        panel.set_class(record is not None, "-shown")
        if record is None:
            return
        item = session.item_for(record)
        panel.set_class(record.correct, "-right")
        panel.set_class(not record.correct, "-wrong")
        text = Text()
        if record.correct:
            text.append("✓ Right\n", "bold green")
        else:
            text.append("✗ Wrong", "bold red")
            text.append(" — due for review now\n", "dim")
        if not isinstance(item.question, Flashcard):  # a flashcard's answer is already on screen
            text.append("Your answer: ", "bold")
            text.append(describe_response(record.response) + "\n")
            if not record.correct:
                text.append("Right answer: ", "bold")
                text.append(item.question.answer_text + "\n")
        explanation = item.question.explanation or item.source.explanation
        if explanation:
            text.append("\n" + explanation + "\n")
        if item.solution:
            text.append("\nWorked solution:\n", "bold")
            text.append(item.solution + "\n")
        text.append("\nEnter: " + ("see the results" if session.finished else "next question"), "dim")
        if item.question.lab is not None:
            text.append(f"   l: open the {item.question.lab.name} lab", "dim")
        panel.update(text)
        self.call_after_refresh(self.query_one("#quiz-body", VerticalScroll).scroll_end, animate=False)


class ConfirmAbandon(ModalScreen[bool]):
    """Asks before leaving a quiz; the attempt is kept and shown as interrupted."""

    DEFAULT_CSS = """
    ConfirmAbandon { align: center middle; }
    ConfirmAbandon > Vertical {
        width: 50; height: auto; padding: 1 2; border: round $warning; background: $surface;
    }
    ConfirmAbandon Horizontal { height: auto; margin-top: 1; }
    """

    BINDINGS = [  # noqa: RUF012 (Textual's convention)
        Binding("y", "choose(True)", "Abandon"),
        Binding("n", "choose(False)", "Keep going"),
        Binding("escape", "choose(False)", "Keep going", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Abandon this quiz?", classes="title")
            yield Static("Your answers so far are kept; the attempt is listed as interrupted.")
            with Horizontal():
                yield Static("y: abandon   n / Escape: keep going")
        yield Footer()

    def action_choose(self, abandon: bool) -> None:
        self.dismiss(abandon)
