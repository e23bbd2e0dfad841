"""Review storage: ratings, undo that restores the card, quiz mistakes made due, counts."""

from datetime import UTC, datetime

import pytest

from studyapp.store.database import open_database
from studyapp.store.reviews import LEARNING, REVIEW, CardState, ReviewStore


@pytest.fixture
def store(tmp_path):
    conn = open_database(tmp_path / "db.sqlite3")
    yield ReviewStore(conn)
    conn.close()


def test_first_rating_creates_the_card_and_counts_reps(store):
    store.record("p", "q", 3, CardState(state=LEARNING, due=500.0, step=1), reviewed_at=100.0)
    store.record("p", "q", 3, CardState(state=REVIEW, due=9000.0, stability=2.0), reviewed_at=600.0)
    card = store.card("p", "q")
    assert (card.state, card.due, card.reps, card.lapses) == (REVIEW, 9000.0, 2, 0)
    assert store.reviews_total() == 2


def test_again_on_a_review_card_is_a_lapse(store):
    store.record("p", "q", 3, CardState(state=REVIEW, due=50.0), reviewed_at=1.0)
    store.record("p", "q", 1, CardState(state=3, due=60.0), reviewed_at=55.0)
    assert store.card("p", "q").lapses == 1


def test_undo_restores_the_previous_state_then_removes_a_new_card(store):
    first = store.record("p", "q", 3, CardState(state=LEARNING, due=500.0, step=1), reviewed_at=100.0)
    second = store.record("p", "q", 4, CardState(state=REVIEW, due=99999.0), reviewed_at=600.0)
    assert store.undo(first) is None  # not the newest review of the card
    assert store.undo(second) == ("p", "q")
    card = store.card("p", "q")
    assert (card.state, card.due, card.step, card.reps) == (LEARNING, 500.0, 1, 1)
    assert store.undo(first) == ("p", "q")
    assert store.card("p", "q") is None and store.reviews_total() == 0


def test_quiz_mistake_makes_a_card_due_and_a_new_question_learning(store):
    now = datetime(2026, 1, 1, tzinfo=UTC)
    store.record("p", "old", 4, CardState(state=REVIEW, due=now.timestamp() + 10 * 86400), reviewed_at=1.0)
    store.mark_due_now("p", "old", now)
    store.mark_due_now("p", "fresh", now)
    assert store.card("p", "old").due == now.timestamp()
    assert store.card("p", "old").state == REVIEW
    assert (store.card("p", "fresh").state, store.card("p", "fresh").due) == (LEARNING, now.timestamp())


def test_schedule_lists_due_most_overdue_first(store):
    for question_id, due in (("b", 50.0), ("a", 10.0), ("c", 500.0), ("d", 30.0)):
        store.record("p", question_id, 3, CardState(state=REVIEW, due=due), reviewed_at=1.0)
    schedule = store.schedule("p", now=100.0)
    assert schedule.due == ["a", "d", "b"]
    assert schedule.later == ["c"]
    assert store.schedule("empty", now=100.0).due == []


def test_new_cards_since_counts_first_reviews_only(store):
    store.record("p", "a", 1, CardState(state=LEARNING, due=70.0), reviewed_at=10.0)
    store.record("p", "a", 3, CardState(state=LEARNING, due=700.0), reviewed_at=70.0)
    store.record("p", "b", 3, CardState(state=LEARNING, due=700.0), reviewed_at=80.0)
    assert store.new_cards_since(0.0) == 2
    assert store.new_cards_since(75.0) == 1
