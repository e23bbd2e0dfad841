"""Computations on losses and softmax, run through the engine's `functional` losses (reduction 'mean')."""

from __future__ import annotations

import math

import numpy as np

from studyapp.engine import Tensor
from studyapp.engine import functional as F
from studyapp.generated.computation import Computation, Worked, integer, number
from studyapp.generated.formatting import approx, result, shown

PRED = number("pred", -1000.0, 1000.0, "prediction")
TARGET = number("target", -1000.0, 1000.0, "target")
LOGITS = tuple(number(f"z{i}", -50.0, 50.0, f"logit of class {i - 1}") for i in (1, 2, 3))
LABEL = number("y", 0.0, 1.0, "target probability (label)")


def _one(x: float) -> Tensor:
    return Tensor(np.array([x]))


def mse_loss(pred: float, target: float) -> Worked:
    loss = F.mse_loss(_one(pred), _one(target)).item()
    return loss, f"(pred − target)² = ({shown(pred)} − {shown(target)})² = {result(loss)}"


def huber_loss(pred: float, target: float, delta: float) -> Worked:
    loss = F.huber_loss(_one(pred), _one(target), delta=delta).item()
    r = abs(pred - target)
    if r < delta:
        rule = f"r = |pred − target| = {approx(r)} < δ = {shown(delta)}, so loss = ½r² = {result(loss)}"
    else:
        rule = f"r = |pred − target| = {approx(r)} ≥ δ = {shown(delta)}, so loss = δ(r − ½δ) = {result(loss)}"
    return loss, rule


def bce_loss(p: float, y: float) -> Worked:
    loss = F.binary_cross_entropy(_one(p), _one(y)).item()
    return loss, (
        f"−(y·ln p + (1 − y)·ln(1 − p)) = −({shown(y)} × {approx(math.log(p))} + {approx(1 - y)} × "
        f"{approx(math.log1p(-p))}) = {result(loss)}"
    )


def bce_with_logits(z: float, y: float) -> Worked:
    loss = F.binary_cross_entropy_with_logits(_one(z), _one(y)).item()
    p = 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))
    return loss, f"p = σ({shown(z)}) = {approx(p)}; loss = −(y·ln p + (1 − y)·ln(1 − p)) = {result(loss)}"


def cross_entropy_uniform(num_classes: int) -> Worked:
    loss = F.cross_entropy(Tensor(np.zeros((1, num_classes))), np.array([0])).item()
    return loss, (
        f"equal logits give p = 1/C = 1/{num_classes} to every class: loss = −ln(1/C) = ln {num_classes} "
        f"= {result(loss)}"
    )


def softmax_prob(z1: float, z2: float, z3: float) -> Worked:
    probs = np.asarray(F.softmax(Tensor(np.array([z1, z2, z3])), dim=0).data)
    exps = [math.exp(z - max(z1, z2, z3)) for z in (z1, z2, z3)]
    return float(probs[0]), (
        f"subtract the largest logit, exponentiate: ({', '.join(approx(e) for e in exps)}); "
        f"p₁ = {approx(exps[0])}/{approx(sum(exps))} = {result(float(probs[0]))}"
    )


def cross_entropy_logits(z1: float, z2: float, z3: float, target: int) -> Worked:
    logits = (z1, z2, z3)
    loss = F.cross_entropy(Tensor(np.array([logits])), np.array([target])).item()
    top = max(logits)
    lse = top + math.log(sum(math.exp(z - top) for z in logits))
    return loss, (
        f"ln Σ e^z = {approx(lse)}; loss = ln Σ e^z − (logit of class {target}) = {approx(lse)} − "
        f"{shown(logits[target])} "
        f"= {result(loss)}"
    )


def _regression(p):
    return {"task": "regression", "target": p["target"]}


def _classification(p):
    return {"task": "classification"}


COMPUTATIONS = (
    Computation("mse_loss", "(pred − target)²", (PRED, TARGET), "loss-functions", mse_loss, _regression),
    Computation(
        "huber_loss",
        "½r² if r < δ else δ(r − ½δ), r = |pred − target|",
        (PRED, TARGET, number("delta", 1e-3, 1e3, "δ, where quadratic turns linear")),
        "loss-functions",
        huber_loss,
        lambda p: {**_regression(p), "delta": p["delta"]},
    ),
    Computation(
        "bce_loss",
        "−(y·ln p + (1 − y)·ln(1 − p))",
        (number("p", 1e-6, 1 - 1e-6, "predicted probability"), LABEL),
        "loss-functions",
        bce_loss,
        _classification,
    ),
    Computation(
        "bce_with_logits",
        "binary cross-entropy of σ(z) against y",
        (number("z", -50.0, 50.0, "logit"), LABEL),
        "loss-functions",
        bce_with_logits,
        _classification,
    ),
    Computation(
        "cross_entropy_uniform",
        "cross-entropy of equal logits: ln C",
        (integer("num_classes", 2, 100_000, "number of classes C"),),
        "loss-functions",
        cross_entropy_uniform,
        _classification,
    ),
    Computation(
        "softmax_prob",
        "softmax(z)[0] = e^z₁/Σe^z",
        LOGITS,
        "loss-functions",
        softmax_prob,
        _classification,
    ),
    Computation(
        "cross_entropy_logits",
        "cross-entropy of logits z against class `target` (0..2): ln Σe^z − z[target]",
        (*LOGITS, integer("target", 0, 2, "index of the true class")),
        "loss-functions",
        cross_entropy_logits,
        _classification,
    ),
)
