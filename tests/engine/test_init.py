"""nn.init: gains, and bounds / standard deviations checked statistically on large seeded tensors."""

import math

import numpy as np
import pytest

from studyapp.engine import Tensor
from studyapp.engine.nn import init


def big(rows: int = 600, cols: int = 400) -> Tensor:
    return Tensor(np.empty((rows, cols)))  # fan_in = cols, fan_out = rows


def rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


def test_calculate_gain_values():
    assert init.calculate_gain("linear") == 1
    assert init.calculate_gain("conv2d") == 1
    assert init.calculate_gain("sigmoid") == 1
    assert init.calculate_gain("tanh") == pytest.approx(5 / 3)
    assert init.calculate_gain("relu") == pytest.approx(math.sqrt(2))
    assert init.calculate_gain("leaky_relu") == pytest.approx(math.sqrt(2 / (1 + 0.01**2)))
    assert init.calculate_gain("leaky_relu", 0.2) == pytest.approx(math.sqrt(2 / 1.04))
    assert init.calculate_gain("leaky_relu", math.sqrt(5)) == pytest.approx(math.sqrt(1 / 3))
    assert init.calculate_gain("selu") == 0.75
    with pytest.raises(ValueError):
        init.calculate_gain("swish")
    with pytest.raises(ValueError):
        init.calculate_gain("leaky_relu", "steep")


def check_uniform(t: Tensor, bound: float) -> None:
    assert np.abs(t.data).max() <= bound
    assert np.abs(t.data).max() > 0.999 * bound
    assert t.data.std() == pytest.approx(bound / math.sqrt(3), rel=0.01)


def test_xavier_uniform_and_normal():
    t = big()
    assert init.xavier_uniform_(t, generator=rng()) is t
    check_uniform(t, math.sqrt(6 / (400 + 600)))
    check_uniform(init.xavier_uniform_(big(), gain=2.0, generator=rng()), 2 * math.sqrt(6 / 1000))
    std = init.xavier_normal_(big(), generator=rng()).data.std()
    assert std == pytest.approx(math.sqrt(2 / 1000), rel=0.01)


def test_kaiming_uniform_and_normal():
    # defaults: a = 0, leaky_relu gain √2 → bound √2·√(3/fan_in) = √(6/fan_in)
    check_uniform(init.kaiming_uniform_(big(), generator=rng()), math.sqrt(6 / 400))
    check_uniform(init.kaiming_uniform_(big(), mode="fan_out", generator=rng()), math.sqrt(6 / 600))
    he = init.kaiming_normal_(big(), nonlinearity="relu", generator=rng()).data
    assert he.var() == pytest.approx(2 / 400, rel=0.02)  # He: variance 2/fan_in
    assert abs(he.mean()) < 0.01 * math.sqrt(2 / 400)
    tanh_std = init.kaiming_normal_(big(), nonlinearity="tanh", mode="fan_out", generator=rng()).data.std()
    assert tanh_std == pytest.approx(5 / 3 / math.sqrt(600), rel=0.01)
    with pytest.raises(ValueError):
        init.kaiming_uniform_(big(), mode="fan_avg")


def test_fans_use_receptive_field_and_need_two_dims():
    conv = Tensor(np.empty((8, 4, 3, 3)))  # fan_in 36, fan_out 72
    assert np.abs(init.xavier_uniform_(conv, generator=rng()).data).max() <= math.sqrt(6 / 108)
    with pytest.raises(ValueError):
        init.xavier_uniform_(Tensor(np.empty(5)))


def test_basic_fills_are_in_place_and_seeded():
    t = big(300, 300)
    data = t.data
    init.normal_(t, mean=2.0, std=0.5, generator=rng(4))
    assert t.data is data
    assert t.data.mean() == pytest.approx(2.0, abs=0.01) and t.data.std() == pytest.approx(0.5, rel=0.01)
    again = init.normal_(big(300, 300), mean=2.0, std=0.5, generator=rng(4))
    np.testing.assert_array_equal(again.data, t.data)
    u = init.uniform_(big(), -3.0, 1.0, generator=rng()).data
    assert u.min() >= -3.0 and u.max() < 1.0 and u.mean() == pytest.approx(-1.0, abs=0.02)
    np.testing.assert_array_equal(init.zeros_(t).data, 0.0)
    np.testing.assert_array_equal(init.ones_(t).data, 1.0)
    np.testing.assert_array_equal(init.constant_(t, 0.3).data, 0.3)


def test_fills_a_non_contiguous_tensor_like_a_contiguous_one():
    plain = Tensor(np.empty((30, 20)))
    strided = Tensor(np.empty((20, 30)))
    strided.data = strided.data.T  # same shape, column-major memory
    init.uniform_(plain, 0.5, 2.0, generator=rng(4))
    init.uniform_(strided, 0.5, 2.0, generator=rng(4))
    np.testing.assert_array_equal(strided.data, plain.data)
    assert plain.data.min() >= 0.5 and plain.data.max() < 2.0
    init.normal_(plain, 0.5, 2.0, generator=rng(4))
    init.normal_(strided, 0.5, 2.0, generator=rng(4))
    np.testing.assert_array_equal(strided.data, plain.data)
