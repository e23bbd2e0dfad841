"""A quiz in progress: questions asked in order, answers graded and recorded at once, clocks enforced.

States: asking `current` → (answer) showing `feedback` → (next) asking the next one … → `finished`.
A skip or a per-question timeout moves straight on. The total limit ends the quiz when it runs out:
every question not yet answered is recorded as unanswered (and counts as wrong). Time comes from an
injectable monotonic `clock`; nothing moves unless a method is called (`check_time` from a timer).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any, Literal, Protocol

from studyapp.content.grading import grade
from studyapp.content.model import (
    Flashcard,
    Generated,
    MultipleChoice,
    MultiSelect,
    Pack,
    Question,
    choice_letter,
)
from studyapp.errors import StudyAppError
from studyapp.quiz.instances import (
    Instantiate,
    instance_seed,
    instantiate_at,
    load_instantiate,
    worked_solution,
)
from studyapp.quiz.options import QuizOptions
from studyapp.quiz.result import QuizResult, summarize
from studyapp.quiz.selection import select_questions

Clock = Callable[[], float]


@dataclass(frozen=True)
class QuizItem:
    """One question of the quiz: `question` is what is asked and graded (a generated template's
    instance, or the pack question itself); `source` is the pack question (its id and topics count)."""

    position: int
    question: Question
    source: Question
    solution: str = ""

    @property
    def question_id(self) -> str:
        return self.source.id


@dataclass(frozen=True)
class AnswerRecord:
    """How one question went. `response` is JSON-ready: a letter (mcq), sorted letters (multi), the
    typed text (typed/numeric/generated), True/False (flashcard: knew it), or None when unanswered."""

    position: int
    question_id: str
    response: Any
    correct: bool
    unanswered: bool
    seconds: float


class QuizRecorder(Protocol):
    """Receives each event as it happens (e.g. to write it to the database)."""

    def started(self, session: QuizSession) -> None: ...

    def answered(self, session: QuizSession, record: AnswerRecord, *, seen: bool) -> None: ...

    def finished(self, session: QuizSession) -> None: ...


class QuizSession:
    def __init__(
        self,
        pack: Pack,
        options: QuizOptions,
        items: Iterable[QuizItem],
        *,
        clock: Clock = time.monotonic,
        recorder: QuizRecorder | None = None,
        notes: tuple[str, ...] = (),
    ) -> None:
        self.pack = pack
        self.options = options
        self.items = tuple(items)
        self.notes = notes
        self.records: list[AnswerRecord] = []
        self.feedback: AnswerRecord | None = None
        """The answer just given, shown until `next()`."""
        self.finished = False
        self.timed_out = False
        self.interrupted = False
        self._clock = clock
        self._recorder = recorder
        self._index = 0
        self._started_at = clock()
        self._question_started_at = self._started_at
        self._ended_at: float | None = None
        if recorder is not None:
            recorder.started(self)

    @classmethod
    def start(
        cls,
        pack: Pack,
        options: QuizOptions,
        *,
        clock: Clock = time.monotonic,
        recorder: QuizRecorder | None = None,
        instantiate: Instantiate | Literal["auto"] | None = "auto",
    ) -> QuizSession:
        """Draw the questions (seed chosen now if none was given), instantiate generated ones, start."""
        if options.seed is None:
            options = replace(options, seed=secrets.randbelow(2**31))
        if instantiate == "auto":
            instantiate = load_instantiate()
        selection = select_questions(pack, options, can_generate=instantiate is not None)
        items = []
        for position, question in enumerate(selection.questions, start=1):
            asked, solution = question, ""
            if isinstance(question, Generated) and instantiate is not None:
                asked = instantiate_at(instantiate, pack, question, instance_seed(options.seed, question.id))
                solution = worked_solution(asked)
            items.append(QuizItem(position, asked, question, solution))
        return cls(pack, options, items, clock=clock, recorder=recorder, notes=selection.notes)

    # -- where we are ---------------------------------------------------------------------------

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def position(self) -> int:
        """1-based number of the question being asked or shown (for "3/20")."""
        return min(self._index + 1, self.total)

    @property
    def current(self) -> QuizItem | None:
        """The question waiting for an answer; None while showing feedback or once finished."""
        if self.finished or self.feedback is not None:
            return None
        return self.items[self._index]

    def item_for(self, record: AnswerRecord) -> QuizItem:
        return self.items[record.position - 1]

    # -- clocks ---------------------------------------------------------------------------------

    def seconds_used(self) -> float:
        end = self._ended_at if self._ended_at is not None else self._clock()
        return end - self._started_at

    def remaining_seconds(self) -> float | None:
        """Time left on the whole quiz (None when untimed)."""
        if self.options.total_seconds is None:
            return None
        return max(0.0, self.options.total_seconds - self.seconds_used())

    def question_remaining_seconds(self) -> float | None:
        """Time left on the current question (None without a per-question limit or when not asking)."""
        limit = self.options.per_question_seconds
        if limit is None or self.current is None:
            return None
        return max(0.0, limit - (self._clock() - self._question_started_at))

    def check_time(self) -> list[AnswerRecord]:
        """Enforce the limits now; returns the records this wrote (questions that ran out of time)."""
        if self.finished:
            return []
        now = self._clock()
        total_limit = self.options.total_seconds
        if total_limit is not None and now - self._started_at >= total_limit:
            return self._run_out(self._started_at + total_limit)
        item, limit = self.current, self.options.per_question_seconds
        if item is not None and limit is not None and now - self._question_started_at >= limit:
            record = self._record(item, None, correct=False, seconds=limit, seen=True)
            self._advance()
            return [record]
        return []

    # -- actions --------------------------------------------------------------------------------

    def answer(self, response: Any) -> AnswerRecord:
        """Grade `response` for the current question, record it and show it as `feedback`.

        If time had already run out, nothing is graded and the timed-out record is returned instead.
        """
        item = self._asking()
        ran_out = self.check_time()
        if ran_out:
            return ran_out[0]
        stored, correct = _grade(item.question, response)
        record = self._record(item, stored, correct=correct, seconds=self._question_seconds(), seen=True)
        self.feedback = record
        if self._index == self.total - 1:
            self._finish()
        return record

    def skip(self) -> AnswerRecord:
        """Leave the current question unanswered (it counts as wrong) and move on."""
        item = self._asking()
        ran_out = self.check_time()
        if ran_out:
            return ran_out[0]
        record = self._record(item, None, correct=False, seconds=self._question_seconds(), seen=True)
        self._advance()
        return record

    def next(self) -> None:
        """Leave the feedback and ask the next question (its own clock starts now)."""
        if self.feedback is None:
            return
        self.feedback = None
        if not self.finished:
            self._advance()

    def abandon(self) -> None:
        """Stop here; the attempt is kept, marked interrupted."""
        if not self.finished:
            self.interrupted = True
            self._finish()

    def result(self) -> QuizResult:
        return summarize(self)

    def retry_mistakes(self) -> QuizOptions:
        """Options for a new quiz over the questions not answered correctly, in the same order."""
        wrong = tuple(mistake.question_id for mistake in self.result().mistakes)
        return self.options.retry(wrong, asked=self.total)

    # -- internals ------------------------------------------------------------------------------

    def _asking(self) -> QuizItem:
        item = self.current
        if item is None:
            raise StudyAppError("no question is waiting for an answer")
        return item

    def _question_seconds(self) -> float:
        return self._clock() - self._question_started_at

    def _record(
        self, item: QuizItem, response: Any, *, correct: bool, seconds: float, seen: bool
    ) -> AnswerRecord:
        record = AnswerRecord(item.position, item.question_id, response, correct, response is None, seconds)
        self.records.append(record)
        if self._recorder is not None:
            self._recorder.answered(self, record, seen=seen)
        return record

    def _advance(self) -> None:
        self._index += 1
        if self._index >= self.total:
            self._finish()
        else:
            self._question_started_at = self._clock()

    def _run_out(self, deadline: float) -> list[AnswerRecord]:
        """The total limit passed: the question on screen and every later one are recorded unanswered."""
        records = []
        if self.feedback is None:
            current = self.items[self._index]
            records.append(
                self._record(
                    current, None, correct=False, seconds=deadline - self._question_started_at, seen=True
                )
            )
        for item in self.items[self._index + 1 :]:
            records.append(self._record(item, None, correct=False, seconds=0.0, seen=False))
        self.feedback = None
        self.timed_out = True
        self._finish(deadline)
        return records

    def _finish(self, at: float | None = None) -> None:
        self.finished = True
        self._ended_at = self._clock() if at is None else at
        if self._recorder is not None:
            self._recorder.finished(self)


def _grade(question: Question, response: Any) -> tuple[Any, bool]:
    """(JSON-ready response, correct?) for any kind; flashcards are self-graded (True: knew it)."""
    if isinstance(question, Flashcard):
        knew = bool(response)
        return knew, knew
    if isinstance(question, MultipleChoice):
        letter = _letter(question.choices, response)
        return letter, grade(question, letter)
    if isinstance(question, MultiSelect):
        letters = sorted({_letter(question.choices, one) for one in response})
        return letters, grade(question, set(letters))
    text = str(response).strip()
    return text, grade(question, text)


def _letter(choices: tuple[str, ...], response: int | str) -> str:
    """The choice letter for an index or a letter; an out-of-range choice is an error."""
    letter = choice_letter(response) if isinstance(response, int) else str(response).strip().lower()
    if len(letter) != 1 or not 0 <= ord(letter) - ord("a") < len(choices):
        raise StudyAppError(
            f"no choice {response!r}: pick a letter from a to {choice_letter(len(choices) - 1)}"
        )
    return letter
