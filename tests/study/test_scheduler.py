"""FSRS through the wrapper: what each rating does to a new card, previews equal real reviews."""

from datetime import UTC, datetime, timedelta

from studyapp.scheduling.fsrs_scheduler import Scheduler, format_interval
from studyapp.store.reviews import LEARNING, REVIEW

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def test_new_card_ratings_order_intervals(scheduler):
    preview = scheduler.preview(None, NOW)
    assert preview[1] < preview[2] < preview[3] < preview[4]
    assert preview[1] == timedelta(minutes=1)  # fsrs's first learning step
    assert scheduler.review(None, 1, NOW).state == LEARNING
    assert scheduler.review(None, 4, NOW).state == REVIEW


def test_preview_matches_the_review_it_predicts(scheduler):
    card = scheduler.review(None, 3, NOW)
    later = NOW + timedelta(minutes=10)
    preview = scheduler.preview(card, later)
    for rating in (1, 2, 3, 4):
        after = scheduler.review(card, rating, later)
        assert datetime.fromtimestamp(after.due, UTC) - later == preview[rating]


def test_higher_retention_gives_shorter_intervals():
    card = Scheduler(0.9).review(None, 4, NOW)
    later = NOW + timedelta(days=10)
    relaxed = Scheduler(0.8).preview(card, later)[3]
    strict = Scheduler(0.97).preview(card, later)[3]
    assert strict < relaxed


def test_interval_labels():
    assert format_interval(timedelta(seconds=30)) == "<1m"
    assert format_interval(timedelta(minutes=10)) == "10m"
    assert format_interval(timedelta(hours=5)) == "5h"
    assert format_interval(timedelta(days=3)) == "3d"
    assert format_interval(timedelta(days=75)) == "2.5mo"
    assert format_interval(timedelta(days=365)) == "1y"
