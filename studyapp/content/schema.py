"""The pack format v1 as one declarative schema: validation and the JSON Schema both come from here.

`validate(data)` returns every problem as `(path, message)`, where `path` is the key path into the data
(e.g. `("questions", 3, "answer")`); the loader maps paths to line numbers. Unknown keys are errors.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from studyapp.content.model import DIFFICULTIES, QUESTION_KINDS, choice_letter

FORMAT_VERSION = 1
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
LETTER = re.compile(r"^[a-z]$")
DISTRIBUTIONS = ("uniform", "loguniform", "randint", "choice")
MAX_CHOICES = 26

Path = tuple[Any, ...]
Problem = tuple[Path, str]


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool = False
    doc: str = ""


QUESTION_FIELDS = (
    Field("id", "slug", True, "stable id, unique in the pack"),
    Field("kind", "kind", True, "question kind"),
    Field("topics", "topic_ids", True, "ids of topics declared by the pack"),
    Field("difficulty", "difficulty", False, "easy, medium or hard"),
    Field("explanation", "text", False, "shown after the answer"),
    Field("references", "references", False, "sources"),
    Field("lab", "lab", False, "the lab `l` opens, with preset settings"),
)
_PROMPT = Field("prompt", "text", True, "the question (Markdown)")
_TOLERANCES = (
    Field("tolerance", "nonnegative", False, "absolute tolerance"),
    Field("rel_tolerance", "nonnegative", False, "relative tolerance"),
    Field("unit", "text", False, "unit shown with the value"),
)
KIND_FIELDS: dict[str, tuple[Field, ...]] = {
    "flashcard": (Field("front", "text", True, "question side"), Field("back", "text", True, "answer side")),
    "mcq": (
        _PROMPT,
        Field("choices", "choices", True, "2-26 choices"),
        Field("answer", "letter", True, "letter of the correct choice"),
    ),
    "multi": (
        _PROMPT,
        Field("choices", "choices", True, "2-26 choices"),
        Field("answers", "letters", True, "letters of every correct choice"),
    ),
    "typed": (
        _PROMPT,
        Field("answers", "strings", True, "accepted answers"),
        Field("case_sensitive", "bool", False, "compare case too (default false)"),
    ),
    "numeric": (_PROMPT, Field("value", "number", True, "the answer"), *_TOLERANCES),
    "generated": (
        _PROMPT,
        Field("params", "params", True, "parameter name → distribution"),
        Field("compute", "identifier", True, "a registered computation"),
        *_TOLERANCES,
    ),
}
PACK_FIELDS = (
    Field("id", "slug", True, "unique pack id"),
    Field("title", "text", True, "pack title"),
    Field("description", "text", False, "one paragraph"),
    Field("version", "version", False, "pack version"),
    Field("authors", "strings", False, "authors"),
    Field("license", "text", False, "license"),
    Field("references", "references", False, "sources for the whole pack"),
    Field("topics", "topics", True, "topics, at least one"),
    Field("questions", "questions", True, "questions, at least one"),
)
assert set(KIND_FIELDS) == set(QUESTION_KINDS)


def validate(data: object) -> list[Problem]:
    """Every problem in a pack's data, in document order."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        return [((), "a pack must be a mapping with id, title, topics and questions")]
    _check_mapping(data, (), PACK_FIELDS, problems)
    topic_ids = {t.get("id") for t in data.get("topics") or () if isinstance(t, dict)}
    seen: dict[str, int] = {}
    for index, question in enumerate(
        data.get("questions") or () if isinstance(data.get("questions"), list) else ()
    ):
        path = ("questions", index)
        if not isinstance(question, dict):
            problems.append((path, "a question must be a mapping"))
            continue
        _check_question(question, path, topic_ids, problems)
        qid = question.get("id")
        if isinstance(qid, str):
            if qid in seen:
                problems.append(
                    ((*path, "id"), f"duplicate question id '{qid}' (first used by question {seen[qid] + 1})")
                )
            seen.setdefault(qid, index)
    return problems


