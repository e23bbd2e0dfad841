"""Spaced-repetition state in SQLite: one `cards` row per studied question, one `reviews` row per rating.

Progress is keyed by (pack id, question id), so editing a pack keeps it. Each rating is one transaction
that stores the card's previous row with the review, which is what `undo` puts back.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, replace
from datetime import datetime

from studyapp.store.transactions import transaction

NEW = 0
LEARNING, REVIEW, RELEARNING = 1, 2, 3
_CARD_COLUMNS = "state, step, stability, difficulty, due, last_review, reps, lapses"


@dataclass(frozen=True)
class CardState:
    """A studied question's schedule (unix seconds, UTC); `state`: 1 learning, 2 review, 3 relearning."""

    state: int
    due: float
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    last_review: float | None = None
    reps: int = 0
    lapses: int = 0


@dataclass(frozen=True)
class Schedule:
    """A pack's studied questions at one moment: `due` ids, most overdue first, and the `later` ones (in no
    particular order; a list, because walking ids in the order they were read is faster than a set's)."""

    due: list[str]
    later: list[str]


class ReviewStore:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def card(self, pack_id: str, question_id: str) -> CardState | None:
        row = self.conn.execute(
            f"SELECT {_CARD_COLUMNS} FROM cards WHERE pack_id = ? AND question_id = ?", (pack_id, question_id)
        ).fetchone()
        return _card(row) if row else None

    def cards(self, pack_id: str) -> dict[str, CardState]:
        """Every studied question of the pack → its state."""
        rows = self.conn.execute(
            f"SELECT question_id, {_CARD_COLUMNS} FROM cards WHERE pack_id = ?", (pack_id,)
        )
        return {row[0]: _card(row[1:]) for row in rows}

    def schedule(self, pack_id: str, now: float) -> Schedule:
        """The pack's studied questions split at `now`: due ones (most overdue first) and later ones.

        Each split is one query whose ids come back newline-joined (ids are slugs): at 100,000 cards this
        is twice as fast as fetching a row per card through the sqlite3 module.
        """
        due = self.conn.execute(
            "SELECT group_concat(question_id, char(10)) FROM"
            " (SELECT question_id FROM cards WHERE pack_id = ? AND due <= ? ORDER BY due)",
            (pack_id, now),
        ).fetchone()[0]
        later = self.conn.execute(
            "SELECT group_concat(question_id, char(10)) FROM cards WHERE pack_id = ? AND due > ?",
            (pack_id, now),
        ).fetchone()[0]
        return Schedule(due.split("\n") if due else [], later.split("\n") if later else [])

    def record(
        self,
        pack_id: str,
        question_id: str,
        rating: int,
        after: CardState,
        *,
        reviewed_at: float,
        duration_ms: int | None = None,
    ) -> int:
        """Store one rating and the card's new state in one transaction; returns the review id."""
        with transaction(self.conn):
            before = self.card(pack_id, question_id)
            lapses = (before.lapses if before else 0) + (
                rating == 1 and before is not None and before.state == REVIEW
            )
            after = replace(after, reps=(before.reps if before else 0) + 1, lapses=lapses)
            cursor = self.conn.execute(
                "INSERT INTO reviews (pack_id, question_id, rating, reviewed_at, duration_ms, state_before,"
                " stability_after, due_after, previous) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    pack_id,
                    question_id,
                    rating,
                    reviewed_at,
                    duration_ms,
                    before.state if before else NEW,
                    after.stability,
                    after.due,
                    json.dumps(asdict(before)) if before else None,
                ),
            )
            self._write_card(pack_id, question_id, after)
        return int(cursor.lastrowid)

    def undo(self, review_id: int) -> tuple[str, str] | None:
        """Remove review `review_id` and put its card back as it was; returns (pack id, question id).

        Only the newest review of a card can be undone (None otherwise, or if it is gone).
        """
        with transaction(self.conn):
            row = self.conn.execute(
                "SELECT pack_id, question_id, previous FROM reviews WHERE id = ?", (review_id,)
            ).fetchone()
            if row is None:
                return None
            pack_id, question_id, previous = row
            newest = self.conn.execute(
                "SELECT max(id) FROM reviews WHERE pack_id = ? AND question_id = ?", (pack_id, question_id)
            ).fetchone()[0]
            if newest != review_id:
                return None
            self.conn.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
            if previous is None:
                self.conn.execute(
                    "DELETE FROM cards WHERE pack_id = ? AND question_id = ?", (pack_id, question_id)
                )
            else:
                self._write_card(pack_id, question_id, CardState(**json.loads(previous)))
        return pack_id, question_id

    def mark_due_now(self, pack_id: str, question_id: str, now: datetime) -> None:
        """Make the question due at `now` (a quiz mistake); a new question starts learning now."""
        at = now.timestamp()
        with transaction(self.conn):
            card = self.card(pack_id, question_id)
            if card is None:
                card = CardState(state=LEARNING, due=at, step=0)
            elif card.due > at:
                card = replace(card, due=at)
            self._write_card(pack_id, question_id, card)

    def new_cards_since(self, since: float) -> int:
        """How many questions were studied for the first time at or after `since` (all packs)."""
        return self.conn.execute(
            "SELECT count(*) FROM reviews WHERE reviewed_at >= ? AND state_before = ?", (since, NEW)
        ).fetchone()[0]

    def reviews_total(self) -> int:
        return self.conn.execute("SELECT count(*) FROM reviews").fetchone()[0]

    def _write_card(self, pack_id: str, question_id: str, card: CardState) -> None:
        self.conn.execute(
            f"INSERT OR REPLACE INTO cards (pack_id, question_id, {_CARD_COLUMNS})"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                pack_id,
                question_id,
                card.state,
                card.step,
                card.stability,
                card.difficulty,
                card.due,
                card.last_review,
                card.reps,
                card.lapses,
            ),
        )


def _card(row: tuple) -> CardState:
    state, step, stability, difficulty, due, last_review, reps, lapses = row
    return CardState(state, due, step, stability, difficulty, last_review, reps, lapses)
