"""Gradient clipping: by norm, g ← g·min(1, c/(‖g‖ + 1e-6)), which keeps the direction; by value,
gᵢ ← clamp(gᵢ, −c, c), which may turn it.

The vector view clips `grad` with the engine's `clip_grad_norm_` / `clip_grad_value_`. The training view runs
SGD (lr 0.1) on a ravine at the foot of a cliff,
    L(w) = ½·15(w₁ + 0.5)² + ½(w₂ − 1)² + ½·400·relu(w₁)²,
from w = (−4, −2), once without clipping and once clipped with the chosen mode and threshold. Unclipped, the
first step overshoots onto the wall, whose huge gradient throws w far away, and the loss explodes.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from studyapp.engine import Tensor, nn, optim
from studyapp.engine import functional as F
from studyapp.labs.base import Lab, LabResult, Param, Plot, Series

MODES = ("norm", "value")
BOUND = {"norm": "is longer than", "value": "moves a coordinate by more than"}
START = (-4.0, -2.0)
CENTER = (-0.5, 1.0)
CURVATURE = (15.0, 1.0)
WALL = 400.0
LR = 0.1
STEPS = 60
DIVERGED = 1e12
"""A run stops once its loss passes this."""
LOG_FLOOR = 1e-12
"""Losses below this are drawn at it on the log-scale plot."""


def clip(grad: list[float], threshold: float, mode: str) -> np.ndarray:
    """`grad` after the engine's clip_grad_norm_(grad, c) or clip_grad_value_(grad, c), c = threshold."""
    holder = Tensor(np.zeros(len(grad)), requires_grad=True)
    holder.grad = np.array(grad)
    if mode == "norm":
        nn.utils.clip_grad_norm_([holder], max_norm=threshold)
    else:
        nn.utils.clip_grad_value_([holder], clip_value=threshold)
    return holder.grad


ANGLE_TOLERANCE = 1e-6
"""Degrees below which two directions count as the same (rescaling leaves ~1e-14° of rounding)."""


def angle_degrees(u: np.ndarray, v: np.ndarray) -> float:
    """Angle between u and v in degrees (0 if either is zero): 2·atan2(‖û − v̂‖, ‖û + v̂‖), exactly 0 when
    the directions are equal."""
    nu, nv = np.linalg.norm(u), np.linalg.norm(v)
    if nu == 0.0 or nv == 0.0:
        return 0.0
    a, b = u / nu, v / nv
    return float(np.degrees(2.0 * np.arctan2(np.linalg.norm(a - b), np.linalg.norm(a + b))))


def cliff_loss(w: Tensor) -> Tensor:
    d = w - Tensor(CENTER)
    basin = 0.5 * (Tensor(CURVATURE) * d * d).sum()
    wall = 0.5 * WALL * (F.relu(w * Tensor([1.0, 0.0])) ** 2).sum()
    return basin + wall


def descend(threshold: float, mode: str | None) -> list[float]:
    """Loss per SGD step on the cliff (clipped when `mode` is given), stopping early if it diverges."""
    w = Tensor(START, requires_grad=True)
    optimizer = optim.SGD([w], lr=LR)
    losses = []
    for _ in range(STEPS):
        optimizer.zero_grad()
        loss = cliff_loss(w)
        losses.append(loss.item())
        if not losses[-1] < DIVERGED:
            break
        loss.backward()
        if mode == "norm":
            nn.utils.clip_grad_norm_([w], max_norm=threshold)
        elif mode == "value":
            nn.utils.clip_grad_value_([w], clip_value=threshold)
        optimizer.step()
    return losses


