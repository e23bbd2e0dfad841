"""HTML (as found in Anki fields) → Markdown text, and Markdown → simple HTML for Anki cards.

`html_to_markdown`: <br> and <div> → newline, <p> → paragraph break, <b>/<strong> → **…**, <i>/<em> → *…*,
<code> → `…`, lists → "- " / "1. " items, entities decoded, <script>/<style> dropped, <img> →
"[image: name]", Anki's [sound:x] → "[sound: x]". The result is plain text; nothing is executed.
`markdown_to_html` escapes everything first, then renders only **bold**, *italic*, `code`, links and
line breaks, so text can never inject HTML into a card.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import PurePosixPath

_PARAGRAPHS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "hr", "section"}
_LINES = {"div", "tr"}  # Anki's editor writes one <div> per line
_SKIPPED = {"script", "style", "head", "title"}
_INLINE_MARKS = {"b": "**", "strong": "**", "i": "*", "em": "*", "code": "`"}
_SOUND = re.compile(r"\[sound:([^\]]*)\]")


class _HtmlToMarkdown(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.pre_depth = 0
        self.lists: list[list] = []  # [tag, next number]
        self.link_stack: list[str | None] = []

    def _tail(self) -> str:
        return self.parts[-1][-1:] if self.parts else "\n"

    def _break(self, blank_line: bool = True) -> None:
        self.parts.append("\n\n" if blank_line else "\n")

    def _start_line(self) -> None:
        if self._tail() != "\n":
            self.parts.append("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in _SKIPPED:
            self.skip_depth += 1
        elif self.skip_depth:
            return
        elif tag == "br":
            self._break(blank_line=False)
        elif tag in _PARAGRAPHS:
            self._break()
        elif tag in _LINES:
            self._start_line()
        elif tag == "pre":
            self.pre_depth += 1
            self._break()
        elif tag in _INLINE_MARKS:
            self.parts.append(_INLINE_MARKS[tag])
        elif tag in ("ul", "ol"):
            self.lists.append([tag, 1])
            self._break(blank_line=not self.lists[:-1])
        elif tag == "li":
            self._list_item()
        elif tag == "img":
            src = attributes.get("src") or ""
            name = attributes.get("alt") or PurePosixPath(src).name or "image"
            self.parts.append(f"[image: {name}]")
        elif tag == "a":
            href = attributes.get("href") or ""
            self.link_stack.append(href if href.startswith(("http://", "https://")) else None)
            if self.link_stack[-1]:
                self.parts.append("[")

    def _list_item(self) -> None:
        self._break(blank_line=False)
        if not self.lists:
            self.parts.append("- ")
            return
        kind = self.lists[-1]
        marker = f"{kind[1]}. " if kind[0] == "ol" else "- "
        kind[1] += 1
        self.parts.append("  " * (len(self.lists) - 1) + marker)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _SKIPPED:
            self.skip_depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif self.skip_depth:
            return
        elif tag in _PARAGRAPHS:
            self._break()
        elif tag in _LINES:
            self._start_line()
        elif tag == "pre":
            self.pre_depth = max(0, self.pre_depth - 1)
            self._break()
        elif tag in _INLINE_MARKS:
            self.parts.append(_INLINE_MARKS[tag])
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self._break(blank_line=not self.lists)
        elif tag == "a" and self.link_stack:
            href = self.link_stack.pop()
            if href:
                self.parts.append(f"]({href})")

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if not self.pre_depth:
            data = re.sub(r"\s+", " ", data.replace("\xa0", " "))
            if self._tail() in ("\n", " "):
                data = data.lstrip(" ")
        self.parts.append(data)


def html_to_markdown(fragment: str) -> str:
    """Anki field HTML → Markdown text (see the module docstring)."""
    converter = _HtmlToMarkdown()
    converter.feed(_SOUND.sub(r"[sound: \1]", fragment))
    converter.close()
    lines = [line.rstrip() for line in "".join(converter.parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)")
_MD_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_MD_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])")
_MD_CODE = re.compile(r"`([^`\n]+)`")


def markdown_to_html(text: str) -> str:
    """Markdown text → minimal, escaped HTML for an Anki field (see the module docstring)."""
    escaped = html.escape(text, quote=True)
    codes: list[str] = []

    def keep_code(match: re.Match[str]) -> str:
        codes.append(f"<code>{match.group(1)}</code>")
        return f"\x00{len(codes) - 1}\x00"

    out = _MD_CODE.sub(keep_code, escaped)
    out = _MD_LINK.sub(r'<a href="\2">\1</a>', out)
    out = _MD_BOLD.sub(r"<b>\1</b>", out)
    out = _MD_ITALIC.sub(r"<i>\1</i>", out)
    out = re.sub(r"\x00(\d+)\x00", lambda m: codes[int(m.group(1))], out)
    return out.replace("\n", "<br>")
