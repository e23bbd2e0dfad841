"""Linear layer: y = x Wᵀ + b."""

from __future__ import annotations

import math

import numpy as np

from studyapp.engine import functional as F
from studyapp.engine.nn import init
from studyapp.engine.nn.module import Module, Parameter
from studyapp.engine.tensor import Tensor, empty


class Linear(Module):
    """x (*, in_features) → (*, out_features). `weight` (out, in) and `bias` (out,) both start
    U(−1/√in_features, 1/√in_features), as torch's (kaiming_uniform_ with a = √5); both of `dtype`
    (default float64)."""

    def __init__(
        self,
        in_features: int,
        out_features: int,
        bias: bool = True,
        generator: np.random.Generator | None = None,
        dtype: np.dtype | None = None,
    ) -> None:
        super().__init__()
        self.in_features = in_features
        self.out_features = out_features
        self.weight = Parameter(empty(out_features, in_features, dtype=dtype))
        self.bias = Parameter(empty(out_features, dtype=dtype)) if bias else None
        self.reset_parameters(generator)

    def reset_parameters(self, generator: np.random.Generator | None = None) -> None:
        init.kaiming_uniform_(self.weight, a=math.sqrt(5), generator=generator)
        if self.bias is not None:
            bound = 1.0 / math.sqrt(self.in_features) if self.in_features > 0 else 0.0
            init.uniform_(self.bias, -bound, bound, generator=generator)

    def forward(self, input: Tensor) -> Tensor:
        return F.linear(input, self.weight, self.bias)

    def extra_repr(self) -> str:
        return (
            f"in_features={self.in_features}, out_features={self.out_features}, bias={self.bias is not None}"
        )
