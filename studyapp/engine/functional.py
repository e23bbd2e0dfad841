"""`torch.nn.functional` for the engine: activations, softmax, dropout, linear, batch norm and losses.

Each function is one graph node whose backward is written out (formulas in the docstrings). Losses take
`reduction='mean'|'sum'|'none'` (keyword-only); targets are constants.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from studyapp.engine import random
from studyapp.engine.tensor import Tensor, accumulate, as_tensor, elementwise, float_array, node

_erf = np.frompyfunc(math.erf, 1, 1)
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
_GELU_TANH_CUBIC = 0.044715
_BCE_LOG_FLOOR = -100.0
_BCE_GRAD_EPS = 1e-12


# ---- activations --------------------------------------------------------------------------------
def sigmoid(input: Tensor) -> Tensor:
    """σ(x) = 1/(1+e⁻ˣ) (0 and 1 in the limits, without overflow warnings); σ' = σ(1−σ)."""
    x = as_tensor(input)
    s = _sigmoid(x.data)
    out = node(s, (x,))
    if out.requires_grad:

        def _backward(g: np.ndarray) -> None:
            d = 1.0 - s
            d *= s
            d *= g
            accumulate(x, d, fresh=True)

        out._backward = _backward
    return out


def _sigmoid(v: np.ndarray) -> np.ndarray:
    """1/(1 + e⁻ᵛ), computed as torch does; below v = −709 (−88 in float32) e⁻ᵛ overflows to inf, giving
    the exact limit 0."""
    e = np.negative(v, out=np.empty_like(v))
    with np.errstate(over="ignore"):
        np.exp(e, out=e)
    e += 1.0
    return np.divide(1.0, e, out=e)


def tanh(input: Tensor) -> Tensor:
    """tanh x; tanh' = 1 − tanh²."""
    x = as_tensor(input)
    t = np.tanh(x.data)
    out = node(t, (x,))
    if out.requires_grad:

        def _backward(g: np.ndarray) -> None:
            d = t * t
            np.subtract(1.0, d, out=d)
            d *= g
            accumulate(x, d, fresh=True)

        out._backward = _backward
    return out


def relu(input: Tensor) -> Tensor:
    """max(x, 0); ReLU' = 1 if x > 0 else 0 (so ReLU'(0) = 0)."""
    x = as_tensor(input)
    return elementwise(x, np.maximum(x.data, 0.0), lambda: x.data > 0)


def leaky_relu(input: Tensor, negative_slope: float = 0.01) -> Tensor:
    """x if x > 0 else s·x; derivative 1 if x > 0 else s (so s at 0)."""
    x = as_tensor(input)
    positive = x.data > 0
    value = np.where(positive, x.data, negative_slope * x.data)
    one, slope = x.data.dtype.type(1.0), x.data.dtype.type(negative_slope)
    return elementwise(x, value, lambda: np.where(positive, one, slope))


def elu(input: Tensor, alpha: float = 1.0) -> Tensor:
    """x if x > 0 else α(eˣ − 1); derivative 1 if x > 0 else αeˣ."""
    x = as_tensor(input)
    positive = x.data > 0
    negative_part = np.minimum(x.data, 0.0)
    value = np.where(positive, x.data, alpha * np.expm1(negative_part))
    return elementwise(x, value, lambda: np.where(positive, 1.0, alpha * np.exp(negative_part)))


def gelu(input: Tensor, approximate: str = "none") -> Tensor:
    """x·Φ(x) with Φ the standard normal CDF; derivative Φ(x) + x·φ(x).

    `approximate='tanh'`: 0.5x(1 + tanh u), u = √(2/π)(x + 0.044715x³);
    derivative 0.5(1 + tanh u) + 0.5x(1 − tanh²u)·√(2/π)(1 + 3·0.044715x²)."""
    x = as_tensor(input)
    v = x.data
    if approximate == "none":
        cdf = 0.5 * (1.0 + np.asarray(_erf(v / math.sqrt(2.0)), dtype=v.dtype))
        return elementwise(x, v * cdf, lambda: cdf + v * np.exp(-0.5 * v * v) / math.sqrt(2.0 * math.pi))
    if approximate == "tanh":
        t = np.tanh(_SQRT_2_OVER_PI * (v + _GELU_TANH_CUBIC * v**3))
        du = _SQRT_2_OVER_PI * (1.0 + 3.0 * _GELU_TANH_CUBIC * v * v)
        return elementwise(x, 0.5 * v * (1.0 + t), lambda: 0.5 * (1.0 + t) + 0.5 * v * (1.0 - t * t) * du)
    raise ValueError(f"approximate must be 'none' or 'tanh', got {approximate!r}")


