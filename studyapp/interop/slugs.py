"""Slugs for pack, topic and question ids: lowercase ASCII letters, digits and `-`, at most 64 characters."""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_SLUG = 64
QUESTION_SLUG_CHARS = 40
HASH_CHARS = 6


def slugify(text: str, max_length: int = MAX_SLUG) -> str:
    """'What is σ'(x)?' → 'what-is-x'; accents are folded to ASCII; '' when nothing usable is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-")


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:HASH_CHARS]


class QuestionIds:
    """Stable, unique question ids: slug of the front (truncated) + a short hash of a stable key.

    The key defaults to the front text, so editing an answer keeps the id; a repeated id gets `-2`, `-3`, ….
    """

    def __init__(self) -> None:
        self._used: set[str] = set()

    def make(self, front: str, key: str | None = None) -> str:
        stem = slugify(front, QUESTION_SLUG_CHARS) or "q"
        base = f"{stem}-{short_hash(front if key is None else key)}"
        candidate, n = base, 1
        while candidate in self._used:
            n += 1
            candidate = f"{base}-{n}"
        self._used.add(candidate)
        return candidate
