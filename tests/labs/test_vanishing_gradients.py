"""Vanishing-gradients lab: sigmoid stacks vanish, ReLU + Kaiming stays healthy, fixes help, words match."""

import json

import numpy as np
import pytest

from studyapp.labs import get_lab
from studyapp.labs.vanishing_gradients import diagnose, frobenius_norm, spread

LAB = get_lab("vanishing-gradients")


def test_deep_sigmoid_stack_vanishes():
    data = LAB.run({"depth": 20, "activation": "sigmoid"}).data
    norms = data["layer_grad_norms"]
    assert len(norms) == 20
    assert data["ratio_first_to_last"] == pytest.approx(norms[0] / norms[-1])
    # σ' ≤ 0.25 per layer: over 19 layers the first layer's gradient must be far below the last's
    assert data["ratio_first_to_last"] < 1e-4
    assert data["diagnosis"].startswith("vanishing: the first layer's gradient is")
    assert norms[0] < norms[len(norms) // 2] < norms[-1]  # layer 1 is the input side


def test_relu_with_kaiming_init_is_healthier():
    sigmoid = LAB.run({"depth": 20, "activation": "sigmoid"}).data
    relu = LAB.run({"depth": 20, "activation": "relu", "init": "kaiming"}).data
    assert relu["diagnosis"].startswith("healthy")
    assert 1e-2 < relu["ratio_first_to_last"] < 1e2
    assert relu["ratio_first_to_last"] > 1e3 * sigmoid["ratio_first_to_last"]


@pytest.mark.parametrize("fix", [{"batchnorm": True}, {"residual": True}])
def test_batchnorm_or_residual_rescues_a_sigmoid_stack(fix):
    plain = LAB.run({"depth": 10, "activation": "sigmoid"}).data
    fixed = LAB.run({"depth": 10, "activation": "sigmoid", **fix}).data
    assert plain["diagnosis"].startswith("vanishing")
    assert fixed["ratio_first_to_last"] > 100 * plain["ratio_first_to_last"]


def test_too_large_and_too_small_normal_init():
    big = LAB.run({"depth": 30, "activation": "relu", "init": "normal", "init_std": 1.0}).data
    small = LAB.run({"depth": 10, "activation": "relu", "init": "normal", "init_std": 0.01}).data
    assert big["diagnosis"].startswith("exploding")
    assert small["diagnosis"].startswith("vanishing")


def test_overflow_is_reported_and_json_stays_strict():
    data = LAB.run(
        {"depth": 60, "width": 256, "batch": 8, "activation": "relu", "init": "normal", "init_std": 10.0}
    ).data
    assert data["diagnosis"] == "exploding: the gradients overflowed to infinity"
    assert None in data["layer_grad_norms"] and data["ratio_first_to_last"] is None
    json.dumps(data, allow_nan=False)


@pytest.mark.parametrize(
    ("norms", "expected"),
    [
        ([1e-9, 1e-3, 1.0], "vanishing: the first layer's gradient is 1.0e-09 of the last's"),
        ([500.0, 1.0], "exploding: the first layer's gradient is 5.0e+02 times the last's"),
        ([0.5, 1.0], "healthy: the first layer's gradient is 0.5 times the last's"),
        ([1e5, 2e5], "exploding: every layer's gradient is huge"),
        ([1e-8, 2e-8], "vanishing: every layer's gradient is tiny"),
        ([0.0, 0.0], "vanishing: the last layer's weights get no gradient"),
        ([float("inf"), 1.0], "exploding: the gradients overflowed"),
        ([0.3], "healthy: the first layer's gradient is 1 times the last's"),
    ],
)
def test_diagnosis_in_plain_words(norms, expected):
    assert diagnose(norms)[0].startswith(expected)


def test_seeded_and_clamped():
    settings = LAB.settings({"depth": 1000, "width": 3, "batch": 1, "init_std": 0.0})
    assert (settings["depth"], settings["width"], settings["batch"], settings["init_std"]) == (60, 8, 2, 1e-3)
    one = LAB.run({"seed": 7, "depth": 4}).data["layer_grad_norms"]
    assert LAB.run({"seed": 7, "depth": 4}).data["layer_grad_norms"] == one
    assert LAB.run({"seed": 8, "depth": 4}).data["layer_grad_norms"] != one


def test_plots_use_a_log_scale_and_the_lab_runs_off_the_ui_thread():
    result = LAB.run({"depth": 5})
    assert LAB.heavy
    assert result.plots[0].ylog and result.plots[0].series[0].x == [1, 2, 3, 4, 5]
    assert result.notes[0] == result.data["diagnosis"]


def test_runs_in_float32_like_pytorch():
    """ReLU with N(0, 1) weights at width 256 grows ×≈11 per layer: after 20 layers the activations
    (≈1e21) still fit in float32 but the gradients (≈1e42) pass its maximum 3.4e38, as in PyTorch."""
    result = LAB.run({"depth": 20, "width": 256, "activation": "relu", "init": "normal", "init_std": 1.0})
    assert result.data["diagnosis"] == "exploding: the gradients overflowed to infinity"
    assert 1e18 < result.data["activation_std"][-1] < 3.4e38
    overflowed = "overflowed (inf/NaN in float32)"
    assert result.notes[1] == f"‖∂L/∂W‖: layer 1 {overflowed}, layer 20 {overflowed}."


@pytest.mark.parametrize("scale", [1e-30, 1e-12, 1.0, 1e12, 1e30])
def test_norms_and_spreads_of_float32_values_neither_overflow_nor_underflow(scale):
    values = (np.random.default_rng(3).standard_normal((64, 256)) * scale).astype(np.float32)
    exact = values.astype(np.float64)
    assert frobenius_norm(values) == pytest.approx(np.linalg.norm(exact), rel=1e-5)
    assert spread(values) == pytest.approx(np.std(exact), rel=1e-5)
