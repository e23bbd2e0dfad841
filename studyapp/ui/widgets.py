"""Small pieces several screens share: the choice-letter keys and text progress bars."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from studyapp.content.model import choice_letter

BAR_WIDTH = 20
_CHOICES = Binding.Group("Choose", compact=True)
CHOICE_BINDINGS = [
    Binding(choice_letter(i), f"letter('{choice_letter(i)}')", "Choose", group=_CHOICES) for i in range(26)
]
"""a…z run `action_letter(letter)`; screens enable only the letters of the choices on show."""


def share_bar(text: Text, share: float, width: int = BAR_WIDTH) -> Text:
    """Append a bar `width` cells wide, `share` (0–1) of it filled, to `text`; returns `text`."""
    filled = round(width * min(max(share, 0.0), 1.0))
    text.append("█" * filled, "green")
    text.append("░" * (width - filled), "dim")
    return text
