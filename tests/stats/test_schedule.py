"""Cards due now, new questions and the 30-day forecast, over the loaded packs' current questions."""

from __future__ import annotations

from datetime import datetime, timedelta

from studyapp.stats.schedule import schedule
from tests.stats.conftest import NOW, add_card, make_pack

QUESTIONS = {qid: ("x",) for qid in ("a", "b", "c", "d", "e", "f", "g", "h")}


def test_due_new_and_forecast_by_hand(conn):
    pack = make_pack("mini", QUESTIONS)
    add_card(conn, "mini", "a", datetime(2024, 5, 10, 8))  # overdue: due now, forecast today
    add_card(conn, "mini", "b", NOW - timedelta(minutes=1))  # due now, today
    add_card(conn, "mini", "c", datetime(2024, 5, 15, 18))  # later today: not due yet, but today
    add_card(conn, "mini", "d", datetime(2024, 5, 16))  # tomorrow at midnight
    add_card(conn, "mini", "e", datetime(2024, 6, 13, 23, 59))  # the 30th day (today + 29)
    add_card(conn, "mini", "f", datetime(2024, 6, 14))  # the 31st day: outside the forecast
    add_card(conn, "mini", "gone", datetime(2024, 5, 1))  # removed from the pack: never counted
    add_card(conn, "other", "a", datetime(2024, 5, 1))  # a pack that is not loaded
    # g and h were never studied

    result = schedule(conn, [pack], NOW)

    assert result.due == 2
    assert result.new == 2
    assert len(result.forecast) == 30
    assert result.forecast[0] == {"date": "2024-05-15", "cards": 3}
    assert result.forecast[1] == {"date": "2024-05-16", "cards": 1}
    assert result.forecast[29] == {"date": "2024-06-13", "cards": 1}
    assert sum(day["cards"] for day in result.forecast) == 5


def test_counts_add_up_over_packs(conn):
    first = make_pack("first", {"a": ("x",), "b": ("x",)})
    second = make_pack("second", {"a": ("x",), "z": ("y",), "w": ("y",)})
    add_card(conn, "first", "a", NOW - timedelta(hours=1))
    add_card(conn, "second", "a", NOW - timedelta(hours=2))
    add_card(conn, "second", "z", NOW + timedelta(days=1))

    result = schedule(conn, [first, second], NOW)

    assert (result.due, result.new) == (2, 2)  # new: first/b and second/w
    assert [day["cards"] for day in result.forecast[:3]] == [2, 1, 0]


def test_a_fresh_database_has_only_new_questions(conn):
    result = schedule(conn, [make_pack()], NOW, days=7)
    assert (result.due, result.new) == (0, 3)
    assert [day["cards"] for day in result.forecast] == [0] * 7
    assert result.forecast[-1]["date"] == "2024-05-21"
