"""How a lab is declared: its parameters (type, bounds, default, help), a pure compute function, its views.

A lab's `compute(settings)` takes a complete, clamped settings dict and returns a `LabResult`: `data`
(JSON-ready, what `studyapp lab NAME --json` prints), `plots` (drawn by the lab screen) and `notes`
(plain-text lines: diagnosis, key numbers). Nothing here imports Textual.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from studyapp.errors import StudyAppError


@dataclass(frozen=True)
class Param:
    """One control. `kind`: "float" | "int" | "choice" | "bool" | "vector" (comma-separated floats).

    Numbers are clamped to [low, high]; `step` is what one key press changes (`log`: multiply by
    `step` instead of adding it). A vector's length is clamped to [1, max_len] and each element to
    [low, high].
    """

    name: str
    kind: str
    default: Any
    help: str
    low: float | None = None
    high: float | None = None
    step: float | None = None
    log: bool = False
    choices: tuple[str, ...] = ()
    max_len: int = 16

    def parse(self, text: str) -> Any:
        """A value typed by a person (CLI `--set key=value`), clamped; bad text is a StudyAppError."""
        try:
            if self.kind == "vector":
                value: Any = [float(part) for part in str(text).split(",") if part.strip()]
            elif self.kind == "bool":
                lowered = str(text).strip().lower()
                if lowered not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
                    raise ValueError(text)
                value = lowered in ("1", "true", "yes", "on")
            elif self.kind in ("int", "float"):
                value = float(text)
            else:
                value = str(text).strip()
        except ValueError as exc:
            raise StudyAppError(f"{self.name}: {text!r} is not a valid {self.kind}") from exc
        return self.clamp(value)

    def clamp(self, value: Any) -> Any:
        """`value` forced into this parameter's type and bounds; text is parsed; bad values: StudyAppError."""
        if isinstance(value, str) and self.kind != "choice":
            return self.parse(value)
        if self.kind == "choice":
            if value not in self.choices:
                raise StudyAppError(f"{self.name}: {value!r} is not one of {', '.join(self.choices)}")
            return value
        if self.kind == "bool":
            return bool(value)
        if self.kind == "vector":
            try:
                items = [self._bound(float(v)) for v in list(value)[: self.max_len]]
            except (TypeError, ValueError) as exc:
                raise StudyAppError(f"{self.name}: {value!r} is not a list of numbers") from exc
            if not items:
                raise StudyAppError(f"{self.name}: give at least one number")
            return items
        try:
            number = self._bound(float(value))
        except (TypeError, ValueError) as exc:
            raise StudyAppError(f"{self.name}: {value!r} is not a number") from exc
        return round(number) if self.kind == "int" else number

    def _bound(self, number: float) -> float:
        if not math.isfinite(number):
            raise StudyAppError(f"{self.name}: {number} is not a finite number")
        if self.low is not None:
            number = max(self.low, number)
        if self.high is not None:
            number = min(self.high, number)
        return number


@dataclass(frozen=True)
class Series:
    """One line (or scatter/bar set) on a plot."""

    label: str
    x: list[float]
    y: list[float]
    style: str = "line"  # "line" | "scatter" | "bar"


@dataclass(frozen=True)
class Plot:
    """A plot the lab screen draws; `ylog` puts y on a log10 scale; `marks` are vertical lines (x, label)."""

    title: str
    series: list[Series]
    xlabel: str = ""
    ylabel: str = ""
    ylog: bool = False
    marks: list[tuple[float, str]] = field(default_factory=list)


@dataclass(frozen=True)
class LabResult:
    data: dict[str, Any]
    plots: list[Plot] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Lab:
    name: str
    title: str
    summary: str
    params: tuple[Param, ...]
    compute: Callable[[dict[str, Any]], LabResult]
    heavy: bool = False
    """True when a recompute may take long enough to run off the UI thread."""

    def param(self, name: str) -> Param:
        for param in self.params:
            if param.name == name:
                return param
        raise StudyAppError(f"lab {self.name} has no setting {name!r} (settings: {self.setting_names})")

    @property
    def setting_names(self) -> str:
        return ", ".join(p.name for p in self.params)

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def settings(self, overrides: Mapping[str, Any] = (), *, from_text: bool = False) -> dict[str, Any]:
        """Defaults updated with `overrides`, each clamped to its bounds (parsed first when `from_text`)."""
        chosen = self.defaults()
        for name, value in dict(overrides).items():
            param = self.param(name)
            chosen[name] = param.parse(value) if from_text else param.clamp(value)
        return chosen

    def run(self, overrides: Mapping[str, Any] = (), *, from_text: bool = False) -> LabResult:
        return self.compute(self.settings(overrides, from_text=from_text))
