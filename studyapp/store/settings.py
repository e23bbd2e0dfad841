"""User settings kept in the database (`settings` table): desired retention and new cards per day."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, fields

from studyapp.errors import StudyAppError
from studyapp.store.transactions import transaction


@dataclass(frozen=True)
class StudySettings:
    desired_retention: float = 0.9
    """FSRS's target probability of recall at each due date (0.70–0.99)."""
    new_per_day: int = 20
    """New questions introduced per day, across packs (0–9999)."""


_BOUNDS = {"desired_retention": (0.7, 0.99), "new_per_day": (0, 9999)}


def study_settings(conn: sqlite3.Connection) -> StudySettings:
    """The stored settings; missing or unreadable values fall back to the defaults."""
    stored = dict(conn.execute("SELECT key, value FROM settings"))
    chosen = {}
    for field in fields(StudySettings):
        if field.name in stored:
            try:
                chosen[field.name] = _check(field.name, stored[field.name])
            except StudyAppError:
                continue
    return StudySettings(**chosen)


def set_setting(conn: sqlite3.Connection, name: str, text: str) -> StudySettings:
    """Store one setting given as text, checked against its bounds; returns the settings now in force."""
    value = _check(name, text)
    with transaction(conn):
        conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (name, str(value)))
    return study_settings(conn)


def _check(name: str, text: str) -> float | int:
    if name not in _BOUNDS:
        raise StudyAppError(f"unknown setting {name!r} (settings: {', '.join(_BOUNDS)})")
    low, high = _BOUNDS[name]
    kind = int if isinstance(getattr(StudySettings, name), int) else float
    try:
        value = kind(text)
    except ValueError as exc:
        raise StudyAppError(f"{name} must be a {kind.__name__}, not {text!r}") from exc
    if not low <= value <= high:
        raise StudyAppError(f"{name} must be between {low} and {high}, not {value}")
    return value
