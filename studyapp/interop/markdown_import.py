"""Import Markdown notes: questions as headings (`## What is X?`) or bold lines (`**What is X?**`).

Shape rules, in order:
- Headings and bold question lines split the text into items; an item's answer is the text up to the
  next item. Fenced code blocks are answer text, never items. A leading `---` front-matter block is ignored.
- Bold lines are questions only when no heading reads as a question (so bold sub-headings inside
  answers, like `**Identifying exploding gradients:**`, stay answer text); a bold question ends with `?`
  or starts with `Q:` / `Q1.`.
- A heading followed by deeper headings (or by bold questions) is a section: it becomes a topic for
  everything under it; text directly below it is reported as skipped.
- A heading with answer text is a question (a term heading like `## Batch norm` becomes a card too).
- A heading without answer text is a question with nothing to learn if it reads as a question (reported
  as skipped), else a divider topic (`## Deep Learning`) for the headings that follow at its level.
- Links in an answer become the question's references and the pack's; lines holding only links are
  dropped from the answer, except when the answer is only links: then they are kept as the answer (noted).
- Images become "[image]" (or "[image: alt]") with their URL in the question's references.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from studyapp.interop.builder import DEFAULT_OPTIONS, ImportOptions, ImportResult, PackBuilder, read_text_file
from studyapp.interop.report import Progress, report_progress

BOLD_LEVEL = 7  # bold questions sit below every heading level
_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?\s*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_QUESTION_WORDS = re.compile(
    r"^(what|why|how|when|where|which|who|whom|whose|is|are|was|were|do|does|did|can|could|should|would|"
    r"will|explain|compare|describe|define|list|name|give|differentiate|distinguish|contrast|derive|"
    r"discuss|outline|summari[sz]e)\b|^q\d*\s*[:.)]",
    re.IGNORECASE,
)
_URL = r"((?:[^()\s]|\([^()\s]*\))+)(?:\s+\"[^\"]*\")?"
_IMAGE = re.compile(r"!\[([^\]]*)\]\(" + _URL + r"\)")
_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(" + _URL + r"\)")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s*")


def reads_as_question(title: str) -> bool:
    """True for 'What is X?', 'Compare optimizers', 'Q3: …'; False for 'Deep Learning'."""
    stripped = title.strip().strip("*_").strip()
    return stripped.endswith("?") or bool(_QUESTION_WORDS.match(stripped))


@dataclass
class _Item:
    kind: str  # "heading" | "bold"
    level: int
    title: str
    line: int
    body: list[str] = field(default_factory=list)

    @property
    def has_body(self) -> bool:
        return any(line.strip() for line in self.body)


def _bold_question(line: str) -> str | None:
    match = _BOLD_LINE.match(line)
    if not match:
        return None
    text = match.group(1).strip()
    return text if text.endswith("?") or re.match(r"^q\d*\s*[:.)]", text, re.IGNORECASE) else None


def _split_items(lines: list[str]) -> tuple[list[_Item], list[str]]:
    """Headings and bold-question lines with their bodies, and the text before the first one."""
    fenced = [False] * len(lines)
    inside = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            inside = not inside
            fenced[index] = True
        fenced[index] = fenced[index] or inside
    headings = {i: _HEADING.match(line) for i, line in enumerate(lines) if not fenced[i]}
    headings = {i: m for i, m in headings.items() if m}
    any_question_heading = any(reads_as_question(m.group(2)) for m in headings.values())
    items: list[_Item] = []
    preamble: list[str] = []
    for index, line in enumerate(lines):
        bold = None if fenced[index] or any_question_heading else _bold_question(line)
        if index in headings:
            title = headings[index].group(2).strip().strip("*_").strip()
            items.append(_Item("heading", len(headings[index].group(1)), title, index + 1))
        elif bold:
            items.append(_Item("bold", BOLD_LEVEL, bold, index + 1))
        else:
            (items[-1].body if items else preamble).append(line)
    return items, preamble


def _image_text(match: re.Match[str]) -> str:
    return f"[image: {match.group(1)}]" if match.group(1).strip() else "[image]"


def _answer(body: list[str]) -> tuple[str, list[dict[str, str]], list[dict[str, str]], bool]:
    """(answer text, link references, image references, only links?) of an item's body."""
    links: list[dict[str, str]] = []
    images: list[dict[str, str]] = []
    kept: list[str] = []
    link_lines: list[str] = []
    for line in body:
        for match in _IMAGE.finditer(line):
            alt, url = match.group(1).strip(), match.group(2)
            images.append({"title": f"image: {alt or PurePosixPath(url).name}", "url": url})
        found = [{"title": m.group(1).strip() or m.group(2), "url": m.group(2)} for m in _LINK.finditer(line)]
        links.extend(found)
        shown = _IMAGE.sub(_image_text, line.rstrip())
        leftover = _LIST_MARKER.sub("", _LINK.sub("", _IMAGE.sub("", line))).strip()
        (link_lines if found and not leftover else kept).append(shown)
    only_links = not any(line.strip() for line in kept)
    text = "\n".join(link_lines if only_links else kept)
    return re.sub(r"\n\s*\n(\s*\n)+", "\n\n", text).strip("\n").rstrip(), links, images, only_links


def _strip_front_matter(lines: list[str]) -> list[str]:
    if lines and lines[0].strip() == "---" and "---" in (s.strip() for s in lines[1:]):
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
        return [""] * (end + 1) + lines[end + 1 :]
    return lines


def import_markdown(
    path: Path, options: ImportOptions = DEFAULT_OPTIONS, progress: Progress | None = None
) -> ImportResult:
    """Read Markdown notes into a pack dict plus report (see the module docstring for the shape rules)."""
    items, preamble = _split_items(_strip_front_matter(read_text_file(path).split("\n")))
    builder = PackBuilder(path, options)
    if any(line.strip() for line in preamble):
        builder.report.skip("line 1", "text before the first heading or question is not a question")
    sections: list[tuple[int, bool, str]] = []  # (level, is a container, topic name)
    for index, item in enumerate(items):
        where = f"line {item.line}"
        has_children = index + 1 < len(items) and items[index + 1].level > item.level
        # a new item closes containers at its level or deeper and dividers deeper than it
        sections = [s for s in sections if s[0] < item.level or (s[0] == item.level and not s[1])]
        if item.kind == "heading" and (has_children or not (item.has_body or reads_as_question(item.title))):
            sections = [s for s in sections if s[0] < item.level]
            sections.append((item.level, has_children, item.title))
            if index == 0 and not options.title:
                builder.title = item.title  # notes that open with a section heading are named by it
            if has_children and item.has_body:
                builder.report.skip(where, f"text under the section heading {item.title!r} is not a question")
        elif not item.has_body:
            builder.report.skip(where, f"no answer text under {item.title!r}")
        else:
            _add_question(builder, item, sections[-1][2] if sections else None)
        report_progress(progress, index + 1, len(items))
    return builder.result()


def _add_question(builder: PackBuilder, item: _Item, topic: str | None) -> None:
    back, links, images, only_links = _answer(item.body)
    references = [builder.add_reference(link["title"], link["url"]) for link in links]
    if only_links:
        builder.report.note(f"line {item.line}", f"{item.title!r} has only links: kept them as the answer")
    topics = builder.topics_for([topic] if topic else [])
    builder.add_flashcard(item.title, back, topics=topics, references=references + images)
