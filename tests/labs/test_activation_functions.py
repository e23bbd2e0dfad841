"""Activation-functions lab: autograd derivatives vs the textbook formulas, peaks, saturation, dead share."""

import json
import math

import numpy as np
import pytest

from studyapp.errors import StudyAppError
from studyapp.labs import get_lab
from studyapp.labs.activation_functions import FUNCTIONS, SAMPLES

LAB = get_lab("activation-functions")


def normal_cdf(x):
    return 0.5 * (1.0 + np.vectorize(math.erf)(np.asarray(x) / math.sqrt(2.0)))


def gold_derivative(name: str, x: np.ndarray) -> np.ndarray:
    """Textbook derivatives (PyTorch conventions: ReLU'(0) = 0, LeakyReLU'(0) = 0.01, ELU'(0) = 1)."""
    s = 1.0 / (1.0 + np.exp(-x))
    return {
        "sigmoid": s * (1 - s),
        "tanh": 1 - np.tanh(x) ** 2,
        "relu": (x > 0).astype(float),
        "leaky_relu": np.where(x > 0, 1.0, 0.01),
        "elu": np.where(x > 0, 1.0, np.exp(x)),
        "gelu": normal_cdf(x) + x * np.exp(-(x**2) / 2) / math.sqrt(2 * math.pi),
    }[name]


@pytest.mark.parametrize("name", FUNCTIONS)
def test_autograd_derivative_matches_the_formula(name):
    data = LAB.run({"function": name, "x_min": -5, "x_max": 5}).data
    x = np.array(data["x"])
    np.testing.assert_allclose(data["df"], gold_derivative(name, x), atol=1e-12)
    assert len(data["f"]) == len(x) and x[0] == -5 and x[-1] == 5


@pytest.mark.parametrize(("name", "peak"), [("sigmoid", 0.25), ("tanh", 1.0)])
def test_peak_slope_at_zero(name, peak):
    data = LAB.run({"function": name}).data
    assert data["max_derivative"] == pytest.approx(peak, abs=1e-12)
    assert data["max_derivative_at"] == pytest.approx(0.0, abs=1e-9)


def test_sigmoid_saturates_beyond_about_2_89():
    # σ(1−σ) = 0.05 ⇔ σ = (1 − √0.8)/2 ⇔ x = ±ln(σ/(1−σ)) ≈ ±2.887
    s = (1 - math.sqrt(0.8)) / 2
    edge = -math.log(s / (1 - s))
    regions = LAB.run({"function": "sigmoid", "x_min": -6, "x_max": 6}).data["saturation_regions"]
    assert len(regions) == 2
    (a, b), (c, d) = regions
    assert a == -6 and d == 6
    step = 12 / 240
    assert b == pytest.approx(-edge, abs=step) and c == pytest.approx(edge, abs=step)
    assert b < -edge < b + step and c - step < edge < c


@pytest.mark.parametrize("name", ["relu", "leaky_relu"])
def test_relu_and_leaky_relu_are_flat_on_the_whole_left_side(name):
    data = LAB.run({"function": name, "x_min": -4, "x_max": 4}).data
    assert data["saturation_regions"] == [[-4.0, 0.0]]  # slope at 0 is 0 (ReLU) or 0.01 (leaky), both < 0.05


@pytest.mark.parametrize(("mean", "std"), [(0.0, 1.0), (1.0, 1.0), (-0.5, 2.0)])
def test_relu_dead_fraction_is_the_normal_mass_below_zero(mean, std):
    data = LAB.run({"function": "relu", "input_mean": mean, "input_std": std}).data
    expected = float(normal_cdf(-mean / std))  # P(x ≤ 0) for x ~ N(mean, std²)
    tolerance = 5 * math.sqrt(expected * (1 - expected) / SAMPLES)
    assert data["dead_fraction"] == pytest.approx(expected, abs=tolerance)
    assert data["mean_derivative"] == pytest.approx(1 - expected, abs=tolerance)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "leaky_relu", "elu"])
def test_smooth_or_leaky_functions_kill_no_inputs(name):
    assert LAB.run({"function": name}).data["dead_fraction"] == 0.0


def test_wide_inputs_saturate_a_sigmoid():
    narrow = LAB.run({"function": "sigmoid", "input_std": 0.5}).data["saturated_fraction"]
    wide = LAB.run({"function": "sigmoid", "input_std": 10.0}).data["saturated_fraction"]
    # |x| > 2.887 is saturated: P = 2Φ(−2.887/σ)
    assert wide == pytest.approx(2 * float(normal_cdf(-2.887 / 10)), abs=0.02)
    assert narrow < 0.01 < 0.7 < wide


def test_range_is_ordered_and_clamped():
    swapped = LAB.run({"x_min": 3, "x_max": -2}).data["x"]
    assert swapped[0] == -2 and swapped[-1] == 3
    assert LAB.settings({"x_min": -100, "input_std": 0})["x_min"] == -20.0
    assert LAB.settings({"input_std": 0})["input_std"] == 0.01
    flat = LAB.run({"x_min": 1, "x_max": 1}).data["x"]
    assert flat[-1] > flat[0]
    with pytest.raises(StudyAppError):
        LAB.settings({"function": "swish"})


def test_result_is_strict_json_with_two_plots():
    result = LAB.run({"function": "gelu"})
    json.dumps(result.data, allow_nan=False)
    assert [p.xlabel for p in result.plots] == ["x", "x"]
    assert result.data["max_derivative"] > 1.0  # GELU's slope overshoots 1 near x ≈ 1.4
