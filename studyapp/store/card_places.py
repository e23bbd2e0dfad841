"""Each studied card's place in its pack, kept in `cards` so that SQLite counts and searches the cards.

`pack_position` is the question's index in the pack and `topic_group` its group number in
`Pack.topic_groups`, both as of the pack version whose fingerprint `pack_places` holds; -1 for both means
the question is not in that version. A card studied for the first time has NULL places until the next
`write`. Places are only to be trusted while the stored fingerprint is the pack's own, checked in the same
read transaction as the query (`transactions.snapshot`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from studyapp.store.transactions import transaction

CREATE_COLUMNS = """
    ALTER TABLE cards ADD COLUMN pack_position INTEGER;
    ALTER TABLE cards ADD COLUMN topic_group INTEGER;
    CREATE INDEX cards_by_group ON cards (pack_id, topic_group, due);
    CREATE INDEX cards_by_position ON cards (pack_id, pack_position, topic_group);
    CREATE TABLE pack_places (pack_id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL) WITHOUT ROWID;
"""

NOT_IN_PACK = (-1, -1)
UNPLACED = "topic_group IS NULL"
"""The SQL condition on `cards` for a card without a place yet."""


class CardPlaces:
    """The place columns of `cards` and the fingerprint they were written for, per pack."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def fingerprint(self, pack_id: str) -> str | None:
        """The fingerprint of the pack version the places were last written for (None: never)."""
        query = "SELECT fingerprint FROM pack_places WHERE pack_id = ?"
        row = self.conn.execute(query, (pack_id,)).fetchone()
        return row[0] if row else None

    def cards(self, pack_id: str) -> int:
        """How many cards the pack has (placed or not)."""
        return self.conn.execute("SELECT count(*) FROM cards WHERE pack_id = ?", (pack_id,)).fetchone()[0]

    def has_unplaced(self, pack_id: str) -> bool:
        """Whether a card of the pack has no place yet (studied for the first time since the last write)."""
        return (
            self.conn.execute(
                f"SELECT 1 FROM cards WHERE pack_id = ? AND {UNPLACED} LIMIT 1", (pack_id,)
            ).fetchone()
            is not None
        )

    def write(self, pack_id: str, fingerprint: str, place_of: Callable[[str], tuple[int, int]]) -> int:
        """Give the pack's cards their places for the version `fingerprint`, in one transaction.

        `place_of(question id)` is (position, topic group), or NOT_IN_PACK. Every card is checked when the
        stored fingerprint differs, else only the unplaced ones; only rows whose places change are written.
        Returns how many were.
        """
        with transaction(self.conn):
            everything = self.fingerprint(pack_id) != fingerprint
            rows = self.conn.execute(
                "SELECT question_id, pack_position, topic_group FROM cards WHERE pack_id = ?"
                + ("" if everything else f" AND {UNPLACED}"),
                (pack_id,),
            )
            changed = [
                (*place, pack_id, question_id)
                for question_id, position, group in rows
                if (place := place_of(question_id)) != (position, group)
            ]
            self.conn.executemany(
                "UPDATE cards SET pack_position = ?, topic_group = ? WHERE pack_id = ? AND question_id = ?",
                changed,
            )
            if everything:
                self.conn.execute(
                    "INSERT OR REPLACE INTO pack_places (pack_id, fingerprint) VALUES (?, ?)",
                    (pack_id, fingerprint),
                )
        return len(changed)

    def counts_by_group(self, pack_id: str, now: float) -> dict[int, tuple[int, int]]:
        """Placed cards of questions in the pack per topic group: (due at or before `now`, due later)."""
        rows = self.conn.execute(
            "SELECT topic_group, count(*), count(CASE WHEN due <= ? THEN 1 END) FROM cards"
            " WHERE pack_id = ? AND topic_group >= 0 GROUP BY topic_group",
            (now, pack_id),
        )
        return {group: (due, studied - due) for group, studied, due in rows}

    def count_placed(self, pack_id: str, start: int, stop: int, groups: Sequence[int] | None) -> int:
        """Placed cards at positions start ≤ p < stop (in `groups` only, unless None)."""
        where, params = _in_range(pack_id, start, stop, groups)
        return self.conn.execute(f"SELECT count(*) FROM cards WHERE {where}", params).fetchone()[0]

    def placed_positions(self, pack_id: str, start: int, stop: int, groups: Sequence[int] | None) -> set[int]:
        """The positions start ≤ p < stop that have a placed card (in `groups` only, unless None)."""
        where, params = _in_range(pack_id, start, stop, groups)
        return {row[0] for row in self.conn.execute(f"SELECT pack_position FROM cards WHERE {where}", params)}


def _in_range(pack_id: str, start: int, stop: int, groups: Sequence[int] | None) -> tuple[str, tuple]:
    where = "pack_id = ? AND pack_position >= ? AND pack_position < ?"
    if groups is None:
        return where, (pack_id, start, stop)
    return f"{where} AND topic_group IN ({', '.join('?' * len(groups))})", (pack_id, start, stop, *groups)
