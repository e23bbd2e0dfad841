"""Anki cloze deletions: `{{c1::answer}}` or `{{c1::answer::hint}}`; one card per cloze number.

For card n the front shows deletion n as `[...]` (or `[hint]`) and every other deletion filled in;
the back shows the whole text with deletion n in **bold**.
"""

from __future__ import annotations

import re

CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)


def cloze_numbers(text: str) -> list[int]:
    """The distinct cloze numbers in `text`, ascending."""
    return sorted({int(m.group(1)) for m in CLOZE.finditer(text)})


def cloze_sides(text: str, number: int) -> tuple[str, str]:
    """(front, back) of the card for cloze `number`."""

    def front(match: re.Match[str]) -> str:
        if int(match.group(1)) != number:
            return match.group(2)
        return f"[{match.group(3) or '...'}]"

    def back(match: re.Match[str]) -> str:
        return f"**{match.group(2)}**" if int(match.group(1)) == number else match.group(2)

    return CLOZE.sub(front, text), CLOZE.sub(back, text)
