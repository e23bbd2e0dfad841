"""Card places in SQL: written only where they change, kept by later ratings, NULL until placed."""

import sqlite3

from studyapp.store.card_places import NOT_IN_PACK, CardPlaces
from studyapp.store.database import MIGRATIONS, SCHEMA_VERSION, open_database
from studyapp.store.reviews import REVIEW, CardState, ReviewStore


def rate(store: ReviewStore, question_id: str, due: float = 50.0) -> None:
    store.record("p", question_id, 3, CardState(state=REVIEW, due=due), reviewed_at=1.0)


def test_places_are_written_where_they_change_and_kept_by_later_ratings(tmp_path):
    store = ReviewStore(open_database(tmp_path / "db.sqlite3"))
    places = CardPlaces(store.conn)
    for question_id in ("a", "b", "c", "gone"):
        rate(store, question_id)
    order = {"a": (0, 0), "b": (1, 1), "c": (2, 0)}
    assert places.has_unplaced("p") and places.fingerprint("p") is None
    assert places.write("p", "v1", lambda q: order.get(q, NOT_IN_PACK)) == 4
    assert not places.has_unplaced("p") and places.fingerprint("p") == "v1"
    assert places.write("p", "v1", lambda q: order.get(q, NOT_IN_PACK)) == 0

    rate(store, "a", due=500.0)  # a second rating keeps the card's place
    rate(store, "d")  # a first one has none yet
    assert places.has_unplaced("p")
    assert places.write("p", "v1", lambda q: {**order, "d": (3, 1)}.get(q, NOT_IN_PACK)) == 1

    swapped = {"a": (1, 0), "b": (0, 1), "c": (2, 0), "d": (3, 1)}  # a new version: every card is checked
    assert places.write("p", "v2", lambda q: swapped.get(q, NOT_IN_PACK)) == 2
    assert places.counts_by_group("p", now=100.0) == {0: (1, 1), 1: (2, 0)}  # "gone" is not counted
    assert places.count_placed("p", 0, 2, None) == 2
    assert places.count_placed("p", 0, 4, [1]) == 2
    assert places.placed_positions("p", 1, 4, [0]) == {1, 2}


def test_a_version_2_database_gains_unplaced_cards_and_keeps_them(tmp_path):
    path = tmp_path / "db.sqlite3"
    old = sqlite3.connect(path)
    old.executescript(";".join(MIGRATIONS[:2]) + ";PRAGMA user_version = 2;")
    old.execute("INSERT INTO cards (pack_id, question_id, state, due) VALUES ('p', 'q', 2, 10.0)")
    old.commit()
    old.close()
    store = ReviewStore(open_database(path))
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
    assert store.card("p", "q").due == 10.0
    assert CardPlaces(store.conn).has_unplaced("p")
    assert store.schedule("p", now=100.0, unplaced_only=True).due == ["q"]
