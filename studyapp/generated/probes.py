"""Small engine probes the computations share: a derivative by autograd, a parameter holding a chosen
gradient, and a parameter's path under an optimizer fed chosen gradients."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from studyapp.engine import Tensor


def derivative(function: Callable[[Tensor], Tensor], x: float) -> tuple[float, float]:
    """(f(x), f'(x)) with f'(x) from the engine's backward pass."""
    point = Tensor(np.array([x]), requires_grad=True)
    out = function(point)
    out.sum().backward()
    return float(out.data[0]), float(point.grad[0])


def with_gradient(grad: Sequence[float]) -> Tensor:
    """A zero parameter whose `.grad` is `grad`."""
    parameter = Tensor(np.zeros(len(grad)), requires_grad=True)
    parameter.grad = np.asarray(grad, dtype=float)
    return parameter


def trajectory(
    make_optimizer: Callable[[list[Tensor]], object], theta: float, grads: Sequence[float]
) -> list[float]:
    """θ after each optimizer step from θ₀ = `theta`, the k-th step seeing gradient `grads[k]`."""
    parameter = Tensor(np.array([theta]), requires_grad=True)
    optimizer = make_optimizer([parameter])
    path = []
    for grad in grads:
        parameter.grad = np.array([grad])
        optimizer.step()
        path.append(float(parameter.data[0]))
    return path
