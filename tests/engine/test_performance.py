"""The lab budget: a 3-layer MLP (width 128, batch 64) forward + backward + Adam step well under 10 ms.

Timed in a subprocess with single-threaded BLAS: for matrices this small, OpenBLAS threads only add
contention (on a busy 2-core machine they made the median step 30 ms instead of 1 ms)."""

import os
import subprocess
import sys

import numpy as np

from studyapp.engine import Tensor, nn

BENCH = """
import time
import numpy as np
from studyapp.engine import Tensor, nn, optim
from studyapp.engine import functional as F

rng = np.random.default_rng(0)
model = nn.Sequential(
    nn.Linear(128, 128, generator=rng), nn.ReLU(),
    nn.Linear(128, 128, generator=rng), nn.ReLU(),
    nn.Linear(128, 10, generator=rng),
)
opt = optim.Adam(model.parameters(), lr=1e-3)
x, y = Tensor(rng.normal(size=(64, 128))), rng.integers(0, 10, 64)
timings = []
for _ in range(80):
    start = time.perf_counter()
    opt.zero_grad()
    F.cross_entropy(model(x), y).backward()
    opt.step()
    timings.append(time.perf_counter() - start)
print(float(np.median(timings[10:])))
"""


def test_mlp_training_step_is_fast():
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    out = subprocess.run([sys.executable, "-c", BENCH], env=env, capture_output=True, text=True, check=True)
    assert float(out.stdout) < 0.010


def test_deep_network_backward_reaches_the_first_layer():
    rng = np.random.default_rng(1)
    layers = []
    for _ in range(60):
        layers += [nn.Linear(16, 16, generator=rng), nn.Tanh()]
    model = nn.Sequential(*layers)
    model(Tensor(rng.normal(size=(8, 16)))).sum().backward()
    assert model[0].weight.grad is not None and np.all(np.isfinite(model[0].weight.grad))
