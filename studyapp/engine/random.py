"""The engine's one source of randomness: a caller's `numpy.random.Generator`, else a fresh unseeded one."""

from __future__ import annotations

import numpy as np


def resolve(generator: np.random.Generator | None) -> np.random.Generator:
    """`generator`, or a new OS-seeded Generator when None (nothing is ever seeded globally)."""
    return generator if generator is not None else np.random.default_rng()
