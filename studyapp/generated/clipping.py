"""Computations on gradient clipping, run through the engine's `clip_grad_norm_` / `clip_grad_value_`."""

from __future__ import annotations

import math

import numpy as np

from studyapp.engine import nn
from studyapp.generated.computation import Computation, Worked, number
from studyapp.generated.formatting import approx, result, shown
from studyapp.generated.probes import with_gradient

G1 = number("g1", -1000.0, 1000.0, "first gradient component")
G2 = number("g2", -1000.0, 1000.0, "second gradient component")


def _norm_text(g1: float, g2: float, norm: float) -> str:
    return f"‖g‖ = √({_squared(g1)} + {_squared(g2)}) = {approx(norm)}"


def _squared(value: float) -> str:
    return f"({shown(value)})²" if value < 0 else f"{shown(value)}²"


def clip_norm_component(g1: float, g2: float, max_norm: float) -> Worked:
    parameter = with_gradient([g1, g2])
    norm = float(nn.utils.clip_grad_norm_([parameter], max_norm))
    clipped = parameter.grad[0]
    coef = min(max_norm / (norm + 1e-6), 1.0)
    return clipped, (
        f"{_norm_text(g1, g2, norm)}; "
        f"coef = min({shown(max_norm)}/({approx(norm)} + 1e-6), 1) = {approx(coef)}; "
        f"g₁' = {shown(g1)} × {approx(coef)} = {result(clipped)}"
    )


def grad_norm(g1: float, g2: float) -> Worked:
    norm = float(nn.utils.clip_grad_norm_([with_gradient([g1, g2])], math.inf))
    return norm, f"{_norm_text(g1, g2, norm)}"


def clip_value_angle(g1: float, g2: float, clip_value: float) -> Worked:
    parameter = with_gradient([g1, g2])
    nn.utils.clip_grad_value_([parameter], clip_value)
    clipped = parameter.grad
    original = np.array([g1, g2])
    lengths = float(np.linalg.norm(original) * np.linalg.norm(clipped))
    c1, c2 = (shown(float(v)) for v in clipped)
    steps = f"clamp each component to ±{shown(clip_value)}: g' = ({c1}, {c2})"
    if lengths == 0:
        return 0.0, f"{steps}; a zero gradient has no direction, so the angle is 0°"
    cosine = float(np.clip(original @ clipped / lengths, -1.0, 1.0))
    angle = math.degrees(math.acos(cosine))
    return angle, (
        f"{steps}; cos θ = g·g'/(‖g‖‖g'‖) = {approx(float(original @ clipped))}/{approx(lengths)} "
        f"= {result(cosine)}; θ = arccos({result(cosine)}) = {result(angle)}°"
    )


COMPUTATIONS = (
    Computation(
        "clip_norm_component",
        "g₁ after clip_grad_norm_: g₁·min(max_norm/(‖g‖ + 1e-6), 1)",
        (G1, G2, number("max_norm", 1e-3, 1e3, "clipping threshold on ‖g‖")),
        "gradient-clipping",
        clip_norm_component,
        lambda p: {"grad": [p["g1"], p["g2"]], "threshold": p["max_norm"], "mode": "norm"},
    ),
    Computation(
        "grad_norm",
        "‖g‖ = √(g₁² + g₂²)",
        (G1, G2),
        "gradient-clipping",
        grad_norm,
        lambda p: {"grad": [p["g1"], p["g2"]]},
    ),
    Computation(
        "clip_value_angle",
        "angle in degrees between g and clip_grad_value_(g, c)",
        (G1, G2, number("clip_value", 1e-3, 1e3, "each component is clamped to ±clip_value")),
        "gradient-clipping",
        clip_value_angle,
        lambda p: {"grad": [p["g1"], p["g2"]], "threshold": p["clip_value"], "mode": "value"},
    ),
)