def _check_question(question: dict, path: Path, topic_ids: set, problems: list[Problem]) -> None:
    kind = question.get("kind")
    extra = KIND_FIELDS.get(kind, ()) if isinstance(kind, str) else ()
    _check_mapping(question, path, QUESTION_FIELDS + extra, problems, ignore_unknown=kind not in KIND_FIELDS)
    for i, topic in enumerate(
        question.get("topics") or () if isinstance(question.get("topics"), list) else ()
    ):
        if isinstance(topic, str) and topic not in topic_ids:
            problems.append(((*path, "topics", i), f"topic '{topic}' is not declared in the pack's topics"))
    choices = question.get("choices")
    count = len(choices) if isinstance(choices, list) else MAX_CHOICES
    letters = (
        [question.get("answer")] if kind == "mcq" else question.get("answers") if kind == "multi" else []
    )
    for i, letter in enumerate(letters if isinstance(letters, list) else []):
        if isinstance(letter, str) and LETTER.match(letter) and ord(letter) - ord("a") >= count:
            where = (*path, "answer") if kind == "mcq" else (*path, "answers", i)
            problems.append(
                (
                    where,
                    f"answer '{letter}' but there are only {count} choices (a-{choice_letter(count - 1)})",
                )
            )
    if question.get("tolerance") is not None and question.get("rel_tolerance") is not None:
        problems.append(((*path, "rel_tolerance"), "give tolerance or rel_tolerance, not both"))


def _check_mapping(
    data: dict, path: Path, fields: tuple[Field, ...], problems: list[Problem], ignore_unknown: bool = False
) -> None:
    known = {f.name: f for f in fields}
    for key in data:
        if key not in known and not ignore_unknown:
            allowed = ", ".join(known)
            problems.append(((*path, key), f"unknown key '{key}' (allowed: {allowed})"))
    for field in fields:
        if field.name not in data or data[field.name] is None:
            if field.required:
                problems.append((path, f"missing required key '{field.name}'"))
            continue
        CHECKS[field.type](data[field.name], (*path, field.name), problems)


def _is_text(value: object) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _text(value, path, problems):
    if not _is_text(value):
        problems.append((path, "must be a non-empty string"))


def _slug(value, path, problems):
    if not isinstance(value, str) or not SLUG.match(value):
        problems.append(
            (path, f"{value!r} is not a valid id (lowercase letters, digits and '-', at most 64)")
        )


def _identifier(value, path, problems):
    if not isinstance(value, str) or not IDENTIFIER.match(value):
        problems.append((path, f"{value!r} is not a valid name (lowercase letters, digits and '_')"))


def _kind(value, path, problems):
    if value not in KIND_FIELDS:
        problems.append((path, f"unknown kind {value!r} (kinds: {', '.join(KIND_FIELDS)})"))


def _difficulty(value, path, problems):
    if value not in DIFFICULTIES:
        problems.append((path, f"difficulty must be one of {', '.join(DIFFICULTIES)}"))


def _bool(value, path, problems):
    if not isinstance(value, bool):
        problems.append((path, "must be true or false"))


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _number(value, path, problems):
    if not _is_number(value):
        problems.append((path, "must be a finite number"))


def _nonnegative(value, path, problems):
    if not _is_number(value) or value < 0:
        problems.append((path, "must be a number ≥ 0"))


def _version(value, path, problems):
    if not (_is_text(value) or _is_number(value)):
        problems.append((path, 'must be a string such as "1.0.0"'))


def _list_of(check: Callable, minimum: int = 0, maximum: int | None = None, what: str = "items"):
    def run(value, path, problems):
        if not isinstance(value, list):
            problems.append((path, f"must be a list of {what}"))
            return
        if len(value) < minimum:
            problems.append((path, f"needs at least {minimum} {what}"))
        if maximum is not None and len(value) > maximum:
            problems.append((path, f"has {len(value)} {what}; at most {maximum}"))
        for i, item in enumerate(value):
            check(item, (*path, i), problems)

    return run


