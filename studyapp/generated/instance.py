"""A generated template turned into a concrete numeric question: parameters drawn, answer computed.

Same template and seed → same instance. Problems with the template (unknown computation, missing or
extra parameters, distributions that do not fit the bounds) are StudyAppErrors naming the question.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from studyapp.content.model import Generated, LabLink, Numeric
from studyapp.errors import StudyAppError
from studyapp.generated.computation import Computation
from studyapp.generated.drawing import draw
from studyapp.generated.formatting import fill_prompt, shown
from studyapp.generated.registry import get_computation

DEFAULT_REL_TOLERANCE = 0.01


@dataclass(frozen=True, kw_only=True)
class GeneratedInstance(Numeric):
    """A numeric question drawn from a template: `params` holds the drawn values, `solution` the steps."""

    params: dict[str, Any] = field(default_factory=dict, hash=False)
    solution: str = ""


def check_template(question: Generated) -> Computation:
    """The computation `question` names, once its parameters match that computation's exactly."""
    computation = get_computation(question.compute)
    if computation is None:
        raise StudyAppError(
            f"question {question.id}: unknown computation {question.compute!r} "
            "(`studyapp pack computations` lists them)"
        )
    given = {spec.name for spec in question.params}
    expected = ", ".join(computation.param_names) or "none"
    missing = [name for name in computation.param_names if name not in given]
    extra = sorted(given - set(computation.param_names))
    if missing:
        raise StudyAppError(
            f"question {question.id}: {computation.name} needs parameter {', '.join(missing)} "
            f"(takes {expected})"
        )
    if extra:
        raise StudyAppError(
            f"question {question.id}: {computation.name} takes no parameter {', '.join(extra)} "
            f"(takes {expected})"
        )
    return computation


def instantiate(question: Generated, seed: int) -> GeneratedInstance:
    """Draw `question`'s parameters with `numpy.random.default_rng(seed)`, compute the answer, fill in."""
    computation = check_template(question)
    specs = {spec.name: spec for spec in question.params}
    rng = np.random.default_rng(seed % 2**64)
    params: dict[str, Any] = {}
    for bound in computation.params:
        try:
            params[bound.name] = draw(specs[bound.name], bound, rng)
        except ValueError as exc:
            raise StudyAppError(f"question {question.id}: parameter {bound.name}: {exc}") from exc
    value, solution = computation(params)
    if not np.isfinite(value):
        raise StudyAppError(f"question {question.id}: {computation.name} gave no finite answer for {params}")
    texts = {name: shown(value, specs[name].decimals) for name, value in params.items()}
    tolerance, rel_tolerance = question.tolerance, question.rel_tolerance
    if tolerance is None and rel_tolerance is None:
        rel_tolerance = DEFAULT_REL_TOLERANCE
    return GeneratedInstance(
        id=question.id,
        topics=question.topics,
        difficulty=question.difficulty,
        explanation=question.explanation,
        references=question.references,
        lab=_lab_link(question.lab, computation, params),
        line=question.line,
        prompt=fill_prompt(question.prompt, texts),
        value=value,
        tolerance=tolerance,
        rel_tolerance=rel_tolerance,
        unit=question.unit,
        params=params,
        solution=solution,
    )


def _lab_link(link: LabLink | None, computation: Computation, params: Mapping[str, Any]) -> LabLink | None:
    """The template's lab link with the drawn situation merged in when it is the computation's lab
    (or that lab, preset, when the template names none); a link to another lab is kept as written."""
    if link is None:
        return LabLink(computation.lab, computation.lab_settings(params))
    if link.name != computation.lab:
        return link
    return LabLink(link.name, {**link.settings, **computation.lab_settings(params)})
