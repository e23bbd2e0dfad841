"""Writes a quiz to the database as it happens, and sends what went wrong back to spaced repetition.

A question answered wrong, skipped or run out of time while on screen becomes due for review now;
questions never shown (the total limit ran out first) are left alone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from studyapp.errors import StudyAppError
from studyapp.quiz.session import AnswerRecord, QuizSession
from studyapp.store import quiz_attempts
from studyapp.store.reviews import ReviewStore


def utc_now() -> datetime:
    return datetime.now(UTC)


class AttemptRecorder:
    """A `QuizRecorder` over an open database; `attempt_id` is set once the quiz has started.

    With `on_error`, a write that fails (e.g. a full disk) is reported there and the quiz goes on in
    memory; without it, the StudyAppError is raised.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        *,
        now: Callable[[], datetime] = utc_now,
        on_error: Callable[[StudyAppError], None] | None = None,
    ) -> None:
        self.conn = conn
        self.attempt_id: int | None = None
        self._now = now
        self._on_error = on_error

    def started(self, session: QuizSession) -> None:
        try:
            self.attempt_id = quiz_attempts.start_attempt(
                self.conn,
                pack_id=session.pack.id,
                total=session.total,
                settings=session.options.to_json(),
                started_at=self._now().isoformat(),
            )
        except StudyAppError as exc:
            self._report(exc)

    def answered(self, session: QuizSession, record: AnswerRecord, *, seen: bool) -> None:
        if self._has_attempt():
            try:
                self._answered(session, record, seen=seen)
            except StudyAppError as exc:
                self._report(exc)

    def finished(self, session: QuizSession) -> None:
        if self._has_attempt():
            try:
                self._finished(session)
            except StudyAppError as exc:
                self._report(exc)

    def _has_attempt(self) -> bool:
        """False only when the attempt could not be saved and that was reported: nothing to attach to."""
        return self.attempt_id is not None or self._on_error is None

    def _report(self, exc: StudyAppError) -> None:
        if self._on_error is None:
            raise exc
        self._on_error(exc)

    def _answered(self, session: QuizSession, record: AnswerRecord, *, seen: bool) -> None:
        quiz_attempts.record_answer(
            self.conn,
            self._attempt(),
            position=record.position,
            question_id=record.question_id,
            response=record.response,
            correct=record.correct,
            unanswered=record.unanswered,
            seconds=record.seconds,
            elapsed=session.seconds_used(),
        )
        if seen and not record.correct:
            ReviewStore(self.conn).mark_due_now(session.pack.id, record.question_id, self._now())

    def _finished(self, session: QuizSession) -> None:
        quiz_attempts.finish_attempt(
            self.conn,
            self._attempt(),
            finished_at=self._now().isoformat(),
            seconds=session.seconds_used(),
            timed_out=session.timed_out,
            interrupted=session.interrupted,
        )

    def _attempt(self) -> int:
        if self.attempt_id is None:
            raise RuntimeError("the quiz has not started")
        return self.attempt_id
