"""Activations, softmax, dropout and linear: values from independent formulas, gradients by finite
differences, derivative conventions at kinks, and the facts in ENGINE.md."""

import math

import numpy as np
import pytest

from studyapp.engine import Tensor
from studyapp.engine import functional as F
from tests.engine.gradcheck import assert_gradients_match

RNG = np.random.default_rng(11)


def away_from_zero(*shape: int) -> np.ndarray:
    """Values in ±[0.1, 3] so kinks at 0 are never straddled by the finite difference."""
    return RNG.uniform(0.1, 3.0, shape) * RNG.choice([-1.0, 1.0], shape)


def derivative_at(fn, x: float) -> float:
    t = Tensor([x], requires_grad=True)
    fn(t).sum().backward()
    return float(t.grad[0])


def phi(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


ACTIVATIONS = {
    "sigmoid": (F.sigmoid, lambda x: 1.0 / (1.0 + math.exp(-x))),
    "tanh": (F.tanh, math.tanh),
    "relu": (F.relu, lambda x: max(x, 0.0)),
    "leaky_relu": (F.leaky_relu, lambda x: x if x > 0 else 0.01 * x),
    "leaky_relu_0.2": (lambda t: F.leaky_relu(t, 0.2), lambda x: x if x > 0 else 0.2 * x),
    "elu": (F.elu, lambda x: x if x > 0 else math.exp(x) - 1.0),
    "elu_alpha2": (lambda t: F.elu(t, alpha=2.0), lambda x: x if x > 0 else 2.0 * (math.exp(x) - 1.0)),
    "gelu": (F.gelu, lambda x: x * phi(x)),
    "gelu_tanh": (
        lambda t: F.gelu(t, approximate="tanh"),
        lambda x: 0.5 * x * (1 + math.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3))),
    ),
}


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_activation_values_and_gradients(name):
    fn, scalar = ACTIVATIONS[name]
    x = away_from_zero(4, 5)
    expected = np.vectorize(scalar)(x)
    np.testing.assert_allclose(fn(Tensor(x)).data, expected, rtol=1e-12, atol=1e-15)
    assert_gradients_match(fn, x)


def test_derivative_conventions_at_zero():
    assert derivative_at(F.relu, 0.0) == 0.0
    assert derivative_at(F.leaky_relu, 0.0) == 0.01
    assert derivative_at(lambda t: F.leaky_relu(t, negative_slope=0.3), 0.0) == 0.3
    assert derivative_at(lambda t: F.elu(t, alpha=2.0), 0.0) == 2.0
    assert derivative_at(F.gelu, 0.0) == pytest.approx(0.5)
    assert derivative_at(F.relu, 1e-9) == 1.0


def test_sigmoid_and_tanh_derivative_facts():
    assert derivative_at(F.sigmoid, 0.0) == pytest.approx(0.25)
    assert derivative_at(F.sigmoid, 2.0) == pytest.approx(0.104994, abs=1e-6)
    assert derivative_at(F.tanh, 0.0) == pytest.approx(1.0)
    assert derivative_at(F.tanh, 2.0) == pytest.approx(0.070651, abs=1e-6)
    grid = np.linspace(-6, 6, 1201)
    x = Tensor(grid, requires_grad=True)
    F.sigmoid(x).sum().backward()
    assert x.grad.max() == pytest.approx(0.25) and grid[np.argmax(x.grad)] == pytest.approx(0.0)
    # a chain of n sigmoids scales the gradient by at most 0.25ⁿ
    t = Tensor([0.0], requires_grad=True)
    y = t
    for _ in range(5):
        y = F.sigmoid(y)
    y.sum().backward()
    assert 0 < t.grad[0] <= 0.25**5


def test_sigmoid_is_stable_for_extreme_inputs():
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        s = F.sigmoid(Tensor([-1000.0, -40.0, 0.0, 40.0, 1000.0])).data
    np.testing.assert_allclose(s, [0.0, math.exp(-40) / (1 + math.exp(-40)), 0.5, 1.0, 1.0], rtol=1e-12)
    assert s[1] > 0
    assert F.sigmoid(Tensor(0.0)).item() == 0.5 and F.sigmoid(Tensor(np.log(3.0))).item() == pytest.approx(
        0.75
    )


