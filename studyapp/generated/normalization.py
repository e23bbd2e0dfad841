"""Computations on batch normalization's running statistics: r ← 0.9r + 0.1·batch (momentum 0.1)."""

from __future__ import annotations

import numpy as np

from studyapp.engine import Tensor, nn
from studyapp.generated.computation import Computation, Worked, number
from studyapp.generated.formatting import result, shown


def batchnorm_running_mean(running: float, batch_mean: float) -> Worked:
    layer = nn.BatchNorm1d(1)
    layer.running_mean.data[:] = running
    layer.train()
    layer(Tensor(np.array([[batch_mean - 1.0], [batch_mean + 1.0]])))
    updated = float(layer.running_mean.data[0])
    return updated, (
        f"r ← (1 − momentum)·r + momentum·batch_mean = 0.9 × {shown(running)} + 0.1 × {shown(batch_mean)} "
        f"= {result(updated)}"
    )


COMPUTATIONS = (
    Computation(
        "batchnorm_running_mean",
        "BatchNorm running mean after one training batch: 0.9·running + 0.1·batch_mean",
        (
            number("running", -1000.0, 1000.0, "running mean before the batch"),
            number("batch_mean", -1000.0, 1000.0, "mean of the batch"),
        ),
        "vanishing-gradients",
        batchnorm_running_mean,
        lambda p: {"batchnorm": True},
    ),
)