def _mapping_of(fields: tuple[Field, ...]):
    def run(value, path, problems):
        if not isinstance(value, dict):
            problems.append((path, f"must be a mapping with {', '.join(f.name for f in fields)}"))
            return
        _check_mapping(value, path, fields, problems)

    return run


def _letter(value, path, problems):
    if not isinstance(value, str) or not LETTER.match(value):
        problems.append((path, f"{value!r} is not a choice letter (a, b, c, ...)"))


def _unique_letters(value, path, problems):
    _list_of(_letter, 1, what="letters")(value, path, problems)
    if isinstance(value, list) and len(set(map(str, value))) != len(value):
        problems.append((path, "a letter is listed twice"))


def _lab(value, path, problems):
    if not isinstance(value, dict):
        problems.append((path, "must be a mapping {name: lab-name, set: {setting: value}}"))
        return
    for key in value:
        if key not in ("name", "set"):
            problems.append(((*path, key), f"unknown key '{key}' (allowed: name, set)"))
    if "name" not in value:
        problems.append((path, "missing required key 'name'"))
    else:
        _slug(value["name"], (*path, "name"), problems)
    settings = value.get("set", {})
    if not isinstance(settings, dict):
        problems.append(((*path, "set"), "must be a mapping of setting → value"))
        return
    for key, setting in settings.items():
        if not isinstance(key, str) or not IDENTIFIER.match(key):
            problems.append(((*path, "set", key), f"{key!r} is not a setting name"))
        elif not (isinstance(setting, str | bool) or _is_number(setting)):
            problems.append(((*path, "set", key), "a setting must be a string, number or boolean"))


def _params(value, path, problems):
    if not isinstance(value, dict) or not value:
        problems.append((path, "must be a mapping of parameter name → distribution"))
        return
    for name, spec in value.items():
        where = (*path, name)
        if not isinstance(name, str) or not IDENTIFIER.match(name):
            problems.append((where, f"{name!r} is not a parameter name (lowercase letters, digits, '_')"))
        _distribution(spec, where, problems)


def _distribution(spec, path, problems):
    if not isinstance(spec, dict) or len(set(spec) & set(DISTRIBUTIONS)) != 1:
        problems.append((path, f"must give exactly one of {', '.join(DISTRIBUTIONS)}"))
        return
    for key in spec:
        if key not in (*DISTRIBUTIONS, "decimals"):
            problems.append(
                ((*path, key), f"unknown key '{key}' (allowed: {', '.join(DISTRIBUTIONS)}, decimals)")
            )
    if "decimals" in spec and not (isinstance(spec["decimals"], int) and 0 <= spec["decimals"] <= 12):
        problems.append(((*path, "decimals"), "must be a whole number from 0 to 12"))
    if "choice" in spec:
        choices = spec["choice"]
        if not isinstance(choices, list) or not choices:
            problems.append(((*path, "choice"), "must be a non-empty list"))
        elif not all(isinstance(c, str) or _is_number(c) for c in choices):
            problems.append(((*path, "choice"), "choices must be numbers or strings"))
        return
    (name,) = set(spec) & set(DISTRIBUTIONS)
    bounds = spec[name]
    where = (*path, name)
    if not (isinstance(bounds, list) and len(bounds) == 2 and all(map(_is_number, bounds))):
        problems.append((where, "must be [low, high]"))
    elif bounds[0] > bounds[1]:
        problems.append((where, "low must not exceed high"))
    elif name == "loguniform" and bounds[0] <= 0:
        problems.append((where, "loguniform bounds must be > 0"))
    elif name == "randint" and not all(isinstance(b, int) for b in bounds):
        problems.append((where, "randint bounds must be whole numbers"))


REFERENCE_FIELDS = (Field("title", "text", True, "title"), Field("url", "text", True, "address"))
TOPIC_FIELDS = (Field("id", "slug", True, "topic id"), Field("title", "text", True, "topic title"))

