"""Import Anki decks: `.apkg` packages (legacy `collection.anki21` / `collection.anki2` inside) and bare
`collection.anki2` / `.anki21` SQLite files (schema 11, with note types in `col.models`).

Mapping, per note and per card template of its note type:
- standard note types: the card's front is the fields its question template shows (`{{Front}}`), the
  back the further fields its answer template shows; a template whose `{{#Field}}` sections are empty
  makes no card, as in Anki. So Basic gives one flashcard and Basic (and reversed card) gives two, one
  per direction. A note type whose templates name no field falls back to first field → front, the
  remaining fields → back.
- cloze note types: one flashcard per cloze number (see `studyapp.interop.cloze`); other fields the
  answer template shows (e.g. Back Extra) become the explanation.
Field HTML becomes Markdown text; tags become topics (Anki's own `marked`/`leech` are dropped); a note
without tags gets its deck as topic. Question ids hash the note's GUID and the card, so re-importing an
edited deck keeps them.

Safety: the package is opened as a zip; archives with unsafe member names (absolute, `..`) or too many
members are refused; only the collection is read, into a temp file with a fixed name, at most 200 MB;
SQLite opens it read-only. The newer zstd `collection.anki21b` format is not supported; Anki also writes
a legacy collection for compatibility when asked ("Support older Anki versions").
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from studyapp.errors import StudyAppError
from studyapp.interop.builder import DEFAULT_OPTIONS, ImportOptions, ImportResult, PackBuilder, tag_title
from studyapp.interop.cloze import cloze_numbers, cloze_sides
from studyapp.interop.html_text import html_to_markdown
from studyapp.interop.report import Progress, report_progress

MAX_COLLECTION_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 100_000
LEGACY_COLLECTIONS = ("collection.anki21", "collection.anki2")
NEW_COLLECTION = "collection.anki21b"
ANKI_INTERNAL_TAGS = {"marked", "leech"}
NEWER_ANKI_DUMMY = "please update to the latest anki version"
_FIELD_REF = re.compile(r"\{\{([^{}]+)\}\}")
_SPECIAL_FIELDS = {"FrontSide", "Tags", "Deck", "Subdeck", "Card", "CardFlag", "Type"}
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class CardTemplate:
    """The fields one card template shows: `front`, `back` (answer-only) and required `sections`."""

    name: str
    front: tuple[str, ...]
    back: tuple[str, ...]
    sections: tuple[str, ...]


@dataclass(frozen=True)
class NoteType:
    name: str
    is_cloze: bool
    fields: tuple[str, ...]
    templates: tuple[CardTemplate, ...]


def _references(template: str) -> list[tuple[str, str]]:
    """(filter-or-section marker, field name) for each `{{…}}` in a template, in order."""
    refs = []
    for inner in _FIELD_REF.findall(template):
        inner = inner.strip()
        if inner[:1] in "#^/!":
            refs.append((inner[0], inner[1:].strip()))
        else:
            *filters, name = inner.split(":")
            refs.append((filters[0].strip() if filters else "", name.strip()))
    return refs


def _template(name: str, qfmt: str, afmt: str, fields: tuple[str, ...]) -> CardTemplate:
    shown = [(f, n) for f, n in _references(qfmt) if n in fields and f not in ("#", "^", "/", "!", "type")]
    front = tuple(dict.fromkeys(n for _, n in shown))
    sections = tuple(n for f, n in _references(qfmt) if f == "#" and n in fields)
    back_refs = (n for f, n in _references(afmt) if f not in ("#", "^", "/", "!") and n in fields)
    back = tuple(dict.fromkeys(n for n in back_refs if n not in front and n not in _SPECIAL_FIELDS))
    return CardTemplate(name, front, back, sections)


def note_types_from_models(models_json: str) -> dict[int, NoteType]:
    """Note types from the legacy `col.models` JSON (type 0 standard, 1 cloze)."""
    types = {}
    for model_id, model in json.loads(models_json or "{}").items():
        fields = tuple(f["name"] for f in sorted(model.get("flds", []), key=lambda f: f.get("ord", 0)))
        templates = tuple(
            _template(t.get("name", ""), t.get("qfmt", ""), t.get("afmt", ""), fields)
            for t in sorted(model.get("tmpls", []), key=lambda t: t.get("ord", 0))
        )
        types[int(model_id)] = NoteType(model.get("name", ""), model.get("type", 0) == 1, fields, templates)
    return types


def _unsafe_member(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    return path.is_absolute() or ".." in path.parts or re.match(r"^[A-Za-z]:", name) is not None


def _extract_collection(package: Path, workdir: Path) -> tuple[Path, bool]:
    """Copy the legacy collection out of an .apkg into `workdir`; also say if an anki21b was present."""
    try:
        archive = zipfile.ZipFile(package)
    except (zipfile.BadZipFile, OSError) as exc:
        raise StudyAppError(f"{package}: not an Anki package (not a readable zip file)") from exc
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise StudyAppError(f"{package}: refusing a package with {len(members)} members")
        unsafe = next((m.filename for m in members if _unsafe_member(m.filename)), None)
        if unsafe is not None:
            raise StudyAppError(f"{package}: refusing a package with an unsafe member name {unsafe!r}")
        by_name = {m.filename: m for m in members}
        has_new = NEW_COLLECTION in by_name
        legacy = next((by_name[n] for n in LEGACY_COLLECTIONS if n in by_name), None)
        if legacy is None:
            if has_new:
                raise _new_format_error(package)
            raise StudyAppError(f"{package}: no Anki collection inside (not an .apkg?)")
        if legacy.file_size > MAX_COLLECTION_BYTES:
            raise _too_large(package)
        target = workdir / "collection.sqlite"
        with archive.open(legacy) as source, target.open("wb") as sink:
            copied = 0
            while chunk := source.read(_CHUNK):
                copied += len(chunk)
                if copied > MAX_COLLECTION_BYTES:
                    raise _too_large(package)
                sink.write(chunk)
    return target, has_new


def _too_large(source: Path) -> StudyAppError:
    limit = MAX_COLLECTION_BYTES // 2**20
    return StudyAppError(f"{source}: the collection is larger than {limit} MB; refusing")


def _new_format_error(package: Path) -> StudyAppError:
    return StudyAppError(
        f"{package}: this package uses the newer Anki format (collection.anki21b), which is not supported; "
        "in Anki, export it again with 'Support older Anki versions' ticked"
    )


def import_anki(
    path: Path, options: ImportOptions = DEFAULT_OPTIONS, progress: Progress | None = None
) -> ImportResult:
    """Read an .apkg or a bare legacy Anki collection into a pack dict plus report (see module docstring)."""
    with tempfile.TemporaryDirectory(prefix="studyapp-anki-") as workdir:
        if zipfile.is_zipfile(path):
            collection, has_new = _extract_collection(path, Path(workdir))
        elif path.is_file():
            if path.stat().st_size > MAX_COLLECTION_BYTES:
                raise _too_large(path)
            collection, has_new = Path(workdir) / "collection.sqlite", False
            shutil.copyfile(path, collection)
        else:
            raise StudyAppError(f"cannot read {path}: no such file")
        try:
            connection = sqlite3.connect(f"{collection.resolve().as_uri()}?mode=ro", uri=True)
        except sqlite3.Error as exc:
            raise StudyAppError(f"{path}: cannot open the Anki collection: {exc}") from exc
        try:
            return _import_collection(connection, path, options, progress, has_new)
        except sqlite3.DatabaseError as exc:
            raise StudyAppError(f"{path}: not a readable Anki collection ({exc})") from exc
        finally:
            connection.close()


def _import_collection(connection, path, options, progress, has_new) -> ImportResult:
    models_json, decks_json = connection.execute("select models, decks from col").fetchone()
    note_types = note_types_from_models(models_json)
    if not note_types:
        raise StudyAppError(
            f"{path}: this collection keeps its note types in the newer Anki schema, which is not "
            "supported; in Anki, export an .apkg with 'Support older Anki versions' ticked"
        )
    decks = {int(i): d.get("name", "") for i, d in json.loads(decks_json or "{}").items()}
    note_deck = dict(connection.execute("select nid, min(did) from cards group by nid"))
    used_decks = {decks.get(d, "") for d in note_deck.values()} - {"", "Default"}
    notes = connection.execute("select id, guid, mid, tags, flds from notes order by id").fetchall()
    if has_new and len(notes) == 1 and NEWER_ANKI_DUMMY in notes[0][4].lower():
        raise _new_format_error(path)
    deck_title = tag_title(next(iter(used_decks))) if len(used_decks) == 1 else None
    builder = PackBuilder(path, options, default_title=deck_title)
    described: set[int] = set()
    for done, (note_id, guid, model_id, tags, fields) in enumerate(notes, start=1):
        note_type = note_types.get(model_id)
        where = f"note {note_id}"
        if note_type is None:
            builder.report.skip(where, f"unknown note type id {model_id}")
        else:
            if model_id not in described:
                described.add(model_id)
                builder.report.note("", _describe(note_type))
            texts = (html_to_markdown(v) for v in fields.split("\x1f"))
            values = dict(zip(note_type.fields, texts, strict=False))
            tag_list = [t for t in tags.split() if t.lower() not in ANKI_INTERNAL_TAGS]
            deck = decks.get(note_deck.get(note_id, 0), "")
            topic_names = tag_list or ([deck] if deck and deck != "Default" else [])
            _add_note(builder, where, guid, note_type, values, topic_names)
        report_progress(progress, done, len(notes))
    return builder.result()


def _describe(note_type: NoteType) -> str:
    if note_type.is_cloze:
        return f"note type {note_type.name!r}: one card per cloze deletion"
    count = len(note_type.templates)
    return f"note type {note_type.name!r}: one card per card template ({count})"


def _joined(values: dict[str, str], names: tuple[str, ...]) -> str:
    return "\n\n".join(values[n] for n in names if values.get(n))


def _add_note(builder, where, guid, note_type: NoteType, values: dict[str, str], topic_names) -> None:
    """Add the cards of one note, or report why it gave none."""
    cards = _cloze_cards(note_type, values) if note_type.is_cloze else _standard_cards(note_type, values)
    if not cards:
        builder.report.skip(where, f"no card: the fields a {note_type.name!r} card needs are empty")
        return
    topics = builder.topics_for(topic_names)
    for card_key, front, back, explanation in cards:
        if not back:
            builder.report.skip(where, f"card {card_key}: empty back")
            continue
        builder.add_flashcard(front, back, topics=topics, explanation=explanation, key=f"{guid}:{card_key}")


def _standard_cards(note_type: NoteType, values: dict[str, str]) -> list[tuple[str, str, str, str]]:
    templates = [t for t in note_type.templates if t.front]
    if not templates:
        first, rest = note_type.fields[:1], note_type.fields[1:]
        return [("0", _joined(values, first), _joined(values, rest), "")] if _joined(values, first) else []
    return [
        (str(index), _joined(values, t.front), _joined(values, t.back), "")
        for index, t in enumerate(note_type.templates)
        if t.front and _joined(values, t.front) and all(values.get(s) for s in t.sections)
    ]


def _cloze_cards(note_type: NoteType, values: dict[str, str]) -> list[tuple[str, str, str, str]]:
    template = note_type.templates[0] if note_type.templates else None
    text_fields = (template.front if template and template.front else None) or note_type.fields[:1]
    text = _joined(values, text_fields)
    extra = _joined(values, template.back) if template else ""
    return [(f"c{n}", *cloze_sides(text, n), extra) for n in cloze_numbers(text)]
