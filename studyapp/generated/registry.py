"""The registry of computations generated questions may name, collected from the topic modules."""

from __future__ import annotations

from typing import Any

from studyapp.generated import (
    activations,
    clipping,
    dropout,
    initialization,
    losses,
    normalization,
    optimizers,
)
from studyapp.generated.computation import Computation

REGISTRY: dict[str, Computation] = {
    computation.name: computation
    for module in (activations, clipping, dropout, initialization, optimizers, losses, normalization)
    for computation in module.COMPUTATIONS
}


def get_computation(name: str) -> Computation | None:
    return REGISTRY.get(name)


def list_computations() -> list[dict[str, Any]]:
    """Every computation as JSON-ready data (name, description, params with bounds, lab), by name."""
    return [REGISTRY[name].to_json() for name in sorted(REGISTRY)]
