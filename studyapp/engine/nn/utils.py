"""`torch.nn.utils` gradient clipping, acting in place on each parameter's `.grad`."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from studyapp.engine.tensor import Tensor

_NORM_EPS = 1e-6


def _gradients(parameters: Tensor | Iterable[Tensor]) -> list[np.ndarray]:
    params = [parameters] if isinstance(parameters, Tensor) else list(parameters)
    return [p.grad for p in params if p.grad is not None]


def clip_grad_norm_(parameters: Tensor | Iterable[Tensor], max_norm: float, norm_type: float = 2.0) -> Tensor:
    """total = ‖(g₁, g₂, …)‖_p over all gradients together (p = inf: max |g|); every gradient is scaled
    by coef = min(max_norm/(total + 1e-6), 1), which keeps its direction. Returns total (before clipping)
    as a 0-d Tensor."""
    grads = _gradients(parameters)
    norm_type = float(norm_type)
    if not grads:
        return Tensor(0.0)
    norms = [np.linalg.norm(g.ravel(), norm_type) for g in grads]
    total = float(np.linalg.norm(np.array(norms), norm_type))
    coef = min(max_norm / (total + _NORM_EPS), 1.0)
    for g in grads:
        g *= coef
    return Tensor(total)


def clip_grad_value_(parameters: Tensor | Iterable[Tensor], clip_value: float) -> None:
    """Clamp every gradient element to [−clip_value, clip_value] (this can turn the gradient's direction)."""
    for g in _gradients(parameters):
        np.clip(g, -clip_value, clip_value, out=g)
