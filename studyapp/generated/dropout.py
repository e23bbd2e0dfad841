"""Computations on (inverted) dropout: survivors are scaled by 1/(1 − p)."""

from __future__ import annotations

import numpy as np

from studyapp.engine import Tensor
from studyapp.engine import functional as F
from studyapp.generated.computation import Computation, Worked, integer, number
from studyapp.generated.formatting import approx, result, shown

P = number("p", 0.0, 0.95, "drop probability")
PROBE_UNITS = 1000
"""Ones pushed through the engine's dropout; all of them dropped has probability ≤ 0.95¹⁰⁰⁰ ≈ 5e-23."""


def dropout_scale(p: float) -> Worked:
    out = F.dropout(Tensor(np.ones(PROBE_UNITS)), p=p, training=True, generator=np.random.default_rng(0))
    scale = float(out.data.max())
    return (
        scale,
        f"survivors are divided by 1 − p = {approx(1 - p)}: scale = 1/(1 − {shown(p)}) = {result(scale)}",
    )


def dropout_expected_kept(n: int, p: float) -> Worked:
    kept = n * (1 - p)
    return kept, (
        f"each of the {n} units survives with probability 1 − p = {approx(1 - p)}: "
        f"E(kept) = n(1 − p) = {n} × {approx(1 - p)} = {result(kept)}"
    )


COMPUTATIONS = (
    Computation(
        "dropout_scale",
        "training-time scale of the kept units: 1/(1 − p)",
        (P,),
        "dropout",
        dropout_scale,
        lambda p: {"p": p["p"], "training": True},
    ),
    Computation(
        "dropout_expected_kept",
        "expected number of kept units: n(1 − p)",
        (integer("n", 1, 1_000_000, "number of units"), P),
        "dropout",
        dropout_expected_kept,
        lambda p: {"p": p["p"], "training": True},
    ),
)
