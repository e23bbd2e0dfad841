"""Read YAML as data only, with bounds, and map problems back to `file:line`.

Contract: `load_yaml(path)` returns plain Python data (dicts, lists, str, int, float, bool, None) or raises
`YamlError` with one `file:line: message` problem. Limits: file size (default 10 MB, or
$STUDYAPP_MAX_PACK_BYTES), nesting depth (50), aliases (expanded size 2,000,000 nodes), no object-building
tags (the safe loader refuses them), no key given twice in one mapping.
The common case is one pass of the C loader; the slower event scan runs only when a cheap text scan sees
anchors/aliases, very deep indentation or many nested brackets.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.errors import StudyAppError

if TYPE_CHECKING:
    import yaml


MAX_BYTES = 10 * 1024 * 1024
ENV_MAX_BYTES = "STUDYAPP_MAX_PACK_BYTES"
MAX_DEPTH = 50
MAX_EXPANDED_NODES = 2_000_000
_ANCHOR_OR_ALIAS = re.compile(r"(?:^|[\s,\[{:?-])[&*][^\s,\[\]{}*&]")
_DEEP_INDENT = re.compile(rf"^ {{{2 * MAX_DEPTH},}}", re.MULTILINE)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_BRACKET_DELTA = str.maketrans({"[": "(", "{": "(", "]": ")", "}": ")"})


class YamlError(StudyAppError):
    """A file that is not acceptable YAML data; `problem` is `file:line: message`."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


@cache
def _loaders() -> tuple[type, type]:
    """(the safe C loader, the data loader built on it); PyYAML is imported on first use only, so a start
    that finds every pack in the cache never loads it."""
    import yaml

    try:
        from yaml import CSafeLoader as SafeLoader
    except ImportError:  # pragma: no cover - PyYAML built without libyaml
        from yaml import SafeLoader  # type: ignore[assignment]

    class DataLoader(SafeLoader):
        """The safe loader, plus: a key given twice is an error, and a value a constructor rejects (a date
        such as 2024-13-45, an integer over Python's 4300-digit limit) is a marked error, not a ValueError."""

        def construct_object(self, node, deep=False):
            try:
                return super().construct_object(node, deep)
            except (ValueError, OverflowError) as exc:
                raise yaml.constructor.ConstructorError(
                    None, None, f"cannot read this value ({str(exc).split(':')[0]})", node.start_mark
                ) from exc

        def construct_mapping(self, node, deep=False):
            if isinstance(node, yaml.MappingNode):
                seen = set()
                for key, _ in node.value:
                    if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                        if key.value in seen:
                            raise yaml.constructor.ConstructorError(
                                None, None, f"key '{key.value}' is given twice", key.start_mark
                            )
                        seen.add(key.value)
            return super().construct_mapping(node, deep)

    return SafeLoader, DataLoader


def max_bytes_limit() -> int:
    """The file size cap: $STUDYAPP_MAX_PACK_BYTES when set, else `MAX_BYTES`."""
    value = os.environ.get(ENV_MAX_BYTES, "").strip()
    if not value:
        return MAX_BYTES
    if not value.isdigit() or int(value) == 0:
        raise StudyAppError(f"{ENV_MAX_BYTES}={value!r} is not a positive whole number of bytes")
    return int(value)


def _too_big(size: int, limit: int) -> str:
    if limit >= 2**20:
        return f"file is {size / 2**20:.1f} MB, over the {limit / 2**20:g} MB limit"
    return f"file is {size:,} bytes, over the {limit:,}-byte limit"


