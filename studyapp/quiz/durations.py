"""Durations typed by people: `parse_duration("1m30s") == 90.0`, and the two ways they are shown."""

from __future__ import annotations

import math
import re

from studyapp.errors import StudyAppError

_DURATION = re.compile(r"(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?")


def parse_duration(text: str) -> float:
    """Seconds in "90", "45s", "10m", "1m30s" or "1h5m" (case and spaces ignored); must be > 0."""
    cleaned = "".join(str(text).split()).lower()
    match = _DURATION.fullmatch(cleaned)
    if not cleaned or match is None:
        if re.fullmatch(r"\d+(?:\.\d+)?", cleaned):
            seconds = float(cleaned)
        else:
            raise StudyAppError(f"invalid duration {text!r}: use seconds or e.g. 45s, 10m, 1m30s")
    else:
        hours, minutes, secs = (float(part) if part else 0.0 for part in match.groups())
        seconds = hours * 3600 + minutes * 60 + secs
    if not math.isfinite(seconds) or seconds <= 0:
        raise StudyAppError(f"invalid duration {text!r}: it must be more than 0 seconds")
    return seconds


def format_duration(seconds: float) -> str:
    """A compact duration, rounded to whole seconds: 90 → "1m30s", 45 → "45s", 600 → "10m"."""
    total = round(seconds)
    minutes, secs = divmod(total, 60)
    if minutes and secs:
        return f"{minutes}m{secs:02d}s"
    return f"{minutes}m" if minutes else f"{secs}s"


def format_clock(seconds: float) -> str:
    """A countdown display "m:ss", rounding up so it shows 0:00 only when time is really out."""
    total = max(0, math.ceil(seconds))
    minutes, secs = divmod(total, 60)
    return f"{minutes}:{secs:02d}"
