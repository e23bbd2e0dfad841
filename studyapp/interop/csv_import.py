"""Import CSV / TSV flashcards, including Anki's "Notes in Plain Text" export.

Plain CSV/TSV: the delimiter is sniffed (`,` tab `;` `|`; `.tsv` means tab). A first row naming the
columns (front/back, question/answer, tags, explanation, …) is a header; without one the columns are
front, back, tags, and any further columns are joined into the explanation.

Anki plain text: leading `#key:value` lines set the separator (`tab`, `comma`, `semicolon`, `space`,
`pipe`, `colon` or a literal character), `html` (fields are HTML → converted to Markdown), `tags` (added
to every note), `columns` (column names), and `notetype`/`deck`/`tags`/`guid column:N` (1-based). Cloze
notes (note type named "…Cloze…") give one card per deletion. Without a `tags column`, the remaining
columns are front, back, then explanation.

Tags become topics (slugified); a row without tags gets its deck, else the default topic.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from studyapp.errors import StudyAppError
from studyapp.interop.builder import DEFAULT_OPTIONS, ImportOptions, ImportResult, PackBuilder, read_text_file
from studyapp.interop.cloze import cloze_numbers, cloze_sides
from studyapp.interop.html_text import html_to_markdown
from studyapp.interop.report import Progress, report_progress
from studyapp.interop.slugs import slugify

ANKI_SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|", "colon": ":"}
SNIFFED_DELIMITERS = ",\t;|"
ANKI_HEADER = re.compile(r"^#([a-z ]+):(.*)$", re.IGNORECASE)
_COLUMN_ALIASES = {
    "front": "front", "question": "front", "prompt": "front", "q": "front", "text": "front",
    "back": "back", "answer": "back", "a": "back",
    "tags": "tags", "tag": "tags", "topics": "tags", "topic": "tags",
    "explanation": "explanation", "extra": "explanation", "back-extra": "explanation", "notes": "explanation",
    "notetype": "notetype", "note-type": "notetype", "deck": "deck", "guid": "guid",
}  # fmt: skip


@dataclass
class AnkiTextHeaders:
    """The `#key:value` lines at the top of an Anki plain-text export (`line_count` lines long)."""

    separator: str | None = None
    html: bool = False
    tags: list[str] = field(default_factory=list)
    columns: list[str] | None = None
    notetype: str = ""
    deck: str = ""
    special_columns: dict[str, int] = field(default_factory=dict)  # role → 0-based column
    line_count: int = 0

    @classmethod
    def parse(cls, lines: list[str]) -> AnkiTextHeaders:
        headers = cls()
        raw_columns = None
        for line in lines:
            match = ANKI_HEADER.match(line)
            if not match:
                break
            headers.line_count += 1
            key, value = match.group(1).strip().lower(), match.group(2).strip()
            if key == "separator":
                headers.separator = ANKI_SEPARATORS.get(value.lower(), value[:1] or None)
            elif key == "html":
                headers.html = value.lower() == "true"
            elif key == "tags":
                headers.tags = value.split()
            elif key == "columns":
                raw_columns = value
            elif key in ("notetype", "deck"):
                setattr(headers, key, value)
            elif key.endswith(" column") and value.isdigit() and int(value) >= 1:
                headers.special_columns[key.removesuffix(" column")] = int(value) - 1
        if raw_columns is not None:
            headers.columns = next(csv.reader([raw_columns], delimiter=headers.separator or "\t"))
        return headers


def _roles(width: int, names: list[str] | None, special: dict[str, int], positional_tags: bool) -> list[str]:
    """The role of each column: front, back, tags, explanation, notetype, deck or guid."""
    roles = [""] * width
    for role, index in special.items():
        if index < width:
            roles[index] = role
    for index, name in enumerate((names or [])[:width]):
        if not roles[index]:
            role = _COLUMN_ALIASES.get(slugify(name), "explanation")
            roles[index] = role if role not in roles or role == "explanation" else "explanation"
    order = ["front", "back", "tags"] if positional_tags else ["front", "back"]
    free = [role for role in order if role not in roles]
    for index in range(width):
        if not roles[index]:
            roles[index] = free.pop(0) if free else "explanation"
    return roles


def _sniff_delimiter(sample: str, path: Path) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    try:
        return csv.Sniffer().sniff(sample, delimiters=SNIFFED_DELIMITERS).delimiter
    except csv.Error:
        first_line = sample.split("\n", 1)[0]
        counts = {d: first_line.count(d) for d in SNIFFED_DELIMITERS}
        best = max(counts, key=counts.__getitem__)
        return best if counts[best] else ","


def _records(text: str, delimiter: str, first_line: int) -> list[tuple[int, list[str]]]:
    """(starting line, cells) of each non-blank CSV record."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    records, line = [], first_line
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                records.append((line, cells))
            line = first_line + reader.line_num
    except csv.Error as exc:
        raise StudyAppError(f"line {line}: cannot read CSV: {exc}") from exc
    return records


