"""Export a pack as CSV: a `front,back,tags` header, then one row per card (tags space-separated)."""

from __future__ import annotations

import csv
from pathlib import Path

from studyapp.content.model import Pack
from studyapp.interop.atomic_file import write_atomically
from studyapp.interop.card_text import export_cards
from studyapp.interop.report import ExportReport


def export_csv(pack: Pack, target: Path) -> ExportReport:
    """Write `pack` to `target` as CSV (atomically) and report what was exported or skipped."""
    report = ExportReport()
    cards = export_cards(pack, report)

    def write(temp: Path) -> None:
        with temp.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["front", "back", "tags"])
            writer.writerows([card.front, card.back, " ".join(card.tags)] for card in cards)

    write_atomically(target, write)
    report.exported = len(cards)
    return report