def vector_plot(grad: np.ndarray, clipped: np.ndarray, threshold: float, mode: str) -> Plot:
    """A 2-D gradient as arrows from the origin inside the clipping region; longer ones as component bars."""
    if len(grad) != 2:
        index = list(range(1, len(grad) + 1))
        return Plot(
            "gradient components",
            [Series("before", index, grad.tolist(), "bar"), Series("after", index, clipped.tolist(), "bar")],
            "component",
            "value",
        )
    if mode == "norm":
        turn = np.linspace(0.0, 2.0 * np.pi, 73)
        edge = Series(
            f"‖g‖ = {threshold:g}", (threshold * np.cos(turn)).tolist(), (threshold * np.sin(turn)).tolist()
        )
    else:
        c = threshold
        edge = Series(f"|gᵢ| = {c:g}", [-c, c, c, -c, -c], [-c, -c, c, c, -c])
    return Plot(
        f"clipping by {mode}",
        [
            edge,
            Series("before", [0.0, float(grad[0])], [0.0, float(grad[1])]),
            Series("after", [0.0, float(clipped[0])], [0.0, float(clipped[1])]),
        ],
        "g₁",
        "g₂",
    )


def compute(settings: dict[str, Any]) -> LabResult:
    threshold, mode = settings["threshold"], settings["mode"]
    grad = np.array(settings["grad"], dtype=float)
    clipped = clip(settings["grad"], threshold, mode)
    norm_before, norm_after = float(np.linalg.norm(grad)), float(np.linalg.norm(clipped))
    angle = angle_degrees(grad, clipped)

    plain = descend(threshold, None)
    guarded = descend(threshold, mode)
    diverged_at = len(plain) - 1 if plain[-1] >= DIVERGED else None

    def curve(label: str, losses: list[float]) -> Series:
        return Series(label, list(range(len(losses))), [max(v, LOG_FLOOR) for v in losses])

    plots = [
        vector_plot(grad, clipped, threshold, mode),
        Plot(
            "SGD on a cliff: loss per step (log scale)",
            [curve("no clipping", plain), curve(f"clip by {mode} at {threshold:g}", guarded)],
            "step",
            "loss",
            ylog=True,
        ),
    ]
    shown = ", ".join(f"{v:.4g}" for v in clipped)
    if diverged_at is None:
        unclipped = f"Without clipping the final loss is {plain[-1]:.3g}."
    else:
        unclipped = (
            "Without clipping the first step overshoots onto the cliff, whose huge gradient throws w far "
            f"away: the loss passes {DIVERGED:.0e} at step {diverged_at}."
        )
    kept = angle < ANGLE_TOLERANCE
    turned = "direction kept" if kept else f"direction turned by {angle:.3g}°"
    notes = [
        f"Clipped by {mode} at {threshold:g}: [{shown}]; norm {norm_before:.4g} → {norm_after:.4g}; "
        f"{turned}.",
        "Clipping by norm rescales the whole gradient, so its direction is kept; clipping by value clamps "
        "each component on its own, which can turn the direction (e.g. [3, 4] → [1, 1]).",
        f"{unclipped} Clipped, no step {BOUND[mode]} lr·threshold = {LR * threshold:.3g}; "
        f"final loss {guarded[-1]:.3g}.",
    ]
    data = {
        "grad": grad.tolist(),
        "clipped": clipped.tolist(),
        "norm_before": norm_before,
        "norm_after": norm_after,
        "direction_kept": kept,
        "angle_degrees": angle,
        "loss_unclipped": plain,
        "loss_clipped": guarded,
        "unclipped_diverged_at": diverged_at,
    }
    return LabResult(data=data, plots=plots, notes=notes)


LAB = Lab(
    name="gradient-clipping",
    title="Gradient clipping",
    summary="Clip a gradient by norm or by value, and watch clipping tame SGD on a loss with a cliff.",
    params=(
        Param(
            "grad",
            "vector",
            [3.0, 4.0],
            "the gradient to clip, comma-separated",
            low=-1000.0,
            high=1000.0,
            step=0.5,
            max_len=8,
        ),
        Param(
            "threshold",
            "float",
            1.0,
            "max_norm (norm mode) or clip_value (value mode)",
            low=0.01,
            high=100.0,
            step=1.25,
            log=True,
        ),
        Param("mode", "choice", "norm", "clip the whole vector's norm, or each component", choices=MODES),
    ),
    compute=compute,
)
