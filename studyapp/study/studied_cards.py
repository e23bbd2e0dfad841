"""A pack's studied cards, read at one moment, for the home screen counts and the study queue.

Where the database holds trusted places for the pack (`store.card_places`), SQLite counts the cards per
topic group and finds the never-studied questions by position, so Python touches only the cards studied
since the places were written (and, for the queue, the due ones). Otherwise (a database that can't be
written) every studied id is read and looked up, as slowly as that is. `studied_cards` first brings the
places up to date when the pack changed or cards were studied for the first time."""

from __future__ import annotations

import contextlib
import sqlite3
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain

from studyapp.content.model import Pack
from studyapp.errors import StudyAppError
from studyapp.store.card_places import NOT_IN_PACK, CardPlaces
from studyapp.store.reviews import ReviewStore, Schedule
from studyapp.store.transactions import snapshot

CHUNK = 4096
"""Positions counted at a time when looking for never-studied questions."""
MANY_CARDS = 10_000
"""Cards whose places take long enough to check again (≈ 0.15 s) that `place_cards` says so first."""


@dataclass(frozen=True)
class StudiedCards:
    """`unplaced`: the studied cards that `places` does not account for, split at `now` (every studied card
    when `places` is None, i.e. when the stored places can't be trusted for this version of the pack)."""

    pack: Pack
    now: float
    store: ReviewStore
    places: CardPlaces | None
    unplaced: Schedule

    def counts_by_group(self) -> tuple[Counter[int | None], Counter[int | None]]:
        """Cards due at or before `now`, and due later, per topic group (None: the question left the pack)."""
        group_of = self.pack.topic_groups.group_of.get
        due = Counter(list(map(group_of, self.unplaced.due)))
        later = Counter(list(map(group_of, self.unplaced.later)))
        if self.places is not None:
            for group, (due_now, due_later) in self.places.counts_by_group(self.pack.id, self.now).items():
                due[group] += due_now
                later[group] += due_later
        return due, later

    def due(self) -> list[str]:
        """Every due card's question id, most overdue first."""
        if self.places is None:
            return self.unplaced.due
        return self.store.due(self.pack.id, self.now)

    def unstudied(self, positions: Sequence[int], groups: Sequence[int] | None) -> Iterator[str]:
        """Ids of the never-studied questions among `positions` (ascending), in that order.

        `groups` are the topic groups of the questions at `positions` (None: every question is there).
        A stretch of CHUNK positions whose placed cards are as many as its questions is skipped unread.
        """
        known = frozenset(chain(self.unplaced.due, self.unplaced.later))
        questions = self.pack.questions
        for start in range(0, len(questions), CHUNK):
            stop = start + CHUNK
            first, last = bisect_left(positions, start), bisect_left(positions, stop)
            if first == last:
                continue
            placed: set[int] = set()
            if self.places is not None:
                if self.places.count_placed(self.pack.id, start, stop, groups) == last - first:
                    continue
                placed = self.places.placed_positions(self.pack.id, start, stop, groups)
            for position in positions[first:last]:
                if position not in placed and (question_id := questions[position].id) not in known:
                    yield question_id


@contextlib.contextmanager
def studied_cards(pack: Pack, store: ReviewStore, now: float) -> Iterator[StudiedCards]:
    """The pack's studied cards at `now`, all read in one transaction that lasts while this is open."""
    place_cards(pack, store.conn)
    places = CardPlaces(store.conn)
    with snapshot(store.conn):
        trusted = places.fingerprint(pack.id) == pack.order_fingerprint
        unplaced = store.schedule(pack.id, now, unplaced_only=trusted)
        yield StudiedCards(pack, now, store, places if trusted else None, unplaced)


def place_cards(
    pack: Pack, conn: sqlite3.Connection, on_rewrite: Callable[[Pack, int], None] | None = None
) -> None:
    """Write the pack's card places when the pack changed or some card has none; where the database can't
    be written they stay as they are (and are not trusted if the pack changed). When the pack changed and
    has at least MANY_CARDS cards to check, `on_rewrite(pack, cards)` is called first."""
    places = CardPlaces(conn)
    current = places.fingerprint(pack.id) == pack.order_fingerprint
    if current and not places.has_unplaced(pack.id):
        return
    if on_rewrite is not None and not current and (cards := places.cards(pack.id)) >= MANY_CARDS:
        on_rewrite(pack, cards)
    group_of = pack.topic_groups.group_of
    position_of = {question_id: n for n, question_id in enumerate(group_of)}
    with contextlib.suppress(StudyAppError):
        places.write(
            pack.id,
            pack.order_fingerprint,
            lambda question_id: (
                (position_of[question_id], group_of[question_id]) if question_id in group_of else NOT_IN_PACK
            ),
        )
