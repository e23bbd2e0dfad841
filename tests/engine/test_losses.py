"""Losses: hand-worked values, gradients by finite differences for every reduction, stability."""

import math

import numpy as np
import pytest

from studyapp.engine import Tensor
from studyapp.engine import functional as F
from tests.engine.gradcheck import assert_gradients_match

RNG = np.random.default_rng(5)
REDUCTIONS = ["mean", "sum", "none"]


def value(loss: Tensor) -> float:
    return loss.item()


def test_regression_losses_by_hand():
    pred, target = Tensor([1.0, 2.0, -3.0]), Tensor([0.0, 0.0, 0.0])
    assert value(F.mse_loss(pred, target)) == pytest.approx((1 + 4 + 9) / 3)
    assert value(F.mse_loss(pred, target, reduction="sum")) == pytest.approx(14.0)
    assert value(F.l1_loss(pred, target)) == pytest.approx(2.0)
    # huber δ = 1: r = 1 → 1·(1 − 0.5) = 0.5; r = 2 → 1.5; r = 3 → 2.5
    np.testing.assert_allclose(F.huber_loss(pred, target, reduction="none").data, [0.5, 1.5, 2.5])
    # huber δ = 2: r = 1 → 0.5; r = 2 → 2(2 − 1) = 2; r = 3 → 2(3 − 1) = 4
    np.testing.assert_allclose(F.huber_loss(pred, target, reduction="none", delta=2.0).data, [0.5, 2.0, 4.0])
    # smooth L1 β = 2: r = 1 → 0.5/2 = 0.25; r = 2 → 2 − 1 = 1; r = 3 → 2
    np.testing.assert_allclose(
        F.smooth_l1_loss(pred, target, reduction="none", beta=2.0).data, [0.25, 1.0, 2.0]
    )
    np.testing.assert_allclose(F.huber_loss(Tensor([0.5]), [0.0], reduction="none").data, [0.125])


def test_huber_is_delta_times_smooth_l1_and_beta_zero_is_l1():
    x, y = RNG.normal(size=20) * 3, RNG.normal(size=20)
    for delta in (0.5, 1.0, 2.0):
        huber = F.huber_loss(Tensor(x), y, delta=delta, reduction="none").data
        smooth = F.smooth_l1_loss(Tensor(x), y, beta=delta, reduction="none").data
        np.testing.assert_allclose(huber, delta * smooth)
    np.testing.assert_allclose(F.smooth_l1_loss(Tensor(x), y, beta=0.0, reduction="none").data, np.abs(x - y))


def test_outlier_dominates_mse_not_huber_gradient():
    pred = Tensor([0.0, 0.0, 100.0], requires_grad=True)
    F.huber_loss(pred, [0.5, -0.5, 0.0], reduction="sum").backward()
    np.testing.assert_allclose(pred.grad, [-0.5, 0.5, 1.0])  # residual clamped to ±δ


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize(
    "loss",
    [
        F.mse_loss,
        F.l1_loss,
        F.huber_loss,
        lambda x, y, reduction: F.huber_loss(x, y, reduction=reduction, delta=0.7),
        F.smooth_l1_loss,
        lambda x, y, reduction: F.smooth_l1_loss(x, y, reduction=reduction, beta=0.5),
    ],
    ids=["mse", "l1", "huber", "huber_0.7", "smooth_l1", "smooth_l1_0.5"],
)
def test_regression_loss_gradients_for_input_and_target(loss, reduction):
    x = RNG.normal(size=(3, 4)) * 2
    y = x + RNG.uniform(0.05, 1.5, (3, 4)) * RNG.choice([-1.0, 1.0], (3, 4))  # residuals away from kinks
    assert_gradients_match(lambda a, b: loss(a, b, reduction=reduction), x, y)


def test_mse_gradient_is_two_residual_over_n():
    x = Tensor([1.0, 3.0], requires_grad=True)
    F.mse_loss(x, [0.0, 0.0]).backward()
    np.testing.assert_allclose(x.grad, [1.0, 3.0])  # 2r/N


def test_binary_cross_entropy_by_hand_and_clamp():
    assert value(F.binary_cross_entropy(Tensor([0.8]), [1.0])) == pytest.approx(-math.log(0.8))
    assert value(F.binary_cross_entropy(Tensor([0.8]), [0.0])) == pytest.approx(-math.log(0.2))
    np.testing.assert_allclose(
        F.binary_cross_entropy(Tensor([0.0, 1.0, 1.0]), [1.0, 0.0, 1.0], reduction="none").data,
        [100.0, 100.0, 0.0],
    )
    with pytest.raises(ValueError):
        F.binary_cross_entropy(Tensor([1.2]), [1.0])


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_binary_cross_entropy_gradients(reduction):
    p = RNG.uniform(0.05, 0.95, (4, 3))
    y = RNG.uniform(0.0, 1.0, (4, 3))
    assert_gradients_match(lambda a: F.binary_cross_entropy(a, y, reduction=reduction), p)
    assert_gradients_match(lambda a: F.binary_cross_entropy_with_logits(a, y, reduction=reduction), p * 8 - 4)


