"""Study sessions: the queue, ratings stored at once, learning steps coming back, undo."""

from studyapp.store.reviews import REVIEW, CardState
from studyapp.study.queue import build_queue, interleave
from studyapp.study.session import StudySession
from studyapp.study.studied_cards import studied_cards
from tests.study.conftest import make_pack


def test_interleave_spreads_new_cards_among_due_ones():
    assert interleave(["d1", "d2", "d3", "d4"], ["n1", "n2"]) == ["d1", "d2", "n1", "d3", "d4", "n2"]
    assert interleave([], ["n1"]) == ["n1"]
    assert interleave(["d1"], []) == ["d1"]
    assert interleave(["d1"], ["n1", "n2", "n3"]) == ["d1", "n1", "n2", "n3"]


def test_queue_takes_due_most_overdue_first_and_limits_new(store):
    pack = make_pack(4)
    for question_id, due in (("card-1", 10.0), ("card-0", 20.0), ("gone", 5.0), ("card-2", 500.0)):
        store.record("mini", question_id, 3, CardState(state=REVIEW, due=due), reviewed_at=1.0)
    with studied_cards(pack, store, now=100.0) as studied:
        assert build_queue(studied, (), new_limit=1) == ["card-1", "card-0", "card-3"]
        assert build_queue(studied, (), new_limit=0) == ["card-1", "card-0"]
        assert build_queue(studied, ("a",), new_limit=5) == ["card-1", "card-3", "pick"]


def test_each_rating_is_stored_before_the_next_card(store, scheduler, now):
    session = StudySession(make_pack(2), store, scheduler, new_limit=10, now=now)
    first = session.current
    session.rate(4)
    assert store.card("mini", first.id) is not None
    assert store.reviews_total() == 1
    assert session.current.id != first.id


def test_topics_filter_the_queue(store, scheduler, now):
    session = StudySession(make_pack(6), store, scheduler, topics=["b"], new_limit=10, now=now)
    seen = []
    while session.current is not None:
        seen.append(session.current.id)
        session.rate(4)
    assert seen == ["card-0", "card-2", "card-4"]


def test_again_brings_the_card_back_in_the_same_session(store, scheduler, now):
    session = StudySession(make_pack(1), store, scheduler, new_limit=10, now=now)
    card = session.current
    session.rate(1)  # due again in 1 minute: within the learn-ahead window
    assert session.current.id == "pick"
    session.rate(4)
    assert session.current.id == card.id  # nothing else left: shown early
    session.rate(4)
    assert session.current is None
    assert session.summary.reviewed == 3 and session.summary.new_seen == 2
    assert session.summary.ratings == {1: 1, 2: 0, 3: 0, 4: 2}


def test_new_limit_caps_new_cards(store, scheduler, now):
    session = StudySession(make_pack(6), store, scheduler, new_limit=2, now=now)
    assert session.remaining == 2


def test_undo_restores_card_and_shows_it_again(store, scheduler, now):
    session = StudySession(make_pack(3), store, scheduler, new_limit=10, now=now)
    first = session.current
    session.rate(4)
    assert session.undo().id == first.id
    assert session.current.id == first.id
    assert store.card("mini", first.id) is None and store.reviews_total() == 0
    assert session.summary.reviewed == 0
    assert session.undo() is None


def test_due_cards_come_back_on_a_later_day(store, scheduler, now):
    session = StudySession(make_pack(1), store, scheduler, new_limit=10, now=now)
    while session.current is not None:
        session.rate(3)
    now.advance(days=30)
    later = StudySession(make_pack(1), store, scheduler, new_limit=0, now=now)
    assert later.remaining == 2  # both studied cards are due again, no new ones
