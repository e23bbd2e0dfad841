"""Central-difference gradient check: the engine's backward against (f(x+h) − f(x−h))/2h in float64."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from studyapp.engine import Tensor


def assert_gradients_match(
    fn: Callable[..., Tensor],
    *inputs: np.ndarray,
    seed: int = 0,
    step: float = 1e-6,
    rtol: float = 1e-5,
    atol: float = 1e-7,
) -> None:
    """For L = Σ w ⊙ fn(*inputs) with fixed random w, every input's `.grad` equals the numerical ∂L/∂x."""
    arrays = [np.array(x, dtype=np.float64) for x in inputs]
    tensors = [Tensor(x, requires_grad=True) for x in arrays]
    out = fn(*tensors)
    weights = np.random.default_rng(seed).uniform(0.5, 1.5, out.shape)
    out.backward(weights)

    def scalar_loss() -> float:
        return float(np.sum(weights * fn(*[Tensor(x) for x in arrays]).data))

    for i, (x, t) in enumerate(zip(arrays, tensors, strict=True)):
        numeric = np.zeros_like(x)
        for j in np.ndindex(x.shape):
            original = x[j]
            x[j] = original + step
            plus = scalar_loss()
            x[j] = original - step
            minus = scalar_loss()
            x[j] = original
            numeric[j] = (plus - minus) / (2 * step)
        assert t.grad is not None, f"input {i} got no gradient"
        np.testing.assert_allclose(t.grad, numeric, rtol=rtol, atol=atol, err_msg=f"input {i}")