def read_text(path: Path, max_bytes: int | None = None) -> str:
    """The file's text, refusing files over `max_bytes` (default: `max_bytes_limit()`) and non-UTF-8 bytes."""
    limit = max_bytes_limit() if max_bytes is None else max_bytes
    try:
        size = path.stat().st_size
        if size > limit:
            raise YamlError(f"{path}: {_too_big(size, limit)}")
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise YamlError(
            f"{path}:{line}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        ) from exc


def load_yaml(path: Path, max_bytes: int | None = None) -> object:
    """Parse one YAML document from `path` as plain data, within the bounds above."""
    return parse_yaml(read_text(path, max_bytes), str(path))


def parse_yaml(text: str, name: str) -> object:
    """Parse YAML text as plain data; `name` prefixes problems."""
    return parse_yaml_tree(text, name)[0]


def parse_yaml_tree(text: str, name: str) -> tuple[object, yaml.Node | None]:
    """`parse_yaml`'s data and the node tree it was built from (line marks), from one parse."""
    import yaml

    if _needs_event_scan(text):
        _check_structure(text, name)
    loader = _loaders()[1](text)
    try:
        root = loader.get_single_node()
        return (None if root is None else loader.construct_document(root)), root
    except yaml.MarkedYAMLError as exc:
        raise YamlError(_marked(name, exc)) from exc
    except yaml.YAMLError as exc:
        raise YamlError(f"{name}: {exc}") from exc
    except RecursionError as exc:  # nesting the cheap scan did not see (brackets hidden in strings)
        raise YamlError(f"{name}: nesting deeper than {MAX_DEPTH} levels") from exc
    finally:
        loader.dispose()


def compose_yaml(text: str) -> yaml.Node | None:
    """The node tree (with line marks) of text that `parse_yaml` already accepted."""
    import yaml

    return yaml.compose(text, Loader=_loaders()[0])


def _needs_event_scan(text: str) -> bool:
    """True when the text may hold anchors/aliases or nest deeper than `MAX_DEPTH` (cheap, may say yes
    wrongly, which only costs the slower scan). Nesting: keep only brackets, then strip innermost pairs
    `MAX_DEPTH` times; any bracket left means deeper nesting (or unbalanced brackets in strings)."""
    if _ANCHOR_OR_ALIAS.search(text) or _DEEP_INDENT.search(text):
        return True
    brackets = _NOT_BRACKET.sub("", text).translate(_BRACKET_DELTA)
    for _ in range(MAX_DEPTH):
        if "(" not in brackets:
            return False
        brackets = brackets.replace("()", "")
    return "(" in brackets


def _check_structure(text: str, name: str) -> None:
    """Walk the event stream (iterative, no recursion) to bound depth and alias expansion."""
    import yaml

    sizes: dict[str, int] = {}
    stack: list[list] = [[None, 0]]  # [anchor, expanded node count]
    try:
        for event in yaml.parse(text, Loader=_loaders()[0]):
            if isinstance(event, yaml.CollectionStartEvent):
                stack.append([event.anchor, 1])
                if len(stack) - 1 > MAX_DEPTH:
                    raise YamlError(f"{_at(name, event)}: nesting deeper than {MAX_DEPTH} levels")
            elif isinstance(event, yaml.CollectionEndEvent):
                anchor, count = stack.pop()
                if anchor:
                    sizes[anchor] = count
                stack[-1][1] += count
            elif isinstance(event, yaml.ScalarEvent):
                if event.anchor:
                    sizes[event.anchor] = 1
                stack[-1][1] += 1
            elif isinstance(event, yaml.AliasEvent):
                stack[-1][1] += sizes.get(event.anchor, 1)
            else:
                continue
            if sum(entry[1] for entry in stack) > MAX_EXPANDED_NODES:
                raise YamlError(f"{_at(name, event)}: aliases expand to too many nodes (alias bomb?)")
    except yaml.MarkedYAMLError as exc:
        raise YamlError(_marked(name, exc)) from exc


def _at(name: str, event: yaml.Event) -> str:
    return f"{name}:{event.start_mark.line + 1}" if event.start_mark else name


def _marked(name: str, exc: yaml.MarkedYAMLError) -> str:
    mark = exc.problem_mark or exc.context_mark
    line = f":{mark.line + 1}" if mark else ""
    what = " ".join(str(part) for part in (exc.context, exc.problem) if part)
    if "nesting depth" in what:  # PyYAML ≥ 6.0.4 has a nesting limit of its own; say it as we do
        return f"{name}{line}: nesting deeper than {MAX_DEPTH} levels"
    return f"{name}{line}: YAML: {what or exc}"
