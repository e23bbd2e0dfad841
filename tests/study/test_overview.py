"""Home-screen counts: new / due / total per pack and per topic, cards of removed questions ignored."""

from studyapp.store.reviews import REVIEW, CardState
from studyapp.study.overview import overview
from tests.study.conftest import make_pack


def test_counts_per_pack_and_topic(store):
    pack = make_pack(6)  # card-0..5 (odd ids topic a, even topic b) + "pick" (topic a)
    for question_id, due in (("card-0", 10.0), ("card-1", 50.0), ("card-2", 500.0), ("gone", 10.0)):
        store.record("mini", question_id, 3, CardState(state=REVIEW, due=due), reviewed_at=1.0)
    store.record("other", "card-3", 3, CardState(state=REVIEW, due=10.0), reviewed_at=1.0)
    rows = {row.topic_id: row.counts for row in overview([pack], store, now=100.0)}
    assert (rows[None].new, rows[None].due, rows[None].total) == (4, 2, 7)
    assert (rows["a"].new, rows["a"].due, rows["a"].total) == (3, 1, 4)  # card-1 due; 3, 5, pick new
    assert (rows["b"].new, rows["b"].due, rows["b"].total) == (1, 1, 3)  # card-0 due, card-2 later, 4 new


def test_due_exactly_now_counts_as_due(store):
    store.record("mini", "card-0", 3, CardState(state=REVIEW, due=100.0), reviewed_at=1.0)
    [whole, *_] = overview([make_pack(2)], store, now=100.0)
    assert whole.counts.due == 1