def _split_tags(cell: str) -> list[str]:
    return [t.strip() for t in (cell.split(",") if "," in cell else cell.split()) if t.strip()]


def import_csv(
    path: Path, options: ImportOptions = DEFAULT_OPTIONS, progress: Progress | None = None
) -> ImportResult:
    """Read a CSV/TSV or Anki plain-text file into a pack dict plus report (see the module docstring)."""
    text = read_text_file(path)
    lines = text.split("\n")
    headers = AnkiTextHeaders.parse(lines)
    is_anki = headers.line_count > 0
    body = "\n".join(lines[headers.line_count :])
    delimiter = headers.separator or _sniff_delimiter(body[:20_000], path)
    records = _records(body, delimiter, headers.line_count + 1)
    builder = PackBuilder(path, options)
    names = headers.columns
    if not is_anki and records:
        first = [_COLUMN_ALIASES.get(slugify(cell)) for cell in records[0][1]]
        if "front" in first and "back" in first:
            names = records.pop(0)[1]
    width = max((len(cells) for _, cells in records), default=0)
    roles = _roles(width, names, headers.special_columns, positional_tags=not is_anki and names is None)
    convert = html_to_markdown if headers.html else str.strip
    label = dict(enumerate(names or []))
    for done, (line, cells) in enumerate(records, start=1):
        _import_row(builder, line, cells, roles, label, headers, convert)
        report_progress(progress, done, len(records))
    return builder.result()


def _import_row(builder, line, cells, roles, label, headers, convert) -> None:
    """Add the card(s) of one record, or report why it was skipped."""
    where = f"line {line}"
    values: dict[str, list[str]] = {}
    for index, (role, cell) in enumerate(zip(roles, cells, strict=False)):
        value = cell.strip() if role in ("tags", "notetype", "deck", "guid") else convert(cell)
        named = index in label and slugify(label[index]) not in _COLUMN_ALIASES
        if role == "explanation" and value and named:
            value = f"{label[index]}: {value}"
        values.setdefault(role, []).append(value)
    front = (values.get("front") or [""])[0]
    back = (values.get("back") or [""])[0]
    explanation = "\n\n".join(v for v in values.get("explanation", []) if v)
    deck = (values.get("deck") or [headers.deck])[0]
    tags = headers.tags + _split_tags((values.get("tags") or [""])[0]) or ([deck] if deck else [])
    notetype = (values.get("notetype") or [headers.notetype])[0]
    guid = (values.get("guid") or [""])[0] or None
    if "cloze" in notetype.lower() and cloze_numbers(front):
        topics = builder.topics_for(tags)
        extra = "\n\n".join(v for v in (back, explanation) if v)
        for number in cloze_numbers(front):
            cloze_front, cloze_back = cloze_sides(front, number)
            key = f"{guid or front}:c{number}"
            builder.add_flashcard(cloze_front, cloze_back, topics=topics, explanation=extra, key=key)
        return
    if not front:
        builder.report.skip(where, "empty front (first column)")
    elif not back:
        builder.report.skip(where, "empty back (no answer column)" if len(cells) < 2 else "empty back")
    else:
        builder.add_flashcard(front, back, topics=builder.topics_for(tags), explanation=explanation, key=guid)
