"""BatchNorm1d: per-feature normalization with learned scale/shift and running statistics."""

from __future__ import annotations

import numpy as np

from studyapp.engine import functional as F
from studyapp.engine.nn.module import Module, Parameter
from studyapp.engine.tensor import DEFAULT_DTYPE, Tensor, check_dtype


class BatchNorm1d(Module):
    """Input (N, C) or (N, C, L). Training: normalize with batch stats and update `running_mean` (from 0)
    and `running_var` (from 1) as r ← (1−momentum)·r + momentum·batch (unbiased variance);
    momentum=None uses the cumulative average 1/num_batches_tracked. Eval: normalize with running stats.
    Then y = weight·x̂ + bias (weight 1, bias 0 at start; absent when affine=False). Parameters and
    running stats have `dtype` (default float64)."""

    def __init__(
        self,
        num_features: int,
        eps: float = 1e-5,
        momentum: float | None = 0.1,
        affine: bool = True,
        dtype: np.dtype | None = None,
    ) -> None:
        super().__init__()
        self.num_features = num_features
        self.eps = eps
        self.momentum = momentum
        dtype = check_dtype(dtype or DEFAULT_DTYPE)
        self.weight = Parameter(np.ones(num_features, dtype)) if affine else None
        self.bias = Parameter(np.zeros(num_features, dtype)) if affine else None
        self.running_mean = Tensor(np.zeros(num_features, dtype))
        self.running_var = Tensor(np.ones(num_features, dtype))
        self.num_batches_tracked = 0

    def forward(self, input: Tensor) -> Tensor:
        factor = 0.0
        if self.training:
            self.num_batches_tracked += 1
            factor = 1.0 / self.num_batches_tracked if self.momentum is None else self.momentum
        return F.batch_norm(
            input,
            self.running_mean,
            self.running_var,
            self.weight,
            self.bias,
            training=self.training,
            momentum=factor,
            eps=self.eps,
        )

    def extra_repr(self) -> str:
        return (
            f"{self.num_features}, eps={self.eps}, momentum={self.momentum}, affine={self.weight is not None}"
        )
