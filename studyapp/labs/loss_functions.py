"""Loss functions: each loss and its gradient against the prediction, and how far one outlier pulls the
constant that minimizes MSE (the mean), MAE (the median) and Huber (an M-estimate in between).

Regression, residual r = ŷ − y: MSE r² (gradient 2r), MAE |r| (sign r), Huber 0.5r² if |r| < δ else
δ(|r| − 0.5δ) (gradient r clipped to ±δ). Classification on a logit z with label y = target clipped to
[0, 1]: BCE −[y log σ(z) + (1−y) log(1−σ(z))] (gradient σ(z) − y), cross-entropy over three classes with
logits (z, 0, 0) and the true class 0 when y ≥ 0.5 else 1, hinge max(0, 1 − t·z) with t = 2y − 1.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from studyapp.engine import Tensor
from studyapp.engine import functional as F
from studyapp.labs.base import Lab, LabResult, Param, Plot, Series

POINTS = 121
HALF_WIDTH = 4.0
LOGIT_RANGE = 6.0
CLEAN_OFFSETS = (-1.5, -1.0, -0.5, 0.5, 1.0, 1.5)
"""The sample is target + these offsets plus one outlier: without it, every fit is exactly the target."""
LOSS_NAMES = {"mse": "MSE", "mae": "MAE", "huber": "Huber"}
PROBE_LOGIT = -4.0
"""Where the notes compare BCE's gradient with respect to the logit and to the probability."""


def _loss_and_grad(
    loss_fn, prediction: np.ndarray, *args: Any, **kwargs: Any
) -> tuple[np.ndarray, np.ndarray]:
    """Per-point loss values and d loss / d prediction, by the engine's autograd."""
    pred = Tensor(prediction, requires_grad=True)
    losses = loss_fn(pred, *args, reduction="none", **kwargs)
    losses.sum().backward()
    return losses.data.copy(), pred.grad


def regression_curves(target: float, delta: float) -> tuple[np.ndarray, dict, dict]:
    prediction = np.linspace(target - HALF_WIDTH, target + HALF_WIDTH, POINTS)
    y = Tensor(np.full(POINTS, target))
    losses, grads = {}, {}
    losses["mse"], grads["mse"] = _loss_and_grad(F.mse_loss, prediction, y)
    losses["mae"], grads["mae"] = _loss_and_grad(F.l1_loss, prediction, y)
    losses["huber"], grads["huber"] = _loss_and_grad(F.huber_loss, prediction, y, delta=delta)
    return prediction, losses, grads


def _hinge(z: Tensor, t: Tensor, reduction: str = "none") -> Tensor:
    """max(0, 1 − t·z) per point (t = ±1)."""
    return F.relu(1.0 - t * z)


def _cross_entropy_on_first_logit(z: Tensor, true_class: np.ndarray, reduction: str = "none") -> Tensor:
    """Cross-entropy of logits (z, 0, 0) per point: z is a column, the other two logits are constants."""
    n = z.data.shape[0]
    onehot = np.zeros((1, 3))
    onehot[0, 0] = 1.0
    logits = z.reshape(n, 1) * Tensor(onehot)
    return F.cross_entropy(logits, true_class, reduction=reduction)


def classification_curves(label: float) -> tuple[np.ndarray, dict, dict]:
    logit = np.linspace(-LOGIT_RANGE, LOGIT_RANGE, POINTS)
    y = Tensor(np.full(POINTS, label))
    true_class = np.full(POINTS, 0 if label >= 0.5 else 1, dtype=np.int64)
    losses, grads = {}, {}
    losses["bce"], grads["bce"] = _loss_and_grad(F.binary_cross_entropy_with_logits, logit, y)
    losses["cross_entropy"], grads["cross_entropy"] = _loss_and_grad(
        _cross_entropy_on_first_logit, logit, true_class
    )
    losses["hinge"], grads["hinge"] = _loss_and_grad(_hinge, logit, Tensor(np.full(POINTS, 2 * label - 1)))
    return logit, losses, grads


def bce_gradients_at(logit: float, label: float) -> dict[str, float]:
    """BCE's gradient at one logit: with respect to the logit (σ(z) − y) and to the probability p = σ(z)."""
    z = Tensor(np.array([logit]), requires_grad=True)
    F.binary_cross_entropy_with_logits(z, Tensor(np.array([label]))).backward()
    p = Tensor(F.sigmoid(Tensor(np.array([logit]))).data.copy(), requires_grad=True)
    loss = F.binary_cross_entropy(p, Tensor(np.array([label])))
    loss.backward()
    return {
        "logit": logit,
        "probability": float(p.data[0]),
        "loss": float(loss.data),
        "grad_logit": float(z.grad[0]),
        "grad_probability": float(p.grad[0]),
    }


def fit_constant(sample: np.ndarray, loss_fn, **kwargs: Any) -> float:
    """argmin_c Σ loss(c, xᵢ): the root of the summed gradient, which grows with c (convex losses).

    Each round evaluates the gradient at 64 candidates at once and keeps the bracket where it changes
    sign; the last bracket is interpolated linearly (exact where the gradient is linear, as for MSE)."""
    low, high = float(sample.min()), float(sample.max())
    target = Tensor(np.broadcast_to(sample, (64, sample.size)).copy())
    for _ in range(4):
        candidates = np.linspace(low, high, 64)
        pred = Tensor(np.repeat(candidates[:, None], sample.size, axis=1), requires_grad=True)
        loss_fn(pred, target, reduction="sum", **kwargs).backward()
        slope = pred.grad.sum(axis=1)
        i = int(np.searchsorted(slope, 0.0))
        if i == 0:
            return low
        if i == len(candidates):
            return high
        low, high = candidates[i - 1], candidates[i]
        g_low, g_high = slope[i - 1], slope[i]
    return float(low + (high - low) * (-g_low) / (g_high - g_low)) if g_high != g_low else float(low)


