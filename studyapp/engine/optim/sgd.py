"""SGD with optional (Nesterov) momentum and L2 weight decay, as `torch.optim.SGD`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from studyapp.engine.optim.optimizer import Optimizer, check_nonnegative, with_weight_decay
from studyapp.engine.tensor import Tensor


class SGD(Optimizer):
    """g ← g + wd·θ; with momentum μ: b₁ = g, then b ← μb + (1 − dampening)g; step = g + μb (nesterov)
    or b; θ ← θ − lr·step. Without momentum: θ ← θ − lr·g."""

    def __init__(
        self,
        params: Iterable[Tensor] | Iterable[dict[str, Any]],
        lr: float = 1e-3,
        momentum: float = 0.0,
        dampening: float = 0.0,
        weight_decay: float = 0.0,
        nesterov: bool = False,
    ) -> None:
        check_nonnegative(
            **{"learning rate": lr, "momentum value": momentum, "weight_decay value": weight_decay}
        )
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
        defaults = {
            "lr": lr,
            "momentum": momentum,
            "dampening": dampening,
            "weight_decay": weight_decay,
            "nesterov": nesterov,
        }
        super().__init__(params, defaults)

    def _update(self, p: Tensor, grad: np.ndarray, group: dict[str, Any], state: dict[str, Any]) -> None:
        g = with_weight_decay(grad, p.data, group["weight_decay"])
        mu = group["momentum"]
        if mu:
            buf = state.get("momentum_buffer")
            if buf is None:
                buf = state["momentum_buffer"] = np.array(g)
            else:
                buf *= mu
                buf += (1.0 - group["dampening"]) * g
            g = g + mu * buf if group["nesterov"] else buf
        p.data -= group["lr"] * g
