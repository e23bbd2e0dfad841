"""Inverted dropout: training keeps each unit with probability 1 − p and scales it by 1/(1 − p); eval: y = x.

The layer view drops units of one 20-unit layer (the mask, the kept count, the scale) and averages the
training output over 2000 fresh masks to show E[y] = x. The training view fits the same small MLP
(Linear → ReLU → dropout → Linear) to a small noisy regression twice from identical weights, without
dropout and with dropout p, and records the training loss and the validation loss (eval mode) per step.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from studyapp.engine import Tensor, nn, no_grad, optim
from studyapp.engine import functional as F
from studyapp.labs.base import Lab, LabResult, Param, Plot, Series

UNITS = 20
RESAMPLES = 2000
FEATURES, HIDDEN, N_TRAIN, N_VAL = 8, 32, 16, 100
NOISE = 0.5
STEPS = 25
LR = 0.03


def layer_view(p: float, training: bool, rng: np.random.Generator) -> dict[str, Any]:
    """One dropout layer on positive activations x: its mask, output and the mean output over many masks."""
    x = 0.5 + rng.random(UNITS)
    y = F.dropout(Tensor(x), p=p, training=training, generator=rng).data
    many = F.dropout(Tensor(np.tile(x, (RESAMPLES, 1))), p=p, training=True, generator=rng).data
    mask = y != 0.0
    return {
        "input": x.tolist(),
        "output": y.tolist(),
        "mask": mask.astype(int).tolist(),
        "kept": int(mask.sum()),
        "scale": 1.0 / (1.0 - p) if training else 1.0,
        "mean_activation_train": float(many.mean()),
        "mean_activation_eval": float(x.mean()),
    }


class Net:
    """Linear(FEATURES, HIDDEN) → ReLU → dropout(p) → Linear(HIDDEN, 1), weights from a seeded generator."""

    def __init__(self, seed: int, p: float, generator: np.random.Generator) -> None:
        init = np.random.default_rng(seed)
        self.hidden = nn.Linear(FEATURES, HIDDEN, generator=init)
        self.out = nn.Linear(HIDDEN, 1, generator=init)
        self.p, self.generator = p, generator

    def parameters(self) -> list[Tensor]:
        return [*self.hidden.parameters(), *self.out.parameters()]

    def __call__(self, x: Tensor, training: bool) -> Tensor:
        h = F.dropout(F.relu(self.hidden(x)), p=self.p, training=training, generator=self.generator)
        return self.out(h)


def regression(rng: np.random.Generator) -> tuple[Tensor, Tensor, Tensor, Tensor]:
    """y = tanh(x·w) + N(0, NOISE²) noise: N_TRAIN training and N_VAL validation rows."""
    w = rng.standard_normal(FEATURES) / np.sqrt(FEATURES)
    x = rng.standard_normal((N_TRAIN + N_VAL, FEATURES))
    y = (np.tanh(x @ w) + NOISE * rng.standard_normal(N_TRAIN + N_VAL))[:, None]
    return Tensor(x[:N_TRAIN]), Tensor(y[:N_TRAIN]), Tensor(x[N_TRAIN:]), Tensor(y[N_TRAIN:])


def train(net: Net, data: tuple[Tensor, Tensor, Tensor, Tensor]) -> tuple[list[float], list[float]]:
    """Full-batch Adam for STEPS steps: (training loss per step, validation loss per step in eval mode)."""
    x, y, x_val, y_val = data
    optimizer = optim.Adam(net.parameters(), lr=LR)
    train_loss, val_loss = [], []
    for _ in range(STEPS):
        optimizer.zero_grad()
        loss = F.mse_loss(net(x, training=True), y)
        loss.backward()
        optimizer.step()
        train_loss.append(loss.item())
        with no_grad():
            val_loss.append(F.mse_loss(net(x_val, training=False), y_val).item())
    return train_loss, val_loss


def compute(settings: dict[str, Any]) -> LabResult:
    p, training, seed = settings["p"], settings["training"], settings["seed"]
    data_rng, mask_rng, layer_rng = np.random.default_rng(seed).spawn(3)
    layer = layer_view(p, training, layer_rng)
    data = regression(data_rng)
    plain_train, plain_val = train(Net(seed, 0.0, mask_rng), data)
    drop_train, drop_val = train(Net(seed, p, mask_rng), data)

    units = list(range(1, UNITS + 1))
    steps = list(range(1, STEPS + 1))
    mode = "training" if training else "eval"
    plots = [
        Plot(
            f"one layer, {mode} mode: {layer['kept']}/{UNITS} units kept",
            [
                Series("y (output)", units, layer["output"], "bar"),
                Series("x (input)", units, layer["input"], "scatter"),
            ],
            "unit",
            "activation",
        ),
        Plot(
            f"training vs validation loss, p = {p:g} vs no dropout",
            [
                Series("train, no dropout", steps, plain_train),
                Series("val, no dropout", steps, plain_val),
                Series(f"train, p = {p:g}", steps, drop_train),
                Series(f"val, p = {p:g}", steps, drop_val),
            ],
            "step",
            "MSE",
        ),
    ]
    if training:
        layer_note = (
            f"Training: {layer['kept']} of {UNITS} units kept (expected {UNITS * (1 - p):g}); kept units are "
            f"scaled by 1/(1 − p) = {layer['scale']:.3g}, so the mean stays put: "
            f"{layer['mean_activation_train']:.3f} averaged over {RESAMPLES} masks, "
            f"{layer['mean_activation_eval']:.3f} in eval mode."
        )
    else:
        layer_note = (
            "Eval: dropout is off and y = x; nothing is rescaled, because training already scaled the kept "
            "units by 1/(1 − p)."
        )
    notes = [
        layer_note,
        f"After {STEPS} steps: validation MSE {plain_val[-1]:.3f} without dropout, {drop_val[-1]:.3f} with "
        f"p = {p:g} (training MSE {plain_train[-1]:.3f} vs {drop_train[-1]:.3f}).",
        "Dropout makes training noisier and the training loss higher; it pays off when the validation loss "
        "without it stalls or climbs (overfitting).",
    ]
    result = {
        **layer,
        "p": p,
        "training": training,
        "train_loss": plain_train,
        "val_loss": plain_val,
        "train_loss_dropout": drop_train,
        "val_loss_dropout": drop_val,
    }
    return LabResult(data=result, plots=plots, notes=notes)


LAB = Lab(
    name="dropout",
    title="Dropout",
    summary="Drop units with probability p: the mask, the 1/(1−p) scaling, the effect on validation loss.",
    params=(
        Param("p", "float", 0.5, "probability of dropping each unit", low=0.0, high=0.95, step=0.05),
        Param("training", "bool", True, "training mode (drop and rescale) or eval mode (y = x)"),
        Param(
            "seed",
            "int",
            0,
            "random seed for the masks, the data and the weights",
            low=0,
            high=1_000_000,
            step=1,
        ),
    ),
    compute=compute,
)