def softmax(input: Tensor, dim: int) -> Tensor:
    """sᵢ = e^{xᵢ}/Σⱼe^{xⱼ} along `dim` (max subtracted first); ∂L/∂x = s ⊙ (g − Σ g⊙s)."""
    x = as_tensor(input)
    e = np.exp(x.data - x.data.max(axis=dim, keepdims=True))
    s = e / e.sum(axis=dim, keepdims=True)
    out = node(s, (x,))
    if out.requires_grad:

        def _backward(g: np.ndarray) -> None:
            accumulate(x, s * (g - (g * s).sum(axis=dim, keepdims=True)), fresh=True)

        out._backward = _backward
    return out


def log_softmax(input: Tensor, dim: int) -> Tensor:
    """xᵢ − log Σⱼe^{xⱼ} along `dim` (computed as z − log Σeᶻ, z = x − max x); ∂L/∂x = g − softmax·Σg."""
    x = as_tensor(input)
    z = x.data - x.data.max(axis=dim, keepdims=True)
    y = z - np.log(np.exp(z).sum(axis=dim, keepdims=True))
    out = node(y, (x,))
    if out.requires_grad:

        def _backward(g: np.ndarray) -> None:
            accumulate(x, g - np.exp(y) * g.sum(axis=dim, keepdims=True), fresh=True)

        out._backward = _backward
    return out


# ---- layers ---------------------------------------------------------------------------------------
def dropout(
    input: Tensor, p: float = 0.5, training: bool = True, generator: np.random.Generator | None = None
) -> Tensor:
    """Inverted dropout. Training: y = x·m/(1−p), m ~ Bernoulli(1−p) per element (p = drop probability;
    p = 1 gives zeros); ∂y/∂x = m/(1−p). Not training (or p = 0): y = x, the input itself."""
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    x = as_tensor(input)
    if not training or p == 0.0:
        return x
    mask = (random.resolve(generator).random(x.data.shape) >= p).astype(x.data.dtype)
    mask *= 1.0 / (1.0 - p) if p < 1.0 else 0.0
    return elementwise(x, x.data * mask, lambda: mask)


