"""Drawing one parameter of a generated question from its pack distribution, inside the computation's bounds.

The pack's range is first clamped to the declared bounds, a value is drawn (uniform, log-uniform,
randint with both ends included, or choice), rounded to `decimals` (3 significant digits when none is
given, so the prompt shows exactly the number used) and clamped again.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from studyapp.content.model import ParamSpec
from studyapp.generated.computation import Bound

DEFAULT_SIGNIFICANT = 3


def draw(spec: ParamSpec, bound: Bound, rng: np.random.Generator) -> Any:
    """One value for `bound` drawn as `spec` says; ValueError when the two cannot be reconciled."""
    if spec.distribution == "choice":
        if not spec.choices:
            raise ValueError("choice needs at least one value")
        value = spec.choices[int(rng.integers(len(spec.choices)))]
        return bound.clamp(_rounded(value, spec.decimals, default_significant=False))
    if bound.choices:
        raise ValueError(f"must be drawn with choice from {', '.join(map(str, bound.choices))}")
    low, high = sorted((bound.clamp(_finite(spec.low)), bound.clamp(_finite(spec.high))))
    if spec.distribution == "uniform":
        value = rng.uniform(low, high)
    elif spec.distribution == "loguniform":
        if low <= 0:
            raise ValueError("loguniform needs a range above 0")
        value = math.exp(rng.uniform(math.log(low), math.log(high)))
    elif spec.distribution == "randint":
        low, high = math.ceil(low), math.floor(high)
        if low > high:
            raise ValueError("randint range holds no whole number inside the bounds")
        value = int(rng.integers(low, high + 1))
    else:
        raise ValueError(f"unknown distribution {spec.distribution!r}")
    return bound.clamp(_rounded(value, spec.decimals, default_significant=True))


def _finite(value: float | None) -> float:
    if value is None or isinstance(value, bool) or not math.isfinite(value):
        raise ValueError(f"range end {value!r} is not a finite number")
    return value


def _rounded(value: Any, decimals: int | None, *, default_significant: bool) -> Any:
    """Floats rounded to `decimals` places (or to 3 significant digits); anything else unchanged."""
    if not isinstance(value, float):
        return value
    if decimals is not None:
        return round(value, decimals)
    return float(f"{value:.{DEFAULT_SIGNIFICANT}g}") if default_significant else value
