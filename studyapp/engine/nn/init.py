"""`torch.nn.init`: fill a Tensor's data in place (and return it), with torch's gains and fan rules.

fan_in = size(1)·receptive, fan_out = size(0)·receptive, receptive = product of dims after the second.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from studyapp.engine import random
from studyapp.engine.tensor import DTYPES, Tensor

_LINEAR_LIKE = (
    "linear",
    "conv1d",
    "conv2d",
    "conv3d",
    "conv_transpose1d",
    "conv_transpose2d",
    "conv_transpose3d",
    "sigmoid",
)


def calculate_gain(nonlinearity: str, param: float | None = None) -> float:
    """Recommended gain: linear/conv/sigmoid 1, tanh 5/3, relu √2, leaky_relu √(2/(1+s²)) (s = param,
    default 0.01), selu 3/4."""
    if nonlinearity in _LINEAR_LIKE:
        return 1.0
    if nonlinearity == "tanh":
        return 5.0 / 3.0
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        if param is None:
            slope = 0.01
        elif isinstance(param, int | float) and not isinstance(param, bool):
            slope = float(param)
        else:
            raise ValueError(f"negative_slope {param} not a valid number")
        return math.sqrt(2.0 / (1.0 + slope**2))
    if nonlinearity == "selu":
        return 3.0 / 4.0
    raise ValueError(f"Unsupported nonlinearity {nonlinearity}")


def _fans(tensor: Tensor) -> tuple[int, int]:
    shape = tensor.data.shape
    if len(shape) < 2:
        raise ValueError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
    receptive = math.prod(shape[2:])
    return shape[1] * receptive, shape[0] * receptive


def _fan(tensor: Tensor, mode: str) -> int:
    if mode not in ("fan_in", "fan_out"):
        raise ValueError(f"Mode {mode} not supported, please use one of fan_in, fan_out")
    fan_in, fan_out = _fans(tensor)
    return fan_in if mode == "fan_in" else fan_out


def uniform_(
    tensor: Tensor, a: float = 0.0, b: float = 1.0, generator: np.random.Generator | None = None
) -> Tensor:
    """U(a, b): a + (b − a)·u with u ~ U(0, 1)."""
    return _fill(tensor, random.resolve(generator).random, b - a, a)


def normal_(
    tensor: Tensor, mean: float = 0.0, std: float = 1.0, generator: np.random.Generator | None = None
) -> Tensor:
    """N(mean, std²): mean + std·z with z ~ N(0, 1)."""
    return _fill(tensor, random.resolve(generator).standard_normal, std, mean)


def _fill(tensor: Tensor, draw: Callable[..., np.ndarray], scale: float, shift: float) -> Tensor:
    """tensor ← shift + scale·draw(), drawn straight into the tensor's memory when a Generator can fill it
    (a writable C-contiguous float32/float64 array), else into a float64 array that is then copied in."""
    data = tensor.data
    if data.dtype in DTYPES and data.flags.c_contiguous and data.flags.writeable:
        values = draw(out=data, dtype=data.dtype)
    else:
        values = draw(size=data.shape)
    values *= scale
    values += shift
    if values is not data:
        data[...] = values
    return tensor


def constant_(tensor: Tensor, val: float) -> Tensor:
    tensor.data[...] = val
    return tensor


def zeros_(tensor: Tensor) -> Tensor:
    return constant_(tensor, 0.0)


def ones_(tensor: Tensor) -> Tensor:
    return constant_(tensor, 1.0)


def xavier_uniform_(
    tensor: Tensor, gain: float = 1.0, generator: np.random.Generator | None = None
) -> Tensor:
    """U(−a, a), a = gain·√(6/(fan_in + fan_out)) (std gain·√(2/(fan_in + fan_out)))."""
    fan_in, fan_out = _fans(tensor)
    bound = gain * math.sqrt(6.0 / (fan_in + fan_out))
    return uniform_(tensor, -bound, bound, generator)


def xavier_normal_(tensor: Tensor, gain: float = 1.0, generator: np.random.Generator | None = None) -> Tensor:
    """N(0, std²), std = gain·√(2/(fan_in + fan_out))."""
    fan_in, fan_out = _fans(tensor)
    return normal_(tensor, 0.0, gain * math.sqrt(2.0 / (fan_in + fan_out)), generator)


def kaiming_uniform_(
    tensor: Tensor,
    a: float = 0.0,
    mode: str = "fan_in",
    nonlinearity: str = "leaky_relu",
    generator: np.random.Generator | None = None,
) -> Tensor:
    """U(−b, b), b = gain·√(3/fan), gain = calculate_gain(nonlinearity, a), fan from `mode`."""
    bound = calculate_gain(nonlinearity, a) * math.sqrt(3.0 / _fan(tensor, mode))
    return uniform_(tensor, -bound, bound, generator)


def kaiming_normal_(
    tensor: Tensor,
    a: float = 0.0,
    mode: str = "fan_in",
    nonlinearity: str = "leaky_relu",
    generator: np.random.Generator | None = None,
) -> Tensor:
    """N(0, std²), std = gain/√fan, gain = calculate_gain(nonlinearity, a) (relu: std √(2/fan))."""
    std = calculate_gain(nonlinearity, a) / math.sqrt(_fan(tensor, mode))
    return normal_(tensor, 0.0, std, generator)
