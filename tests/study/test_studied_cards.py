"""Counts and queues read through stored card places agree with counting every card in Python, whatever
state the places are in: fresh, missing for newly studied cards, stale after the pack was edited, or
stale and unwritable (a read-only database)."""

import random
from itertools import islice

import pytest

from studyapp.content.model import Flashcard, Pack, Topic
from studyapp.store.card_places import CardPlaces
from studyapp.store.reviews import REVIEW, CardState
from studyapp.study import studied_cards as studied_module
from studyapp.study.overview import overview
from studyapp.study.queue import build_queue, interleave
from studyapp.study.studied_cards import studied_cards

TOPICS = tuple(Topic(f"t{i}", f"T{i}") for i in range(4))
NOW = 1000.0


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    """Chunks of 7 positions, so that a pack of a few dozen questions has whole, partial and empty ones."""
    monkeypatch.setattr(studied_module, "CHUNK", 7)


def random_questions(rng: random.Random, ids) -> list[Flashcard]:
    topic_ids = [t.id for t in TOPICS]
    return [
        Flashcard(id=i, topics=tuple(rng.sample(topic_ids, rng.randint(0, 2))), front="f", back="b")
        for i in ids
    ]


def as_pack(questions) -> Pack:
    return Pack(id="p", title="P", questions=tuple(questions), topics=TOPICS)


def study(store, rng: random.Random, ids) -> dict[str, float]:
    """Rate each of `ids` once, due at a distinct random time around NOW; returns id → due."""
    dues = {}
    for question_id in ids:
        dues[question_id] = NOW + rng.uniform(-500, 500)
        store.record("p", question_id, 3, CardState(state=REVIEW, due=dues[question_id]), reviewed_at=1.0)
    return dues


def expected_counts(pack: Pack, dues: dict[str, float]) -> dict:
    counts = {}
    for topic in (None, *(t.id for t in TOPICS)):
        members = [q.id for q in pack.questions if topic is None or topic in q.topics]
        studied = [i for i in members if i in dues]
        due = [i for i in studied if dues[i] <= NOW]
        counts[topic] = (len(members) - len(studied), len(due), len(members))
    return counts


def expected_queue(pack: Pack, dues: dict[str, float], topics, limit: int) -> list[str]:
    members = [q.id for q in pack.questions if not topics or set(topics) & set(q.topics)]
    due = sorted((i for i in members if i in dues and dues[i] <= NOW), key=dues.__getitem__)
    return interleave(due, [i for i in members if i not in dues][:limit])


def check(pack: Pack, store, dues: dict[str, float]) -> None:
    rows = overview([pack], store, NOW)
    assert {r.topic_id: (r.counts.new, r.counts.due, r.counts.total) for r in rows} == expected_counts(
        pack, dues
    )
    for topics in ((), *((t.id,) for t in TOPICS), ("t0", "t3")):
        for limit in (0, 3, 1000):
            with studied_cards(pack, store, NOW) as studied:
                queue = build_queue(studied, topics, limit)
            assert queue == expected_queue(pack, dues, topics, limit), (topics, limit)


def places_trusted(pack: Pack, store) -> bool:
    places = CardPlaces(store.conn)
    return places.fingerprint(pack.id) == pack.order_fingerprint and not places.has_unplaced(pack.id)


@pytest.mark.parametrize("seed", range(6))
def test_counts_and_queue_match_a_count_of_every_card_through_pack_edits(store, seed):
    rng = random.Random(seed)
    questions = random_questions(rng, [f"q{i}" for i in range(60)])
    pack = as_pack(questions)
    dues = study(store, rng, [q.id for q in questions[:25]] + rng.sample([q.id for q in questions[25:]], 10))
    check(pack, store, dues)
    assert places_trusted(pack, store)

    store.conn.execute("PRAGMA query_only = ON")  # newly studied cards can't be given places
    dues |= study_read_only(store, rng, pack)
    check(pack, store, dues)
    store.conn.execute("PRAGMA query_only = OFF")
    check(pack, store, dues)
    assert places_trusted(pack, store)

    edited = questions[5:40] + random_questions(rng, ["new-a", "new-b"]) + questions[45:]
    rng.shuffle(edited)
    edited[3] = Flashcard(id=edited[3].id, topics=("t2",), front="f", back="b")  # a topic changed
    pack = as_pack(edited)
    store.conn.execute("PRAGMA query_only = ON")  # stale places that can't be rewritten: not trusted
    check(pack, store, dues)
    assert not places_trusted(pack, store)
    store.conn.execute("PRAGMA query_only = OFF")
    check(pack, store, dues)
    assert places_trusted(pack, store)


def study_read_only(store, rng: random.Random, pack: Pack) -> dict[str, float]:
    """Study 8 more questions while writes other than ratings fail (ratings go in with writes allowed)."""
    unstudied = [q.id for q in pack.questions if store.card("p", q.id) is None]
    store.conn.execute("PRAGMA query_only = OFF")
    dues = study(store, rng, rng.sample(unstudied, 8))
    store.conn.execute("PRAGMA query_only = ON")
    return dues


def test_a_pack_studied_in_order_is_searched_without_reading_its_full_chunks(store, monkeypatch):
    rng = random.Random(7)
    pack = as_pack(random_questions(rng, [f"q{i}" for i in range(70)]))
    study(store, rng, [q.id for q in pack.questions[:50]])
    read = []
    original = CardPlaces.placed_positions
    monkeypatch.setattr(
        CardPlaces, "placed_positions", lambda self, *args: read.append(args[1]) or original(self, *args)
    )
    with studied_cards(pack, store, NOW) as studied:
        new = list(islice(studied.unstudied(range(70), None), 5))
    assert new == [f"q{i}" for i in range(50, 55)]
    assert read == [
        49
    ]  # chunks 0-48 are full and skipped; only the one holding q49 (studied) and q50 is read
