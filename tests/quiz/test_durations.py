import pytest

from studyapp.errors import StudyAppError
from studyapp.quiz.durations import format_clock, format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("90", 90), ("45s", 45), ("10m", 600), ("1m30s", 90), (" 2M 5S ", 125), ("1h", 3600), ("1.5m", 90)],
)
def test_parse_duration_reads_units(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "abc", "10x", "m", "-5", "0", "0s", "1m-5s", "s10"])
def test_parse_duration_rejects_garbage_with_one_line(text):
    with pytest.raises(StudyAppError) as caught:
        parse_duration(text)
    assert "\n" not in str(caught.value)


def test_formats():
    assert format_duration(90) == "1m30s"
    assert format_duration(600) == "10m"
    assert format_duration(44.6) == "45s"
    assert format_clock(75) == "1:15"
    assert format_clock(0.2) == "0:01"  # rounds up: 0:00 only when time is really out
    assert format_clock(-3) == "0:00"
