"""What an import or export did: how many items went through, which were skipped and why, and notes
about decisions taken on the way (e.g. "answer has only links")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Progress = Callable[[int, int], None]
"""`progress(done, total)`, called every `PROGRESS_EVERY` items and once at the end."""

PROGRESS_EVERY = 1000


@dataclass(frozen=True)
class ReportItem:
    """One skipped item or note: `where` locates it in the source ("line 12", "row 4", "note 1612…")."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}" if self.where else self.reason


@dataclass
class _Report:
    skipped: list[ReportItem] = field(default_factory=list)
    notes: list[ReportItem] = field(default_factory=list)

    def skip(self, where: str, reason: str) -> None:
        self.skipped.append(ReportItem(where, reason))

    def note(self, where: str, reason: str) -> None:
        self.notes.append(ReportItem(where, reason))

    def _items_json(self) -> dict[str, Any]:
        return {
            "skipped": [{"where": i.where, "reason": i.reason} for i in self.skipped],
            "notes": [{"where": i.where, "reason": i.reason} for i in self.notes],
        }


@dataclass
class ImportReport(_Report):
    """`imported` counts questions added to the pack."""

    imported: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"imported": self.imported, **self._items_json()}


@dataclass
class ExportReport(_Report):
    """`exported` counts cards (or rows) written."""

    exported: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"exported": self.exported, **self._items_json()}


def report_progress(progress: Progress | None, done: int, total: int) -> None:
    """Call `progress` every `PROGRESS_EVERY` items and when `done == total`."""
    if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
        progress(done, total)