def test_bce_with_logits_matches_bce_of_sigmoid_and_is_stable():
    x, y = RNG.normal(size=10) * 3, RNG.integers(0, 2, 10).astype(float)
    sig = 1 / (1 + np.exp(-x))
    np.testing.assert_allclose(
        F.binary_cross_entropy_with_logits(Tensor(x), y).data,
        F.binary_cross_entropy(Tensor(sig), y).data,
        rtol=1e-10,
    )
    extreme = F.binary_cross_entropy_with_logits(
        Tensor([1000.0, -1000.0, 1000.0]), [0.0, 1.0, 1.0], reduction="none"
    )
    np.testing.assert_allclose(extreme.data, [1000.0, 1000.0, 0.0])
    logits = Tensor(x, requires_grad=True)
    F.binary_cross_entropy_with_logits(logits, y).backward()
    np.testing.assert_allclose(logits.grad, (sig - y) / 10)


@pytest.mark.parametrize("classes", [2, 3, 10])
def test_cross_entropy_on_uniform_logits_is_log_c(classes):
    logits = Tensor(np.full((4, classes), 1.7))
    assert value(F.cross_entropy(logits, [0, 1, 1, 0])) == pytest.approx(math.log(classes))


def test_cross_entropy_by_hand_and_gradient():
    z = np.array([1.0, 2.0, 3.0])
    softmax = np.exp(z) / np.exp(z).sum()
    assert value(F.cross_entropy(Tensor(z), 0)) == pytest.approx(-math.log(softmax[0]))
    logits = Tensor(np.stack([z, z[::-1]]), requires_grad=True)
    F.cross_entropy(logits, [0, 0]).backward()
    onehot = np.array([[1.0, 0, 0], [1.0, 0, 0]])
    np.testing.assert_allclose(logits.grad, (np.stack([softmax, softmax[::-1]]) - onehot) / 2)


def test_cross_entropy_label_smoothing_formula():
    z, eps = np.array([[0.5, -1.0, 2.0, 0.0]]), 0.2
    log_p = z - np.log(np.exp(z).sum())
    q = np.full(4, eps / 4)
    q[2] += 1 - eps
    assert value(F.cross_entropy(Tensor(z), [2], label_smoothing=eps)) == pytest.approx(-(q * log_p).sum())
    logits = Tensor(z, requires_grad=True)
    F.cross_entropy(logits, [2], label_smoothing=eps).backward()
    np.testing.assert_allclose(logits.grad[0], np.exp(log_p[0]) - q)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("smoothing", [0.0, 0.1])
def test_cross_entropy_gradients(reduction, smoothing):
    target = np.array([2, 0, 1, 2, 4])
    assert_gradients_match(
        lambda a: F.cross_entropy(a, target, reduction=reduction, label_smoothing=smoothing),
        RNG.normal(size=(5, 5)),
    )


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_nll_loss_values_and_gradients(reduction):
    x = RNG.normal(size=(4, 3))
    target = [0, 2, 1, 2]
    log_p = F.log_softmax(Tensor(x), dim=1)
    np.testing.assert_allclose(
        F.nll_loss(log_p, target, reduction=reduction).data,
        F.cross_entropy(Tensor(x), target, reduction=reduction).data,
    )
    assert_gradients_match(lambda a: F.nll_loss(a, target, reduction=reduction), x)
    picked = -x[np.arange(4), target]
    np.testing.assert_allclose(F.nll_loss(Tensor(x), target, reduction="none").data, picked)


def test_class_index_and_reduction_errors():
    logits = Tensor(np.zeros((2, 3)))
    with pytest.raises(IndexError):
        F.cross_entropy(logits, [0, 3])
    with pytest.raises(ValueError):
        F.cross_entropy(logits, [0.5, 1])
    with pytest.raises(ValueError):
        F.cross_entropy(logits, [0, 1, 2])
    with pytest.raises(ValueError):
        F.mse_loss(logits, logits, reduction="average")
    assert F.cross_entropy(logits, Tensor([0, 1])).item() == pytest.approx(math.log(3))
