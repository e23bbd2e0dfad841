"""What a registered computation declares: its parameters with bounds, its lab and params → (answer, steps).

A computation is the only code a generated question runs: a pack names it and supplies parameter
distributions; the drawn values are clamped to the bounds declared here before the function sees them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from studyapp.generated.formatting import parenthesize_negatives

Worked = tuple[float, str]
"""(answer, step-by-step solution text in plain Unicode)."""


@dataclass(frozen=True)
class Bound:
    """One parameter: a number in [low, high] (`integer`: a whole number), or one of `choices`."""

    name: str
    low: float | None = None
    high: float | None = None
    integer: bool = False
    choices: tuple[Any, ...] = ()
    help: str = ""

    def clamp(self, value: Any) -> Any:
        """`value` forced into the bounds; ValueError when it is not a number / not an allowed choice."""
        if self.choices:
            if value not in self.choices:
                raise ValueError(f"{value!r} is not one of {', '.join(map(str, self.choices))}")
            return value
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise ValueError(f"{value!r} is not a finite number")
        number = min(max(float(value), self.low), self.high)  # type: ignore[type-var]
        return round(number) if self.integer else number

    def to_json(self) -> dict[str, Any]:
        if self.choices:
            return {"name": self.name, "choices": list(self.choices), "help": self.help}
        return {
            "name": self.name,
            "low": self.low,
            "high": self.high,
            "integer": self.integer,
            "help": self.help,
        }


def number(name: str, low: float, high: float, help: str = "") -> Bound:
    return Bound(name, low, high, help=help)


def integer(name: str, low: int, high: int, help: str = "") -> Bound:
    return Bound(name, low, high, integer=True, help=help)


def choice(name: str, choices: tuple[Any, ...], help: str = "") -> Bound:
    return Bound(name, choices=choices, help=help)


@dataclass(frozen=True)
class Computation:
    """A named engine computation. `function(**params)` → (answer, solution); `lab_settings(params)` →
    the settings of `lab` that show the same situation (only names the lab declares)."""

    name: str
    description: str
    params: tuple[Bound, ...]
    lab: str
    function: Callable[..., Worked]
    lab_settings: Callable[[Mapping[str, Any]], dict[str, Any]] = field(default=lambda params: {})

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(bound.name for bound in self.params)

    def __call__(self, params: Mapping[str, Any]) -> Worked:
        answer, solution = self.function(**params)
        return float(answer), parenthesize_negatives(solution)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "params": [bound.to_json() for bound in self.params],
            "lab": self.lab,
        }