CHECKS: dict[str, Callable[[Any, Path, list[Problem]], None]] = {
    "text": _text,
    "slug": _slug,
    "identifier": _identifier,
    "kind": _kind,
    "difficulty": _difficulty,
    "bool": _bool,
    "number": _number,
    "nonnegative": _nonnegative,
    "version": _version,
    "strings": _list_of(_text, 1, what="strings"),
    "topic_ids": _list_of(_slug, 1, what="topic ids"),
    "choices": _list_of(_text, 2, MAX_CHOICES, what="choices"),
    "letter": _letter,
    "letters": _unique_letters,
    "references": _list_of(_mapping_of(REFERENCE_FIELDS), what="references"),
    "topics": _list_of(_mapping_of(TOPIC_FIELDS), 1, what="topics"),
    "questions": lambda value, path, problems: (
        None if isinstance(value, list) and value else problems.append((path, "must be a non-empty list"))
    ),
    "lab": _lab,
    "params": _params,
}

# JSON Schema (draft 2020-12), generated from the same tables.
_SLUG_JSON = {"type": "string", "pattern": SLUG.pattern}
_JSON_TYPES: dict[str, dict] = {
    "text": {"type": "string", "minLength": 1},
    "slug": _SLUG_JSON,
    "identifier": {"type": "string", "pattern": IDENTIFIER.pattern},
    "kind": {"enum": list(KIND_FIELDS)},
    "difficulty": {"enum": list(DIFFICULTIES)},
    "bool": {"type": "boolean"},
    "number": {"type": "number"},
    "nonnegative": {"type": "number", "minimum": 0},
    "version": {"type": ["string", "number"]},
    "strings": {"type": "array", "items": {"type": "string"}, "minItems": 1},
    "topic_ids": {"type": "array", "items": _SLUG_JSON, "minItems": 1},
    "choices": {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": MAX_CHOICES},
    "letter": {"type": "string", "pattern": LETTER.pattern},
    "letters": {
        "type": "array",
        "items": {"type": "string", "pattern": LETTER.pattern},
        "minItems": 1,
        "uniqueItems": True,
    },
    "references": {"type": "array", "items": {"$ref": "#/$defs/reference"}},
    "topics": {"type": "array", "items": {"$ref": "#/$defs/topic"}, "minItems": 1},
    "questions": {"type": "array", "items": {"$ref": "#/$defs/question"}, "minItems": 1},
    "lab": {
        "type": "object",
        "required": ["name"],
        "additionalProperties": False,
        "properties": {
            "name": _SLUG_JSON,
            "set": {"type": "object", "additionalProperties": {"type": ["string", "number", "boolean"]}},
        },
    },
    "params": {
        "type": "object",
        "minProperties": 1,
        "additionalProperties": {"$ref": "#/$defs/distribution"},
    },
}


def _object(fields: tuple[Field, ...], **extra) -> dict:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in fields if f.required],
        "properties": {f.name: {**_JSON_TYPES[f.type], "description": f.doc} for f in fields},
        **extra,
    }


def json_schema() -> dict:
    """The pack format as a JSON Schema (draft 2020-12), for editors and `studyapp pack schema`."""
    pair = {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}
    kinds = []
    for kind, fields in KIND_FIELDS.items():
        body = _object(QUESTION_FIELDS + fields)
        body["properties"]["kind"] = {"const": kind}
        kinds.append(body)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"studyapp question pack (format {FORMAT_VERSION})",
        **_object(PACK_FIELDS),
        "$defs": {
            "reference": _object(REFERENCE_FIELDS),
            "topic": _object(TOPIC_FIELDS),
            "question": {"oneOf": kinds},
            "distribution": {
                "type": "object",
                "additionalProperties": False,
                "minProperties": 1,
                "properties": {
                    "uniform": pair,
                    "loguniform": pair,
                    "randint": {**pair, "items": {"type": "integer"}},
                    "choice": {"type": "array", "minItems": 1},
                    "decimals": {"type": "integer", "minimum": 0, "maximum": 12},
                },
            },
        },
    }
