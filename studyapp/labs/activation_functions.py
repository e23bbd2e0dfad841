"""Activation functions and their derivatives: where they saturate and how many inputs they kill.

f' comes from the engine's autograd (the gradient of Σ f(xᵢ) with respect to x), never a hand formula.
Saturated: |f'(x)| < 0.05. Dead: f'(x) = 0 exactly. Shares of inputs x ~ N(input_mean, input_std²) are
estimated from a fixed seeded sample of 20 000 draws (standard error ≤ 0.0036).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from studyapp.engine import Tensor
from studyapp.engine import functional as F
from studyapp.labs.base import Lab, LabResult, Param, Plot, Series

FUNCTIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu")
SATURATION = 0.05
GRID_POINTS = 241
SAMPLES = 20_000
SAMPLE_SEED = 0

WHY = {
    "sigmoid": "σ' = σ(1−σ) is at most 0.25, so every sigmoid layer shrinks the backward signal at least 4×.",
    "tanh": "tanh' = 1 − tanh² peaks at 1 and outputs are zero-centred, but it saturates once |x| > 3.",
    "relu": "ReLU' is 1 for x > 0 and 0 otherwise: no saturation on the right, but a unit whose inputs "
    "stay negative gets no gradient at all (a dead unit).",
    "leaky_relu": "Leaky ReLU keeps slope 0.01 for x < 0: the gradient is small there but never zero, "
    "so units cannot die.",
    "elu": "ELU = eˣ − 1 for x ≤ 0: smooth, with negative outputs that pull the mean towards 0; "
    "it saturates only for very negative x.",
    "gelu": "GELU = x·Φ(x): a smooth ReLU whose slope dips slightly below 0 for negative x "
    "and slightly above 1 for positive x.",
}


def value_and_derivative(function: str, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """f(x) and f'(x) elementwise: f' is x.grad after backpropagating Σ f(xᵢ)."""
    t = Tensor(x, requires_grad=True)
    y = getattr(F, function)(t)
    y.sum().backward()
    return y.data, t.grad


def below_threshold_intervals(x: np.ndarray, values: np.ndarray, threshold: float) -> list[list[float]]:
    """[first x, last x] of each run of grid points where |values| < threshold."""
    inside = np.abs(values) < threshold
    edges = np.diff(np.concatenate(([0], inside.astype(np.int8), [0])))
    starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) - 1
    return [[float(x[a]), float(x[b])] for a, b in zip(starts, stops, strict=True)]


def compute(settings: dict[str, Any]) -> LabResult:
    function = settings["function"]
    lo, hi = sorted((settings["x_min"], settings["x_max"]))
    if hi - lo < 0.1:
        hi = lo + 0.1
    mean, std = settings["input_mean"], settings["input_std"]

    x = np.linspace(lo, hi, GRID_POINTS)
    f, df = value_and_derivative(function, x)
    peak = int(np.argmax(df))
    regions = below_threshold_intervals(x, df, SATURATION)

    sample = np.random.default_rng(SAMPLE_SEED).normal(mean, std, SAMPLES)
    _, sample_df = value_and_derivative(function, sample)
    dead = float(np.mean(sample_df == 0.0))
    saturated = float(np.mean(np.abs(sample_df) < SATURATION))
    mean_df = float(np.mean(sample_df))

    data = {
        "function": function,
        "x": x.tolist(),
        "f": f.tolist(),
        "df": df.tolist(),
        "max_derivative": float(df[peak]),
        "max_derivative_at": float(x[peak]),
        "saturation_regions": regions,
        "dead_fraction": dead,
        "saturated_fraction": saturated,
        "mean_derivative": mean_df,
    }
    marks = [
        (v, label) for v, label in ((mean - std, "μ−σ"), (mean, "μ"), (mean + std, "μ+σ")) if lo <= v <= hi
    ]
    plots = [
        Plot(f"{function}(x)", [Series(function, x.tolist(), f.tolist())], "x", "f(x)", marks=marks),
        Plot(
            f"{function}'(x) (autograd)",
            [
                Series(f"{function}'", x.tolist(), df.tolist()),
                Series(f"|f'| < {SATURATION}: saturated", [lo, hi], [SATURATION, SATURATION]),
            ],
            "x",
            "f'(x)",
            marks=marks,
        ),
    ]
    where = ", ".join(f"[{a:.2f}, {b:.2f}]" for a, b in regions) or "nowhere in this range"
    notes = [
        WHY[function],
        f"Largest slope {df[peak]:.4g} at x = {x[peak]:.2f}; saturated (|f'| < {SATURATION}) on {where}.",
        f"Inputs ~ N({mean:g}, {std:g}²): {dead:.1%} get zero gradient (dead), {saturated:.1%} a slope "
        f"below {SATURATION} (dead included); the average slope is {mean_df:.3g}, the factor one layer "
        "applies to the gradient.",
    ]
    return LabResult(data=data, plots=plots, notes=notes)


LAB = Lab(
    name="activation-functions",
    title="Activation functions",
    summary="Plot an activation and its autograd derivative; see where it saturates and how many inputs die.",
    params=(
        Param("function", "choice", "sigmoid", "the activation to plot", choices=FUNCTIONS),
        Param("x_min", "float", -6.0, "left end of the plotted range", low=-20.0, high=20.0, step=0.5),
        Param("x_max", "float", 6.0, "right end of the plotted range", low=-20.0, high=20.0, step=0.5),
        Param(
            "input_mean",
            "float",
            0.0,
            "mean of the pre-activations fed to the unit (for the dead/saturated shares)",
            low=-10.0,
            high=10.0,
            step=0.25,
        ),
        Param(
            "input_std",
            "float",
            1.0,
            "spread of the pre-activations fed to the unit",
            low=0.01,
            high=20.0,
            step=1.25,
            log=True,
        ),
    ),
    compute=compute,
)
