"""Dropout layer: F.dropout in training mode, identity in eval mode."""

from __future__ import annotations

import numpy as np

from studyapp.engine import functional as F
from studyapp.engine.nn.module import Module
from studyapp.engine.tensor import Tensor


class Dropout(Module):
    """Drops each element with probability p and scales survivors by 1/(1−p) while `training`;
    masks are drawn from `generator` (kept by the module, so a seeded run is reproducible)."""

    def __init__(self, p: float = 0.5, generator: np.random.Generator | None = None) -> None:
        super().__init__()
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
        self.p = p
        self.generator = generator

    def forward(self, input: Tensor) -> Tensor:
        return F.dropout(input, self.p, self.training, self.generator)

    def extra_repr(self) -> str:
        return f"p={self.p}"
