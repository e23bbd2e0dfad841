"""Packs as human-readable YAML: a loaded `Pack` back to the dict of docs/pack-format.md, and that dict
to YAML text (block scalars for multi-line text, Unicode kept, keys in the documented order)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from studyapp.content.model import (
    Flashcard,
    Generated,
    MultipleChoice,
    MultiSelect,
    Numeric,
    Pack,
    ParamSpec,
    Question,
    Reference,
    Typed,
    choice_letter,
)
from studyapp.interop.atomic_file import write_text_atomically
from studyapp.interop.report import ExportReport


class _PackDumper(yaml.SafeDumper):
    """SafeDumper writing multi-line strings as `|` blocks, and repeated values in full (no anchors)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_PackDumper.add_representer(str, _represent_str)


def dump_pack_yaml(data: dict[str, Any]) -> str:
    """The pack dict as YAML text."""
    return yaml.dump(data, Dumper=_PackDumper, allow_unicode=True, sort_keys=False, width=100)


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _references(references: tuple[Reference, ...]) -> list[dict[str, str]]:
    return [{"title": r.title, "url": r.url} for r in references]


def _param(spec: ParamSpec) -> dict[str, Any]:
    if spec.distribution == "choice":
        out: dict[str, Any] = {"choice": list(spec.choices)}
    else:
        out = {spec.distribution: [_number(spec.low), _number(spec.high)]}
    if spec.decimals is not None:
        out["decimals"] = spec.decimals
    return out


def _tolerances(question: Numeric | Generated) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if question.tolerance is not None:
        out["tolerance"] = _number(question.tolerance)
    if question.rel_tolerance is not None:
        out["rel_tolerance"] = _number(question.rel_tolerance)
    if question.unit:
        out["unit"] = question.unit
    return out


def _kind_fields(question: Question) -> dict[str, Any]:
    if isinstance(question, Flashcard):
        return {"front": question.front, "back": question.back}
    if isinstance(question, MultipleChoice):
        return {
            "prompt": question.prompt,
            "choices": list(question.choices),
            "answer": choice_letter(question.correct),
        }
    if isinstance(question, MultiSelect):
        letters = [choice_letter(i) for i in sorted(question.correct)]
        return {"prompt": question.prompt, "choices": list(question.choices), "answers": letters}
    if isinstance(question, Typed):
        extra = {"case_sensitive": True} if question.case_sensitive else {}
        return {"prompt": question.prompt, "answers": list(question.answers), **extra}
    if isinstance(question, Numeric):
        return {"prompt": question.prompt, "value": _number(question.value), **_tolerances(question)}
    if isinstance(question, Generated):
        params = {p.name: _param(p) for p in question.params}
        return {
            "prompt": question.prompt,
            "params": params,
            "compute": question.compute,
            **_tolerances(question),
        }
    raise TypeError(f"unknown question kind {question.kind!r}")


def question_to_data(question: Question) -> dict[str, Any]:
    data: dict[str, Any] = {"id": question.id, "kind": question.kind, "topics": list(question.topics)}
    if question.difficulty != "medium":
        data["difficulty"] = question.difficulty
    data.update(_kind_fields(question))
    if question.explanation:
        data["explanation"] = question.explanation
    if question.references:
        data["references"] = _references(question.references)
    if question.lab is not None:
        data["lab"] = {"name": question.lab.name}
        if question.lab.settings:
            data["lab"]["set"] = dict(question.lab.settings)
    return data


def pack_to_data(pack: Pack) -> dict[str, Any]:
    """The pack as the dict of docs/pack-format.md (optional keys only when set)."""
    data: dict[str, Any] = {"id": pack.id, "title": pack.title}
    optional = {
        "description": pack.description,
        "version": pack.version,
        "authors": list(pack.authors),
        "license": pack.license,
        "references": _references(pack.references),
    }
    data.update({key: value for key, value in optional.items() if value})
    data["topics"] = [{"id": t.id, "title": t.title} for t in pack.topics]
    data["questions"] = [question_to_data(q) for q in pack.questions]
    return data


def export_yaml(pack: Pack, target: Path) -> ExportReport:
    """Write `pack` back out as YAML (atomically)."""
    write_text_atomically(target, dump_pack_yaml(pack_to_data(pack)))
    return ExportReport(exported=len(pack.questions))
