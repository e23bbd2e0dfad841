"""Building a pack dict (the YAML structure of docs/pack-format.md) out of imported cards.

`PackBuilder` declares topics on first use, gives questions stable unique ids and collects the pack's
references; importers only say "here is a card with these topics". Text stays data: it is kept verbatim.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studyapp.errors import StudyAppError
from studyapp.interop.report import ImportReport
from studyapp.interop.slugs import QuestionIds, slugify

MAX_INPUT_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True)
class ImportOptions:
    """`pack_id` (default: slug of the file stem), `title` (default: the importer's guess or the file
    stem) and `topic` (the topic of cards without tags; default: the file stem)."""

    pack_id: str | None = None
    title: str | None = None
    topic: str | None = None


DEFAULT_OPTIONS = ImportOptions()


@dataclass
class ImportResult:
    """The pack dict and the report of what went in and what was skipped."""

    data: dict[str, Any]
    report: ImportReport = field(default_factory=ImportReport)


def tag_title(tag: str) -> str:
    """An Anki-style tag as a topic title: 'DL::optimizers' → 'DL / optimizers', '_' → ' '."""
    return " / ".join(part.replace("_", " ").strip() for part in tag.split("::") if part.strip())


class PackBuilder:
    """Accumulates topics, references and flashcards; `to_data()` returns the pack dict."""

    def __init__(self, path: Path, options: ImportOptions, default_title: str | None = None) -> None:
        stem_title = path.stem.replace("_", " ").replace("-", " ").strip() or "Imported"
        self.pack_id = options.pack_id or slugify(path.stem) or "imported"
        if slugify(self.pack_id) != self.pack_id:
            raise StudyAppError(
                f"invalid pack id {self.pack_id!r}: use lowercase letters, digits and '-' (e.g. "
                f"{slugify(self.pack_id) or 'my-pack'!r})"
            )
        self.title = options.title or default_title or stem_title
        self.default_topic_name = options.topic or stem_title
        self.report = ImportReport()
        self._topics: dict[str, str] = {}
        self._references: dict[str, dict[str, str]] = {}
        self._questions: list[dict[str, Any]] = []
        self._ids = QuestionIds()

    def topic(self, name: str) -> str:
        """Declare a topic titled `name` (if new) and return its id; '' when `name` has no usable slug."""
        topic_id = slugify(name)
        if topic_id:
            self._topics.setdefault(topic_id, tag_title(name) or name)
        return topic_id

    def topics_for(self, names: Iterable[str]) -> list[str]:
        """Topic ids for these names (e.g. tags), or the default topic when none is usable."""
        ids = list(dict.fromkeys(t for t in (self.topic(n) for n in names) if t))
        return ids or [self.topic(self.default_topic_name) or self.topic("imported")]

    def add_reference(self, title: str, url: str) -> dict[str, str]:
        """A pack-level reference (deduplicated by URL); returns it for use on a question too."""
        return self._references.setdefault(url, {"title": title or url, "url": url})

    def add_flashcard(
        self,
        front: str,
        back: str,
        *,
        topics: list[str],
        explanation: str = "",
        references: Iterable[dict[str, str]] = (),
        key: str | None = None,
    ) -> str:
        """Add a flashcard (`key` makes the id stable, default: the front) and return its id."""
        question: dict[str, Any] = {
            "id": self._ids.make(front, key),
            "kind": "flashcard",
            "topics": topics,
            "front": front,
            "back": back,
        }
        if explanation:
            question["explanation"] = explanation
        refs = list({r["url"]: r for r in references}.values())
        if refs:
            question["references"] = refs
        self._questions.append(question)
        self.report.imported += 1
        return question["id"]

    @property
    def question_count(self) -> int:
        return len(self._questions)

    def result(self) -> ImportResult:
        data: dict[str, Any] = {"id": self.pack_id, "title": self.title}
        if self._references:
            data["references"] = list(self._references.values())
        data["topics"] = [{"id": i, "title": t} for i, t in self._topics.items()]
        data["questions"] = self._questions
        return ImportResult(data, self.report)


def read_text_file(path: Path) -> str:
    """The file as text (UTF-8, BOM dropped; newlines normalized), or a one-line StudyAppError."""
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise StudyAppError(f"{path}: file too large ({size // 2**20} MB; the limit is 100 MB)")
        return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        raise StudyAppError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from exc
    except OSError as exc:
        raise StudyAppError(f"cannot read {path}: {exc.strerror or exc}") from exc
