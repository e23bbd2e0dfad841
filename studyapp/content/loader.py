"""Load a pack file: bounded safe YAML → strict schema → `model.Pack`, or every problem as `file:line: msg`.

Lines come from the node tree of the same parse that gave the data: a problem's key path, or a question's
index (`Question.line`), is walked down the tree to its node's start mark.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studyapp.content import model, schema
from studyapp.content.safe_yaml import YamlError, parse_yaml_tree, read_text
from studyapp.errors import StudyAppError

if TYPE_CHECKING:
    import yaml


class PackError(StudyAppError):
    """A pack that cannot be used. `problems` lists every problem as `file:line: message`."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(problems[0] + more)


def load_pack(path: Path | str, *, origin: str = "user", max_bytes: int | None = None) -> model.Pack:
    """Read, validate and build the pack in `path`; raises `PackError` listing every problem.

    `max_bytes` defaults to the size cap of `safe_yaml.max_bytes_limit()`."""
    path = Path(path)
    try:
        text = read_text(path, max_bytes)
    except YamlError as exc:
        raise PackError([exc.problem]) from exc
    return load_pack_text(text, path, origin=origin)


def load_pack_text(text: str, path: Path, *, origin: str = "user") -> model.Pack:
    """Validate and build a pack from text already read from `path` (problems are named after `path`)."""
    try:
        data, root = parse_yaml_tree(text, str(path))
    except YamlError as exc:
        raise PackError([exc.problem]) from exc
    problems = schema.validate(data)
    if problems:
        raise PackError(with_lines(problems, str(path), root))
    lines = question_lines(root, len(data["questions"]))
    del root  # the node tree is not needed while the pack is built
    return build_pack(data, source=path, origin=origin, lines=lines)


def validate_file(path: Path | str) -> list[str]:
    """Every problem in the pack file at `path` (empty when it is valid)."""
    try:
        load_pack(path)
    except PackError as exc:
        return exc.problems
    return []


def pack_from_data(data: Any, source_name: str) -> model.Pack:
    """Validate in-memory pack data (e.g. from an importer); problems are reported as `source_name: ...`."""
    problems = schema.validate(data)
    if problems:
        raise PackError([f"{source_name}: {_describe(path)}{message}" for path, message in problems])
    return build_pack(data, source=None, origin="user")


def _describe(path: tuple) -> str:
    return (
        "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".") + ": " if path else ""
    )


def with_lines(problems: list[schema.Problem], name: str, root: yaml.Node | None) -> list[str]:
    """Each `(key path, message)` problem as `name:line: message`, lines found in the node tree `root`."""
    return [f"{name}:{_line_of(root, path)}: {message}" for path, message in problems]


def _line_of(node: yaml.Node | None, path: tuple) -> int:
    """1-based line of the node at `path` (for a mapping key that is missing: the mapping's line)."""
    import yaml

    if node is None:
        return 1
    line = node.start_mark.line
    for step in path:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == step or (isinstance(step, int | float) and key.value == str(step)):
                    child, line = value, key.start_mark.line
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            child = node.value[step]
            line = child.start_mark.line
        if child is None:
            break
        node = child
    return line + 1


def question_lines(root: yaml.Node, count: int) -> list[int]:
    """The 1-based line of each of the `count` questions of a pack that parsed to the node tree `root`."""
    return [_line_of(root, ("questions", i)) for i in range(count)]


def build_pack(data: dict, *, source: Path | None, origin: str, lines: Sequence[int] = ()) -> model.Pack:
    """Turn validated pack data into a `model.Pack`; `lines` are the questions' lines (none: all 0)."""
    return model.Pack(
        id=data["id"],
        title=data["title"].strip(),
        description=(data.get("description") or "").strip(),
        version=str(data.get("version") or ""),
        authors=tuple(data.get("authors") or ()),
        license=data.get("license") or "",
        references=_references(data.get("references")),
        topics=tuple(model.Topic(t["id"], t["title"]) for t in data["topics"]),
        questions=tuple(build_question(q, lines[i] if lines else 0) for i, q in enumerate(data["questions"])),
        source=source,
        origin=origin,
    )


def _references(items: list | None) -> tuple[model.Reference, ...]:
    return tuple(model.Reference(r["title"], r["url"]) for r in items or ())


def _letter_index(letter: str) -> int:
    return ord(letter) - ord("a")


def build_question(q: dict, line: int = 0) -> model.Question:
    """One validated question mapping (at 1-based `line` of its file, 0 if unknown) → its model class."""
    common: dict[str, Any] = {
        "id": q["id"],
        "line": line,
        "topics": tuple(q["topics"]),
        "difficulty": q.get("difficulty") or "medium",
        "explanation": (q.get("explanation") or "").strip(),
        "references": _references(q.get("references")),
        "lab": model.LabLink(q["lab"]["name"], dict(q["lab"].get("set") or {})) if q.get("lab") else None,
    }
    kind = q["kind"]
    if kind == "flashcard":
        return model.Flashcard(**common, front=q["front"].strip(), back=q["back"].strip())
    prompt = q["prompt"].strip()
    if kind == "mcq":
        return model.MultipleChoice(
            **common, prompt=prompt, choices=tuple(q["choices"]), correct=_letter_index(q["answer"])
        )
    if kind == "multi":
        correct = frozenset(_letter_index(a) for a in q["answers"])
        return model.MultiSelect(**common, prompt=prompt, choices=tuple(q["choices"]), correct=correct)
    if kind == "typed":
        return model.Typed(
            **common, prompt=prompt, answers=tuple(q["answers"]), case_sensitive=bool(q.get("case_sensitive"))
        )
    tolerances = {
        "tolerance": q.get("tolerance"),
        "rel_tolerance": q.get("rel_tolerance"),
        "unit": q.get("unit") or "",
    }
    if kind == "numeric":
        return model.Numeric(**common, prompt=prompt, value=float(q["value"]), **tolerances)
    params = tuple(_param_spec(name, spec) for name, spec in q["params"].items())
    return model.Generated(**common, prompt=prompt, params=params, compute=q["compute"], **tolerances)


def _param_spec(name: str, spec: dict) -> model.ParamSpec:
    if "choice" in spec:
        return model.ParamSpec(name, "choice", choices=tuple(spec["choice"]), decimals=spec.get("decimals"))
    (distribution,) = set(spec) & set(schema.DISTRIBUTIONS)
    low, high = spec[distribution]
    return model.ParamSpec(name, distribution, low=low, high=high, decimals=spec.get("decimals"))