def outlier_fits(target: float, outlier: float, delta: float) -> tuple[np.ndarray, dict[str, float]]:
    sample = np.array([target + o for o in CLEAN_OFFSETS] + [outlier])
    fits = {
        "mse": fit_constant(sample, F.mse_loss),
        "mae": fit_constant(sample, F.l1_loss),
        "huber": fit_constant(sample, F.huber_loss, delta=delta),
    }
    return sample, fits


def compute(settings: dict[str, Any]) -> LabResult:
    task, target, delta = settings["task"], settings["target"], settings["delta"]
    if task == "regression":
        return _regression(target, settings["outlier"], delta)
    return _classification(min(max(target, 0.0), 1.0))


def _curve_plots(x: np.ndarray, losses: dict, grads: dict, xlabel: str, marks: list) -> list[Plot]:
    xs = x.tolist()
    return [
        Plot(
            "Loss",
            [Series(name, xs, values.tolist()) for name, values in losses.items()],
            xlabel=xlabel,
            ylabel="loss",
            marks=marks,
        ),
        Plot(
            "Gradient d loss / d " + xlabel.split()[0],
            [Series(name, xs, values.tolist()) for name, values in grads.items()],
            xlabel=xlabel,
            ylabel="gradient",
            marks=marks,
        ),
    ]


def _regression(target: float, outlier: float, delta: float) -> LabResult:
    prediction, losses, grads = regression_curves(target, delta)
    sample, fits = outlier_fits(target, outlier, delta)
    index = list(range(len(sample)))
    fit_plot = Plot(
        "Best constant for a sample with one outlier",
        [
            Series("sample", index, sample.tolist(), style="scatter"),
            *(Series(f"{name} fit", index, [value] * len(index)) for name, value in fits.items()),
        ],
        xlabel="point",
        ylabel="value",
    )
    pulls = ", ".join(
        f"{LOSS_NAMES[name]} {value:.3g} (pulled {value - target:+.3g})" for name, value in fits.items()
    )
    notes = [
        f"Target y = {target:g}. MSE's gradient 2(ŷ − y) grows with the residual; MAE's is ±1; "
        f"Huber's is the residual clipped to ±δ = ±{delta:g}.",
        f"Sample: {len(CLEAN_OFFSETS)} points around y plus one outlier at {outlier:g}.",
        f"Best constant: {pulls}.",
        f"The mean (MSE) moves by (outlier − y)/{len(sample)}, without limit. The median (MAE) and Huber "
        "move a bounded amount however far the outlier goes: each point's pull is capped at ±1 (MAE) or "
        "±δ (Huber).",
    ]
    data = {
        "task": "regression",
        "target": target,
        "prediction": prediction.tolist(),
        "losses": {k: v.tolist() for k, v in losses.items()},
        "gradients": {k: v.tolist() for k, v in grads.items()},
        "sample": sample.tolist(),
        "fit_with_outlier": fits,
    }
    plots = _curve_plots(prediction, losses, grads, "prediction ŷ", [(target, "y")])
    return LabResult(data, [*plots, fit_plot], notes)


def _classification(label: float) -> LabResult:
    logit, losses, grads = classification_curves(label)
    probe = bce_gradients_at(PROBE_LOGIT, label)
    notes = [
        f"Label y = {label:g} (the target clipped to [0, 1]); x is the logit z, p = σ(z).",
        f"BCE's gradient with respect to the logit is σ(z) − y, always within ±1. At z = {PROBE_LOGIT:g} "
        f"(p = {probe['probability']:.3g}): dL/dz = {probe['grad_logit']:.3g} but dL/dp = "
        f"{probe['grad_probability']:.3g}.",
        "So use BCE with logits: on probabilities the gradient blows up as p → 0 or 1, and σ(z) rounds to "
        "exactly 1 for z > 37 in float64, where the loss is clamped instead of growing with z.",
        "Cross-entropy over 3 classes at z = 0 is ln 3 = 1.099 (uniform logits). Hinge is exactly 0 once "
        "the margin t·z passes 1; BCE keeps pushing, more gently the larger the margin.",
    ]
    data = {
        "task": "classification",
        "label": label,
        "prediction": logit.tolist(),
        "losses": {k: v.tolist() for k, v in losses.items()},
        "gradients": {k: v.tolist() for k, v in grads.items()},
        "bce_at_probe": probe,
    }
    return LabResult(data, _curve_plots(logit, losses, grads, "logit z", [(0.0, "z=0")]), notes)


LAB = Lab(
    name="loss-functions",
    title="Loss functions",
    summary="MSE, MAE, Huber, BCE, cross-entropy and hinge: value, gradient and robustness to an outlier.",
    params=(
        Param(
            "task",
            "choice",
            "regression",
            "regression: ŷ against a target; classification: a logit z against a label",
            choices=("regression", "classification"),
        ),
        Param(
            "target",
            "float",
            1.0,
            "Regression: the target y. Classification: the label y (clipped to [0, 1]; soft labels allowed)",
            low=-3.0,
            high=3.0,
            step=0.25,
        ),
        Param(
            "outlier",
            "float",
            10.0,
            "Regression: the value of the one outlier in the sample fitted by a constant",
            low=-50.0,
            high=50.0,
            step=1.0,
        ),
        Param(
            "delta",
            "float",
            1.0,
            "Huber's δ: quadratic inside ±δ, linear outside",
            low=0.1,
            high=5.0,
            step=0.1,
        ),
    ),
    compute=compute,
)