def linear(input: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """y = x Wᵀ + b; x (*, in), W (out, in), b (out,) → y (*, out).
    ∂L/∂x = G W, ∂L/∂W = Gᵀx, ∂L/∂b = Σ G over the leading axes (each computed only if needed).
    2-D products go through `np.dot`, the same BLAS call as `@` with less overhead per call."""
    x, w = as_tensor(input), weight
    value = np.dot(x.data, w.data.T) if x.data.ndim == 2 else x.data @ w.data.T
    if bias is not None:
        value += bias.data
    out = node(value, (x, w) if bias is None else (x, w, bias))
    if out.requires_grad:

        def _backward(g: np.ndarray) -> None:
            if x.requires_grad:
                accumulate(x, np.dot(g, w.data) if g.ndim == 2 else g @ w.data, fresh=True)
            g2 = g if g.ndim == 2 else g.reshape(-1, w.data.shape[0])
            if w.requires_grad:
                x2 = x.data if x.data.ndim == 2 else x.data.reshape(-1, w.data.shape[1])
                accumulate(w, np.dot(g2.T, x2), fresh=True)
            if bias is not None and bias.requires_grad:
                accumulate(bias, np.add.reduce(g2, axis=0), fresh=True)

        out._backward = _backward
    return out


def batch_norm(
    input: Tensor,
    running_mean: Tensor | None,
    running_var: Tensor | None,
    weight: Tensor | None = None,
    bias: Tensor | None = None,
    training: bool = False,
    momentum: float = 0.1,
    eps: float = 1e-5,
) -> Tensor:
    """y = γ·x̂ + β, x̂ = (x − μ)/√(σ² + eps) per channel; input (N, C) or (N, C, L).

    Training: μ, σ² are the batch mean and *biased* variance, and the running stats (updated in place)
    move as r ← (1−momentum)·r + momentum·batch, using the *unbiased* variance n/(n−1)·σ². Otherwise
    μ, σ² are the running stats. Training backward: ∂L/∂x = (1/n)(1/√(σ²+eps))(n·ĝ − Σĝ − x̂·Σĝx̂),
    ĝ = γ·g; ∂L/∂γ = Σ g·x̂, ∂L/∂β = Σ g."""
    x = as_tensor(input)
    if x.data.ndim not in (2, 3):
        raise ValueError(f"expected 2D or 3D input (got {x.data.ndim}D input)")
    axes = (0,) if x.data.ndim == 2 else (0, 2)
    channel = (1, -1) if x.data.ndim == 2 else (1, -1, 1)
    n = x.data.size // x.data.shape[1]
    if training:
        if n <= 1:
            raise ValueError(
                f"Expected more than 1 value per channel when training, got input size {x.shape}"
            )
        mean, var = x.data.mean(axis=axes), x.data.var(axis=axes)
        if running_mean is not None:
            running_mean.data *= 1.0 - momentum
            running_mean.data += momentum * mean
        if running_var is not None:
            running_var.data *= 1.0 - momentum
            running_var.data += momentum * var * n / (n - 1)
    else:
        if running_mean is None or running_var is None:
            raise ValueError("batch_norm outside training needs running_mean and running_var")
        mean, var = running_mean.data, running_var.data
    inv_std = (1.0 / np.sqrt(var + eps)).reshape(channel)
    x_hat = (x.data - mean.reshape(channel)) * inv_std
    gamma = 1.0 if weight is None else weight.data.reshape(channel)
    value = x_hat * gamma if bias is None else x_hat * gamma + bias.data.reshape(channel)
    out = node(value, tuple(t for t in (x, weight, bias) if t is not None))
    if out.requires_grad:

        def _backward(g: np.ndarray) -> None:
            if weight is not None and weight.requires_grad:
                accumulate(weight, (g * x_hat).sum(axis=axes), fresh=True)
            if bias is not None and bias.requires_grad:
                accumulate(bias, g.sum(axis=axes), fresh=True)
            if x.requires_grad:
                g_hat = g * gamma
                if training:
                    total = g_hat.sum(axis=axes, keepdims=True)
                    along = (g_hat * x_hat).sum(axis=axes, keepdims=True)
                    accumulate(x, inv_std / n * (n * g_hat - total - x_hat * along), fresh=True)
                else:
                    accumulate(x, g_hat * inv_std, fresh=True)

        out._backward = _backward
    return out


# ---- losses ---------------------------------------------------------------------------------------
def _reduce(loss: Tensor, reduction: str) -> Tensor:
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    if reduction == "none":
        return loss
    raise ValueError(f"{reduction} is not a valid value for reduction")


def mse_loss(input: Tensor, target: Any, *, reduction: str = "mean") -> Tensor:
    """(x − y)²; ∂/∂x = 2(x − y) = −∂/∂y (÷N for 'mean'). One graph node, as torch's."""
    x = as_tensor(input)
    y = as_tensor(target, x)
    d = x.data - y.data
    if reduction == "none":
        value, count = d * d, None
    elif reduction in ("mean", "sum"):
        value, count = np.add.reduce(d * d, axis=None), d.size if reduction == "mean" else None
        if count is not None:
            value = value / count
    else:
        raise ValueError(f"{reduction} is not a valid value for reduction")
    out = node(value, (x, y))
    if out.requires_grad:

        def _backward(g: np.ndarray) -> None:
            gx = (g if count is None else g / count) * (2.0 * d)
            if y.requires_grad:
                accumulate(y, -gx, fresh=True)
            accumulate(x, gx, fresh=True)

        out._backward = _backward
    return out


def l1_loss(input: Tensor, target: Any, *, reduction: str = "mean") -> Tensor:
    """|x − y|; ∂/∂x = sign(x − y) (0 at 0)."""
    d = as_tensor(input) - target
    return _reduce(elementwise(d, np.abs(d.data), lambda: np.sign(d.data)), reduction)


def huber_loss(input: Tensor, target: Any, *, reduction: str = "mean", delta: float = 1.0) -> Tensor:
    """r = |x − y|: 0.5r² if r < δ else δ(r − 0.5δ); ∂/∂x = (x − y) clamped to [−δ, δ]."""
    d = as_tensor(input) - target
    r = np.abs(d.data)
    value = np.where(r < delta, 0.5 * r * r, delta * (r - 0.5 * delta))
    return _reduce(elementwise(d, value, lambda: np.clip(d.data, -delta, delta)), reduction)


def smooth_l1_loss(input: Tensor, target: Any, *, reduction: str = "mean", beta: float = 1.0) -> Tensor:
    """r = |x − y|: 0.5r²/β if r < β else r − 0.5β (β = 0: l1_loss); ∂/∂x = (x − y)/β clamped to [−1, 1]."""
    if beta == 0.0:
        return l1_loss(input, target, reduction=reduction)
    d = as_tensor(input) - target
    r = np.abs(d.data)
    value = np.where(r < beta, 0.5 * r * r / beta, r - 0.5 * beta)
    return _reduce(elementwise(d, value, lambda: np.clip(d.data / beta, -1.0, 1.0)), reduction)


def binary_cross_entropy(input: Tensor, target: Any, *, reduction: str = "mean") -> Tensor:
    """−[y·log p + (1−y)·log(1−p)] on probabilities p, each log clamped at −100;
    ∂/∂p = (p − y)/max(p(1−p), 1e-12)."""
    x = as_tensor(input)
    p, y = x.data, _constant(target, x)
    if np.any((p < 0) | (p > 1)):
        raise ValueError("all elements of input should be between 0 and 1")
    with np.errstate(divide="ignore"):
        log_p = np.maximum(np.log(p), _BCE_LOG_FLOOR)
        log_q = np.maximum(np.log1p(-p), _BCE_LOG_FLOOR)
    value = -(y * log_p + (1.0 - y) * log_q)
    return _reduce(
        elementwise(x, value, lambda: (p - y) / np.maximum(p * (1.0 - p), _BCE_GRAD_EPS)), reduction
    )


def binary_cross_entropy_with_logits(input: Tensor, target: Any, *, reduction: str = "mean") -> Tensor:
    """BCE of σ(x) computed stably as max(x, 0) − x·y + log(1 + e^{−|x|}); ∂/∂x = σ(x) − y."""
    x = as_tensor(input)
    v, y = x.data, _constant(target, x)
    value = np.maximum(v, 0.0) - v * y + np.log1p(np.exp(-np.abs(v)))
    return _reduce(elementwise(x, value, lambda: _sigmoid(v) - y), reduction)


def cross_entropy(
    input: Tensor, target: Any, *, reduction: str = "mean", label_smoothing: float = 0.0
) -> Tensor:
    """Logits (N, C) or (C,) and class indices (N,) or (): −Σ_c q_c·log_softmax(x)_c with
    q = (1−ε)·onehot(target) + ε/C; ∂/∂x = softmax(x) − q (÷N for 'mean')."""
    if not 0.0 <= label_smoothing <= 1.0:
        raise ValueError(f"label_smoothing must be between 0.0 and 1.0, got {label_smoothing}")
    x = as_tensor(input)
    class_dim = 0 if x.data.ndim == 1 else 1
    classes = x.data.shape[class_dim]
    index = np.expand_dims(_class_indices(target, x.data.shape, class_dim), class_dim)
    z = x.data - x.data.max(axis=class_dim, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=class_dim, keepdims=True))
    q = np.full_like(log_p, label_smoothing / classes)
    np.put_along_axis(q, index, 1.0 - label_smoothing + label_smoothing / classes, axis=class_dim)
    out = node(-(q * log_p).sum(axis=class_dim), (x,))
    if out.requires_grad:

        def _backward(g: np.ndarray) -> None:
            accumulate(x, (np.exp(log_p) - q) * np.expand_dims(g, class_dim), fresh=True)

        out._backward = _backward
    return _reduce(out, reduction)


