"""nn.utils gradient clipping: pre-clip norm returned, direction kept by norm, turned by value."""

import math

import numpy as np
import pytest

from studyapp.engine import Tensor
from studyapp.engine.nn import utils


def with_grad(*values: float) -> Tensor:
    t = Tensor(np.zeros(len(values)), requires_grad=True)
    t.grad = np.array(values)
    return t


def test_clip_grad_norm_scales_down_and_returns_pre_clip_norm():
    p = with_grad(3.0, 4.0)
    total = utils.clip_grad_norm_([p], max_norm=1.0)
    assert float(total) == pytest.approx(5.0)
    coef = 1.0 / (5.0 + 1e-6)
    np.testing.assert_allclose(p.grad, [3.0 * coef, 4.0 * coef])
    assert np.linalg.norm(p.grad) == pytest.approx(1.0, abs=1e-6)


def test_clip_grad_norm_keeps_direction_and_never_scales_up():
    p = with_grad(-2.0, 0.5, 7.0)
    before = p.grad.copy()
    utils.clip_grad_norm_(p, max_norm=0.3)
    cosine = before @ p.grad / (np.linalg.norm(before) * np.linalg.norm(p.grad))
    assert cosine == pytest.approx(1.0)
    small = with_grad(0.3, 0.4)
    assert utils.clip_grad_norm_([small], max_norm=10.0).item() == pytest.approx(0.5)
    np.testing.assert_allclose(small.grad, [0.3, 0.4])


def test_clip_grad_norm_is_taken_over_all_parameters_together():
    a, b, no_grad = with_grad(1.0, 2.0), with_grad(2.0), Tensor([1.0], requires_grad=True)
    total = utils.clip_grad_norm_([a, b, no_grad], max_norm=1.5)
    assert total.item() == pytest.approx(3.0)
    coef = 1.5 / (3.0 + 1e-6)
    np.testing.assert_allclose(np.concatenate([a.grad, b.grad]), np.array([1.0, 2.0, 2.0]) * coef)
    assert no_grad.grad is None


def test_clip_grad_norm_other_norm_types():
    p = with_grad(3.0, -4.0)
    assert utils.clip_grad_norm_([p], math.inf).item() == pytest.approx(5.0)  # max_norm = inf: measure only
    np.testing.assert_array_equal(p.grad, [3.0, -4.0])
    assert utils.clip_grad_norm_([p], 100.0, norm_type=math.inf).item() == pytest.approx(4.0)
    assert utils.clip_grad_norm_([with_grad(3.0, -4.0)], 100.0, norm_type=1).item() == pytest.approx(7.0)
    q = with_grad(3.0, -4.0)
    utils.clip_grad_norm_([q], 2.0, norm_type="inf")
    np.testing.assert_allclose(q.grad, np.array([3.0, -4.0]) * 2.0 / (4.0 + 1e-6))


def test_clip_grad_value_clamps_elements_and_can_turn_direction():
    p = with_grad(3.0, 0.5, -2.0)
    assert utils.clip_grad_value_([p], 1.0) is None
    np.testing.assert_array_equal(p.grad, [1.0, 0.5, -1.0])
    g, clipped = np.array([3.0, 0.5, -2.0]), p.grad
    cosine = g @ clipped / (np.linalg.norm(g) * np.linalg.norm(clipped))
    assert cosine < 0.99


def test_clipping_works_on_gradients_from_backward():
    x = Tensor([1.0, 1.0], requires_grad=True)
    (x * Tensor([30.0, 40.0])).sum().backward()
    assert utils.clip_grad_norm_([x], 5.0).item() == pytest.approx(50.0)
    np.testing.assert_allclose(x.grad, np.array([3.0, 4.0]) * 50 / (50 + 1e-6))
