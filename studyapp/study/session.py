"""A flashcard study session: show a question, reveal, rate 1-4, and every rating is stored at once.

A card rated into a learning step that falls due within `LEARN_AHEAD` comes back later in the same
session (as in Anki); `undo` takes back the last rating, from the database too. Time comes from an
injectable `now()` returning an aware UTC datetime.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from studyapp.content.model import Pack, Question
from studyapp.scheduling.fsrs_scheduler import RATINGS, Scheduler
from studyapp.store.reviews import ReviewStore
from studyapp.study.queue import build_queue
from studyapp.study.studied_cards import studied_cards

LEARN_AHEAD = timedelta(minutes=20)
DEFAULT_NEW_PER_DAY = 20


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Summary:
    """What a session did: ratings given (by rating 1-4) and how many questions were new."""

    ratings: dict[int, int] = field(default_factory=lambda: dict.fromkeys(RATINGS, 0))
    new_seen: int = 0

    @property
    def reviewed(self) -> int:
        return sum(self.ratings.values())


@dataclass(frozen=True)
class _Done:
    review_id: int
    question_id: str
    was_new: bool
    rating: int


class StudySession:
    def __init__(
        self,
        pack: Pack,
        store: ReviewStore,
        scheduler: Scheduler,
        *,
        topics: Sequence[str] = (),
        new_limit: int = DEFAULT_NEW_PER_DAY,
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        """`new_limit`: new questions this session may introduce (the day's limit minus those seen today)."""
        self.pack = pack
        self.store = store
        self.scheduler = scheduler
        self.summary = Summary()
        self._now = now
        self._questions = pack.by_id
        with studied_cards(pack, store, now().timestamp()) as studied:
            self._queue = build_queue(studied, topics, new_limit)
        self._again: list[tuple[float, str]] = []  # (due, id): learning steps coming back this session
        self._done: list[_Done] = []

    @property
    def current(self) -> Question | None:
        """The question to show now; None when the session is over."""
        self._bring_back_learning()
        return self._questions[self._queue[0]] if self._queue else None

    @property
    def remaining(self) -> int:
        return len(self._queue) + len(self._again)

    def is_new(self, question: Question) -> bool:
        return self.store.card(self.pack.id, question.id) is None

    def preview(self) -> dict[int, timedelta]:
        """Rating → interval it would give the current question."""
        question = self._require_current()
        return self.scheduler.preview(self.store.card(self.pack.id, question.id), self._now())

    def rate(self, rating: int, duration_ms: int | None = None) -> None:
        """Schedule the current question with `rating` (1 Again … 4 Easy) and store it at once."""
        if rating not in RATINGS:
            raise ValueError(f"rating must be 1-4, not {rating}")
        question = self._require_current()
        now = self._now()
        before = self.store.card(self.pack.id, question.id)
        after = self.scheduler.review(before, rating, now)
        review_id = self.store.record(
            self.pack.id, question.id, rating, after, reviewed_at=now.timestamp(), duration_ms=duration_ms
        )
        self._queue.pop(0)
        if after.due <= (now + LEARN_AHEAD).timestamp():
            bisect.insort(self._again, (after.due, question.id))
        self._done.append(_Done(review_id, question.id, before is None, rating))
        self.summary.ratings[rating] += 1
        self.summary.new_seen += before is None

    def undo(self) -> Question | None:
        """Take back this session's last rating and show that question again (None: nothing to undo)."""
        while self._done:
            done = self._done.pop()
            if self.store.undo(done.review_id) is None:
                continue
            self._again = [(due, qid) for due, qid in self._again if qid != done.question_id]
            if done.question_id in self._queue:
                self._queue.remove(done.question_id)
            self._queue.insert(0, done.question_id)
            self.summary.ratings[done.rating] -= 1
            self.summary.new_seen -= done.was_new
            return self._questions[done.question_id]
        return None

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    def _require_current(self) -> Question:
        question = self.current
        if question is None:
            raise ValueError("the session is over")
        return question

    def _bring_back_learning(self) -> None:
        """Learning cards come back once due, or (learn-ahead) when nothing else is left."""
        now = self._now().timestamp()
        back = []
        while self._again and (self._again[0][0] <= now or not (self._queue or back)):
            back.append(self._again.pop(0)[1])
        self._queue[:0] = back
