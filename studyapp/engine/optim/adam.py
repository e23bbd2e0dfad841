"""Adam (coupled L2 weight decay) and AdamW (decoupled), as `torch.optim.Adam` / `AdamW`."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from studyapp.engine.optim.optimizer import Optimizer, check_nonnegative, with_weight_decay
from studyapp.engine.tensor import Tensor


class Adam(Optimizer):
    """t ← t+1; g ← g + wd·θ; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; m̂ = m/(1−β₁ᵗ); v̂ = v/(1−β₂ᵗ)
    (amsgrad: v̂ uses the running max of v); θ ← θ − lr·m̂/(√v̂ + eps).
    The first step is lr·g/(|g| + eps) ≈ lr per coordinate."""

    decoupled_weight_decay = False

    def __init__(
        self,
        params: Iterable[Tensor] | Iterable[dict[str, Any]],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0.0,
        amsgrad: bool = False,
    ) -> None:
        check_nonnegative(**{"learning rate": lr, "epsilon value": eps, "weight_decay value": weight_decay})
        for i, beta in enumerate(betas):
            if not 0.0 <= beta < 1.0:
                raise ValueError(f"Invalid beta parameter at index {i}: {beta}")
        defaults = {
            "lr": lr,
            "betas": tuple(betas),
            "eps": eps,
            "weight_decay": weight_decay,
            "amsgrad": amsgrad,
        }
        super().__init__(params, defaults)
        self._flat: dict[tuple[int, ...], tuple[np.ndarray, np.ndarray, np.ndarray, list[np.ndarray]]] = {}

    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        """One update of every parameter with a gradient, a group at a time; returns `closure()` if given."""
        loss = closure() if closure is not None else None
        for group in self.param_groups:
            params = [p for p in group["params"] if p._grad is not None]
            if params:
                self._update_group(params, group)
        return loss

    def _update_group(self, params: list[Tensor], group: dict[str, Any]) -> None:
        """All of `params` in one pass over flat arrays (the same numbers as one `_update` each): the
        moments of a set of parameters that started together live in one buffer, each parameter's state
        holding views of it. Otherwise (one parameter, amsgrad, or parameters at different steps) one at a
        time."""
        if len(params) == 1:
            self._update(params[0], params[0].grad, group, self.state.setdefault(params[0], {}))
            return
        states = [self.state.setdefault(p, {}) for p in params]
        key = tuple(map(id, params))
        if key not in self._flat and not any(states):
            size = sum(p.data.size for p in params)
            dtype = np.result_type(*(p.data for p in params))
            m_flat, v_flat, step = np.zeros(size, dtype), np.zeros(size, dtype), np.empty(size, dtype)
            steps, start = [], 0
            for p, state in zip(params, states, strict=True):
                part = slice(start, start + p.data.size)
                state.update(step=0, exp_avg=m_flat[part].reshape(p.data.shape))
                state["exp_avg_sq"] = v_flat[part].reshape(p.data.shape)
                steps.append(step[part].reshape(p.data.shape))
                start = part.stop
            self._flat[key] = (m_flat, v_flat, step, steps)
        flat = self._flat.get(key)
        if flat is None or group["amsgrad"] or len({state["step"] for state in states}) != 1:
            for p, state in zip(params, states, strict=True):
                self._update(p, p.grad, group, state)
            return
        m, v, step, steps = flat
        lr, wd = group["lr"], group["weight_decay"]
        for state in states:
            state["step"] += 1
        t = states[0]["step"]
        g = np.concatenate([p.grad.ravel() for p in params])
        if self.decoupled_weight_decay:
            for p in params:
                p.data *= 1.0 - lr * wd
        elif wd:
            g = g + wd * np.concatenate([p.data.ravel() for p in params])
        _update_moments(m, v, g, group)
        _bias_corrected_step(m, v, t, group, out=step)
        for p, p_step in zip(params, steps, strict=True):
            p.data -= p_step

    def _update(self, p: Tensor, grad: np.ndarray, group: dict[str, Any], state: dict[str, Any]) -> None:
        lr, wd = group["lr"], group["weight_decay"]
        if not state:
            state.update(step=0, exp_avg=np.zeros_like(p.data), exp_avg_sq=np.zeros_like(p.data))
        state["step"] += 1
        t = state["step"]
        if self.decoupled_weight_decay:
            p.data *= 1.0 - lr * wd
            g = grad
        else:
            g = with_weight_decay(grad, p.data, wd)
        m, v = state["exp_avg"], state["exp_avg_sq"]
        _update_moments(m, v, g, group)
        if group["amsgrad"]:
            v = state.setdefault("max_exp_avg_sq", np.zeros_like(p.data))
            np.maximum(v, state["exp_avg_sq"], out=v)
        p.data -= _bias_corrected_step(m, v, t, group)


def _update_moments(m: np.ndarray, v: np.ndarray, g: np.ndarray, group: dict[str, Any]) -> None:
    """m ← β₁m + (1−β₁)g and v ← β₂v + (1−β₂)g², in place."""
    beta1, beta2 = group["betas"]
    m += (1.0 - beta1) * (g - m)
    v *= beta2
    v += (1.0 - beta2) * g * g


def _bias_corrected_step(
    m: np.ndarray, v: np.ndarray, t: int, group: dict[str, Any], out: np.ndarray | None = None
) -> np.ndarray:
    """lr·m̂/(√v̂ + eps) with m̂ = m/(1−β₁ᵗ) and v̂ = v/(1−β₂ᵗ), written into `out` when given."""
    lr, (beta1, beta2), eps = group["lr"], group["betas"], group["eps"]
    denom = np.sqrt(v)
    denom /= math.sqrt(1.0 - beta2**t)
    denom += eps
    step = np.multiply(lr / (1.0 - beta1**t), m, out=out)
    step /= denom
    return step


class AdamW(Adam):
    """θ ← θ·(1 − lr·wd) first (decoupled weight decay, default 1e-2), then the Adam step on the raw g."""

    decoupled_weight_decay = True

    def __init__(
        self,
        params: Iterable[Tensor] | Iterable[dict[str, Any]],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 1e-2,
        amsgrad: bool = False,
    ) -> None:
        super().__init__(params, lr, betas, eps, weight_decay, amsgrad)
