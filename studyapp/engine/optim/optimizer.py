"""Optimizer base: parameter groups (dicts with hyper-parameters, as in torch), per-parameter state,
`zero_grad`, and `step`, which hands each parameter that has a gradient to the subclass's `_update`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from studyapp.engine.tensor import Tensor


class Optimizer:
    def __init__(self, params: Iterable[Tensor] | Iterable[dict[str, Any]], defaults: dict[str, Any]) -> None:
        if isinstance(params, Tensor):
            raise TypeError(
                "params argument given to the optimizer should be an iterable of Tensors or dicts"
            )
        self.defaults = defaults
        self.state: dict[Tensor, dict[str, Any]] = {}
        self.param_groups: list[dict[str, Any]] = []
        groups = list(params)
        if not groups:
            raise ValueError("optimizer got an empty parameter list")
        for group in groups if isinstance(groups[0], dict) else [{"params": groups}]:
            self.add_param_group(group)

    def add_param_group(self, group: dict[str, Any]) -> None:
        """A group: {"params": [...], and any hyper-parameter overriding the defaults}."""
        params = group["params"]
        group = {**self.defaults, **group, "params": [params] if isinstance(params, Tensor) else list(params)}
        self.param_groups.append(group)

    @property
    def lr(self) -> float:
        """The first group's learning rate; setting it sets every group's."""
        return self.param_groups[0]["lr"]

    @lr.setter
    def lr(self, value: float) -> None:
        for group in self.param_groups:
            group["lr"] = value

    def zero_grad(self, set_to_none: bool = True) -> None:
        for group in self.param_groups:
            for p in group["params"]:
                if set_to_none or p.grad is None:
                    p._grad = None
                else:
                    p.grad = np.zeros_like(p.data)

    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        """One update of every parameter with a gradient; returns `closure()` (called first) if given."""
        loss = closure() if closure is not None else None
        for group in self.param_groups:
            for p in group["params"]:
                if p._grad is not None:
                    self._update(p, p._grad, group, self.state.setdefault(p, {}))
        return loss

    def _update(self, p: Tensor, grad: np.ndarray, group: dict[str, Any], state: dict[str, Any]) -> None:
        raise NotImplementedError


def with_weight_decay(grad: np.ndarray, data: np.ndarray, weight_decay: float) -> np.ndarray:
    """g + wd·θ: the gradient with the L2 penalty's added (torch's `weight_decay`); g itself when wd is 0."""
    return grad + weight_decay * data if weight_decay else grad


def check_nonnegative(**values: float) -> None:
    """ValueError("Invalid lr: -1") style checks shared by the optimizers."""
    for name, value in values.items():
        if value < 0.0:
            raise ValueError(f"Invalid {name}: {value}")
