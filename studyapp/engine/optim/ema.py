"""The course-style momentum: an exponential moving average of gradients."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from studyapp.engine.optim.optimizer import Optimizer, check_nonnegative
from studyapp.engine.tensor import Tensor


class EMAMomentum(Optimizer):
    """v ← βv + (1−β)g (v₀ = 0), θ ← θ − lr·v. Same trajectory as
    SGD(lr=lr·(1−β), momentum=β, dampening=0): there b = v/(1−β)."""

    def __init__(
        self, params: Iterable[Tensor] | Iterable[dict[str, Any]], lr: float, beta: float = 0.9
    ) -> None:
        check_nonnegative(**{"learning rate": lr})
        if not 0.0 <= beta < 1.0:
            raise ValueError(f"Invalid beta: {beta}")
        super().__init__(params, {"lr": lr, "beta": beta})

    def _update(self, p: Tensor, grad: np.ndarray, group: dict[str, Any], state: dict[str, Any]) -> None:
        beta = group["beta"]
        v = state.setdefault("velocity", np.zeros_like(p.data))
        v *= beta
        v += (1.0 - beta) * grad
        p.data -= group["lr"] * v
