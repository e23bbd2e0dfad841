"""RMSprop as `torch.optim.RMSprop` (no bias correction, eps added outside the square root)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from studyapp.engine.optim.optimizer import Optimizer, check_nonnegative, with_weight_decay
from studyapp.engine.tensor import Tensor


class RMSprop(Optimizer):
    """g ← g + wd·θ; s ← αs + (1−α)g²; d = √s + eps, or centered: ḡ ← αḡ + (1−α)g, d = √(s − ḡ²) + eps.
    With momentum μ: b ← μb + g/d, θ ← θ − lr·b; else θ ← θ − lr·g/d.
    From s₀ = 0 the first step is lr·g/(√(1−α)|g|) = 10·lr for α = 0.99."""

    def __init__(
        self,
        params: Iterable[Tensor] | Iterable[dict[str, Any]],
        lr: float = 1e-2,
        alpha: float = 0.99,
        eps: float = 1e-8,
        weight_decay: float = 0.0,
        momentum: float = 0.0,
        centered: bool = False,
    ) -> None:
        check_nonnegative(
            **{
                "learning rate": lr,
                "epsilon value": eps,
                "momentum value": momentum,
                "weight_decay value": weight_decay,
                "alpha value": alpha,
            }
        )
        defaults = {
            "lr": lr,
            "alpha": alpha,
            "eps": eps,
            "weight_decay": weight_decay,
            "momentum": momentum,
            "centered": centered,
        }
        super().__init__(params, defaults)

    def _update(self, p: Tensor, grad: np.ndarray, group: dict[str, Any], state: dict[str, Any]) -> None:
        alpha, eps, mu = group["alpha"], group["eps"], group["momentum"]
        g = with_weight_decay(grad, p.data, group["weight_decay"])
        square_avg = state.setdefault("square_avg", np.zeros_like(p.data))
        square_avg *= alpha
        square_avg += (1.0 - alpha) * g * g
        if group["centered"]:
            grad_avg = state.setdefault("grad_avg", np.zeros_like(p.data))
            grad_avg *= alpha
            grad_avg += (1.0 - alpha) * g
            denom = np.sqrt(square_avg - grad_avg * grad_avg) + eps
        else:
            denom = np.sqrt(square_avg) + eps
        if mu > 0:
            buf = state.setdefault("momentum_buffer", np.zeros_like(p.data))
            buf *= mu
            buf += g / denom
            p.data -= group["lr"] * buf
        else:
            p.data -= group["lr"] * g / denom
