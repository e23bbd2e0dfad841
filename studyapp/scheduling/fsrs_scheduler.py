"""FSRS scheduling through the `fsrs` package: rate a card, or preview the interval each rating would give.

Fuzzing is off, so the interval a rating button shows is exactly the one it gives. `fsrs` is imported when
the first card is scheduled, keeping it off the start-up path.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from studyapp.store.reviews import CardState

RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
DEFAULT_RETENTION = 0.9


class Scheduler:
    """`desired_retention`: the probability of recall FSRS aims for at each due date (0.7–0.99)."""

    def __init__(self, desired_retention: float = DEFAULT_RETENTION) -> None:
        import fsrs

        self._fsrs = fsrs
        self._scheduler = fsrs.Scheduler(desired_retention=desired_retention, enable_fuzzing=False)

    def review(self, card: CardState | None, rating: int, now: datetime) -> CardState:
        """The card's state after `rating` (1 Again … 4 Easy) at `now`; `None` is a new card."""
        reviewed, _log = self._scheduler.review_card(self._to_fsrs(card, now), self._fsrs.Rating(rating), now)
        return CardState(
            state=reviewed.state.value,
            due=reviewed.due.timestamp(),
            step=reviewed.step,
            stability=reviewed.stability,
            difficulty=reviewed.difficulty,
            last_review=now.timestamp(),
            reps=card.reps if card else 0,
            lapses=card.lapses if card else 0,
        )

    def preview(self, card: CardState | None, now: datetime) -> dict[int, timedelta]:
        """Rating → how long until the card is due again if rated so now."""
        return {
            rating: datetime.fromtimestamp(self.review(card, rating, now).due, UTC) - now
            for rating in RATINGS
        }

    def _to_fsrs(self, card: CardState | None, now: datetime):
        if card is None:
            return self._fsrs.Card(card_id=1, due=now)
        return self._fsrs.Card(
            card_id=1,
            state=self._fsrs.State(card.state),
            step=card.step,
            stability=card.stability,
            difficulty=card.difficulty,
            due=datetime.fromtimestamp(card.due, UTC),
            last_review=datetime.fromtimestamp(card.last_review, UTC) if card.last_review else None,
        )


def format_interval(interval: timedelta) -> str:
    """Anki-style: <1m, 10m, 3h, 4d, 2.5mo, 1.2y."""
    seconds = interval.total_seconds()
    for unit, size in (("y", 365 * 86400), ("mo", 30 * 86400), ("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            value = seconds / size
            if unit in ("y", "mo") and value < 10:
                return f"{value:.1f}".removesuffix(".0") + unit
            return f"{round(value)}{unit}"
    return "<1m"