def nll_loss(input: Tensor, target: Any, *, reduction: str = "mean") -> Tensor:
    """Log-probabilities (N, C) or (C,) and class indices: −input[target]; ∂/∂input = −1 at the target."""
    x = as_tensor(input)
    class_dim = 0 if x.data.ndim == 1 else 1
    index = np.expand_dims(_class_indices(target, x.data.shape, class_dim), class_dim)
    out = node(-np.take_along_axis(x.data, index, axis=class_dim).squeeze(class_dim), (x,))
    if out.requires_grad:

        def _backward(g: np.ndarray) -> None:
            full = np.zeros_like(x.data)
            np.put_along_axis(full, index, -np.expand_dims(g, class_dim), axis=class_dim)
            accumulate(x, full, fresh=True)

        out._backward = _backward
    return _reduce(out, reduction)


def _constant(value: Any, like: Tensor | None = None) -> np.ndarray:
    return value.data if isinstance(value, Tensor) else float_array(value, like)


def _class_indices(target: Any, input_shape: tuple[int, ...], class_dim: int) -> np.ndarray:
    """Integer class indices shaped like the input without its class axis; out-of-range is an error."""
    raw = np.asarray(_constant(target))
    index = raw.astype(np.int64)
    if not np.array_equal(index, raw):
        raise ValueError("target must hold integer class indices")
    expected = input_shape[:class_dim] + input_shape[class_dim + 1 :]
    if index.shape != expected:
        raise ValueError(f"expected target of shape {expected}, got {index.shape}")
    classes = input_shape[class_dim]
    bad = index[(index < 0) | (index >= classes)]
    if bad.size:
        raise IndexError(f"Target {bad.flat[0]} is out of bounds.")
    return index