def test_gelu_reference_values_and_invalid_mode():
    np.testing.assert_allclose(F.gelu(Tensor([1.0, -1.0])).data, [0.8413447460685429, -0.15865525393145707])
    x = np.linspace(-4, 4, 81)
    exact, approx = F.gelu(Tensor(x)).data, F.gelu(Tensor(x), approximate="tanh").data
    assert np.max(np.abs(exact - approx)) < 1e-3
    with pytest.raises(ValueError):
        F.gelu(Tensor(x), approximate="fast")


@pytest.mark.parametrize("dim", [0, 1, -1])
def test_softmax_and_log_softmax(dim):
    x = RNG.normal(size=(3, 4))
    e = np.exp(x)
    expected = e / e.sum(axis=dim, keepdims=True)
    np.testing.assert_allclose(F.softmax(Tensor(x), dim).data, expected, rtol=1e-12)
    np.testing.assert_allclose(F.log_softmax(Tensor(x), dim).data, np.log(expected), rtol=1e-12)
    assert_gradients_match(lambda t: F.softmax(t, dim), x)
    assert_gradients_match(lambda t: F.log_softmax(t, dim), x)


def test_softmax_is_stable_for_large_logits():
    s = F.softmax(Tensor([1000.0, 1000.0, 0.0]), dim=0).data
    np.testing.assert_allclose(s, [0.5, 0.5, 0.0], atol=1e-300)
    log_s = F.log_softmax(Tensor([1000.0, 0.0]), dim=0).data
    np.testing.assert_allclose(log_s, [0.0, -1000.0])


def test_dropout_training_scales_survivors_and_gradient_is_the_mask():
    x = Tensor(RNG.uniform(1.0, 2.0, (50, 40)), requires_grad=True)
    y = F.dropout(x, p=0.25, generator=np.random.default_rng(3))
    kept = y.data != 0
    np.testing.assert_allclose(y.data[kept], x.data[kept] / 0.75)
    y.sum().backward()
    np.testing.assert_allclose(x.grad, kept / 0.75)


def test_dropout_preserves_the_mean_and_keeps_one_minus_p():
    ones = Tensor(np.ones(200_000))
    for p in (0.1, 0.5, 0.8):
        y = F.dropout(ones, p=p, generator=np.random.default_rng(42)).data
        assert y.mean() == pytest.approx(1.0, abs=0.015)
        assert np.mean(y != 0) == pytest.approx(1.0 - p, abs=0.005)


def test_dropout_edge_cases_eval_identity_and_reproducibility():
    x = Tensor(RNG.normal(size=(4, 5)), requires_grad=True)
    assert F.dropout(x, p=0.5, training=False) is x
    assert F.dropout(x, p=0.0) is x
    zeros = F.dropout(x, p=1.0)
    np.testing.assert_array_equal(zeros.data, np.zeros((4, 5)))
    zeros.sum().backward()
    np.testing.assert_array_equal(x.grad, np.zeros((4, 5)))
    a = F.dropout(x, generator=np.random.default_rng(9)).data
    b = F.dropout(x, generator=np.random.default_rng(9)).data
    np.testing.assert_array_equal(a, b)
    assert_gradients_match(lambda t: F.dropout(t, p=0.3, generator=np.random.default_rng(1)), x.data)
    for bad in (-0.1, 1.5):
        with pytest.raises(ValueError):
            F.dropout(x, p=bad)


@pytest.mark.parametrize("x_shape", [(5, 3), (3,), (2, 4, 3)])
def test_linear_matches_formula_and_gradients(x_shape):
    x, w, b = RNG.normal(size=x_shape), RNG.normal(size=(2, 3)), RNG.normal(size=2)
    np.testing.assert_allclose(F.linear(Tensor(x), Tensor(w), Tensor(b)).data, x @ w.T + b)
    assert_gradients_match(F.linear, x, w, b)
    assert_gradients_match(lambda a, m: F.linear(a, m), x, w)
