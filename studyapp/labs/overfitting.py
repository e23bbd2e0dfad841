"""Overfitting: a small MLP fits y = sin(x) + noise from a few points; train and validation loss per epoch,
and where early stopping with `patience` would stop.

Model 1 → W → W → 1 (Tanh, then Dropout if dropout > 0, after each hidden layer), full-batch Adam(lr,
weight_decay = l2: the L2 penalty's gradient l2·θ is added to the loss gradient). Augmentation adds
N(0, augment²) jitter to the training inputs each epoch. Both losses are MSE measured in eval mode on clean
inputs. Early stopping: the run stops at the first epoch with no new best validation loss for `patience`
epochs in a row, and restores the weights of the best epoch seen by then (the "early-stopped" fit)."""

from __future__ import annotations

from typing import Any

import numpy as np

from studyapp.engine import Tensor, nn, no_grad, optim
from studyapp.engine import functional as F
from studyapp.labs.base import Lab, LabResult, Param, Plot, Series

WIDTH = 24
LR = 0.05
X_RANGE = 3.0
N_VAL = 60
N_CURVE = 80


def make_data(n_train: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    """Training and validation sets: x ~ U(−3, 3), y = sin(x) + N(0, noise²); shapes (n, 1)."""
    x_train = rng.uniform(-X_RANGE, X_RANGE, (n_train, 1))
    x_val = rng.uniform(-X_RANGE, X_RANGE, (N_VAL, 1))
    y_train = np.sin(x_train) + noise * rng.standard_normal(x_train.shape)
    y_val = np.sin(x_val) + noise * rng.standard_normal(x_val.shape)
    return x_train, y_train, x_val, y_val


def make_model(dropout: float, rng: np.random.Generator) -> nn.Sequential:
    """1 → WIDTH → WIDTH → 1 with Tanh, and Dropout(dropout) after each hidden layer when dropout > 0."""
    layers: list[nn.Module] = []
    for fan_in in (1, WIDTH):
        layers += [nn.Linear(fan_in, WIDTH, generator=rng), nn.Tanh()]
        if dropout:
            layers.append(nn.Dropout(dropout, generator=rng))
    return nn.Sequential(*layers, nn.Linear(WIDTH, 1, generator=rng))


def early_stopping(val_loss: list[float], patience: int) -> tuple[int, int]:
    """(stopped_epoch, restored_epoch), 1-based: the first epoch that ends `patience` epochs in a row
    without a new best validation loss (the last epoch if none), and the best epoch up to it."""
    best, best_epoch, waited = float("inf"), 0, 0
    for epoch, loss in enumerate(val_loss, start=1):
        if loss < best:
            best, best_epoch, waited = loss, epoch, 0
        else:
            waited += 1
            if waited >= patience:
                return epoch, best_epoch
    return len(val_loss), best_epoch


def train(settings: dict[str, Any]) -> dict[str, Any]:
    """Runs every epoch. Returns the loss curves, the data, the model's predictions on a grid after the last
    epoch, and a copy of the weights after each epoch that set a new best validation loss (the weights
    early stopping may restore)."""
    rng = np.random.default_rng(settings["seed"])
    x_train, y_train, x_val, y_val = make_data(settings["n_train"], settings["noise"], rng)
    model = make_model(settings["dropout"], rng)
    params = list(model.parameters())
    opt = optim.Adam(params, lr=LR, weight_decay=settings["l2"])
    n = len(x_train)
    x_in, target = Tensor(x_train), Tensor(y_train)
    x_eval, y_eval = Tensor(np.concatenate([x_train, x_val])), np.concatenate([y_train, y_val])
    train_loss: list[float] = []
    val_loss: list[float] = []
    weights_at_best: dict[int, list[np.ndarray]] = {}
    best = np.inf
    for epoch in range(1, settings["epochs"] + 1):
        model.train()
        if settings["augment"]:
            x_in = Tensor(x_train + settings["augment"] * rng.standard_normal(x_train.shape))
        opt.zero_grad()
        F.mse_loss(model(x_in), target).backward()
        opt.step()
        model.eval()
        with no_grad():
            squared_error = (model(x_eval).data - y_eval) ** 2
        train_loss.append(float(squared_error[:n].sum()) / n)
        val_loss.append(float(squared_error[n:].sum()) / N_VAL)
        if val_loss[-1] < best:
            best = val_loss[-1]
            weights_at_best[epoch] = [p.data.copy() for p in params]
    grid = np.linspace(-X_RANGE, X_RANGE, N_CURVE)
    return {
        "train_loss": train_loss,
        "val_loss": val_loss,
        "x_train": x_train[:, 0],
        "y_train": y_train[:, 0],
        "grid": grid,
        "final_fit": predict(model, grid),
        "model": model,
        "weights_at_best": weights_at_best,
    }


def predict(model: nn.Module, x: np.ndarray) -> np.ndarray:
    """The model's eval-mode outputs at the points x."""
    model.eval()
    with no_grad():
        return model(Tensor(x[:, None])).data[:, 0]


def restore(model: nn.Module, weights: list[np.ndarray]) -> None:
    """Copy saved weights back into the model's parameters (what early stopping does at the end)."""
    for p, w in zip(model.parameters(), weights, strict=True):
        p.data[...] = w


def compute(settings: dict[str, Any]) -> LabResult:
    run = train(settings)
    train_loss, val_loss = run["train_loss"], run["val_loss"]
    best_epoch = int(np.argmin(val_loss)) + 1
    stopped_epoch, restored_epoch = early_stopping(val_loss, settings["patience"])
    restore(run["model"], run["weights_at_best"][restored_epoch])
    epochs = list(range(1, len(val_loss) + 1))
    grid = run["grid"].tolist()
    loss_plot = Plot(
        "Train and validation loss (MSE)",
        [Series("train", epochs, train_loss), Series("validation", epochs, val_loss)],
        xlabel="epoch",
        ylabel="MSE",
        ylog=True,
        marks=[(best_epoch, "best"), (stopped_epoch, "stop")],
    )
    fit_plot = Plot(
        "Fit",
        [
            Series("train points", run["x_train"].tolist(), run["y_train"].tolist(), style="scatter"),
            Series("sin x", grid, np.sin(run["grid"]).tolist()),
            Series("final", grid, run["final_fit"].tolist()),
            Series("early-stopped", grid, predict(run["model"], run["grid"]).tolist()),
        ],
        xlabel="x",
        ylabel="y",
    )
    data = {
        "train_loss": train_loss,
        "val_loss": val_loss,
        "best_epoch": best_epoch,
        "stopped_epoch": stopped_epoch,
        "restored_epoch": restored_epoch,
        "final_gap": val_loss[-1] - train_loss[-1],
    }
    return LabResult(data, [loss_plot, fit_plot], _notes(settings, data))


def _notes(settings: dict[str, Any], data: dict[str, Any]) -> list[str]:
    train_loss, val_loss = data["train_loss"], data["val_loss"]
    best, stop, restored = data["best_epoch"], data["stopped_epoch"], data["restored_epoch"]
    last = len(val_loss)
    notes = [
        f"Validation loss is lowest at epoch {best} ({val_loss[best - 1]:.3g}). With patience "
        f"{settings['patience']} training stops at epoch {stop} and restores epoch {restored} "
        f"(validation {val_loss[restored - 1]:.3g}).",
        f"At the last epoch ({last}): train {train_loss[-1]:.3g}, validation {val_loss[-1]:.3g}; the gap "
        f"{data['final_gap']:.3g} is what the model memorised about its {settings['n_train']} points.",
        f"Validation MSE cannot go below the noise variance {settings['noise'] ** 2:.3g} (noise σ = "
        f"{settings['noise']:g}).",
    ]
    if val_loss[-1] > 1.2 * val_loss[best - 1]:
        notes.append(
            "Overfitting: validation loss rose after its minimum while training loss kept falling. "
            "Try more points, augment, dropout or l2."
        )
    return notes


LAB = Lab(
    name="overfitting",
    title="Overfitting and early stopping",
    summary="A small MLP fits sin(x) from a few noisy points: train vs validation loss, regularizers, early "
    "stopping.",
    params=(
        Param("n_train", "int", 12, "Number of training points", low=4, high=200, step=4),
        Param("noise", "float", 0.3, "σ of the noise added to every target", low=0.0, high=1.0, step=0.05),
        Param(
            "augment",
            "float",
            0.0,
            "σ of the jitter added to training inputs each epoch",
            low=0.0,
            high=1.0,
            step=0.05,
        ),
        Param(
            "dropout",
            "float",
            0.0,
            "Dropout probability after each hidden layer",
            low=0.0,
            high=0.9,
            step=0.05,
        ),
        Param("l2", "float", 0.0, "Weight decay (L2): Adam's weight_decay", low=0.0, high=0.1, step=0.002),
        Param(
            "patience",
            "int",
            20,
            "Epochs without a new best validation loss before stopping",
            low=1,
            high=200,
            step=5,
        ),
        Param("epochs", "int", 90, "Training epochs (full batch)", low=10, high=1000, step=20),
        Param(
            "seed",
            "int",
            0,
            "Seed of the data, the initial weights, dropout and jitter",
            low=0,
            high=9999,
            step=1,
        ),
    ),
    compute=compute,
    heavy=True,
)
