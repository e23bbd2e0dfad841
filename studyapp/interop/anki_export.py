"""Export a pack as an Anki package (.apkg) with genanki.

One deck (id derived from the pack id), one two-field note type with a fixed id, one note per card of
`studyapp.interop.card_text.export_cards`, tags = topic ids. Note GUIDs are `guid_for(pack id, question
id[, seed])`, so importing a re-export into Anki updates the notes instead of duplicating them. Field text
is escaped HTML (see `markdown_to_html`): pack text can never inject markup into Anki.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import genanki

from studyapp.content.model import Pack
from studyapp.interop.atomic_file import write_atomically
from studyapp.interop.card_text import export_cards
from studyapp.interop.html_text import markdown_to_html
from studyapp.interop.report import ExportReport, Progress, report_progress

MODEL_ID = 1_719_283_746  # fixed forever: Anki matches note types by id
CARD_MODEL = genanki.Model(
    MODEL_ID,
    "studyapp card",
    fields=[{"name": "Front"}, {"name": "Back"}],
    templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": '{{FrontSide}}<hr id="answer">{{Back}}'}],
    css=".card { font-family: sans-serif; font-size: 20px; text-align: left; }",
)


def deck_id(pack_id: str) -> int:
    """A stable positive 31-bit deck id: the first 4 bytes of sha256("studyapp deck:" + id), top bit off."""
    digest = hashlib.sha256(f"studyapp deck:{pack_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFF_FFFF or 1


def export_apkg(pack: Pack, target: Path, progress: Progress | None = None) -> ExportReport:
    """Write `pack` to `target` as .apkg (atomically) and report what was exported or skipped."""
    report = ExportReport()
    deck = genanki.Deck(deck_id(pack.id), pack.title)
    cards = export_cards(pack, report)
    for done, card in enumerate(cards, start=1):
        fields = [markdown_to_html(card.front), markdown_to_html(card.back)]
        guid = genanki.guid_for(pack.id, *card.key)
        deck.add_note(genanki.Note(model=CARD_MODEL, fields=fields, tags=list(card.tags), guid=guid))
        report_progress(progress, done, len(cards))
    report.exported = len(cards)
    write_atomically(target, lambda temp: genanki.Package(deck).write_to_file(str(temp)))
    return report
