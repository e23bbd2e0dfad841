"""Dropout lab: inverted scaling 1/(1−p), eval is the identity, the mean is kept, and the training curves."""

import json
import math

import numpy as np
import pytest

from studyapp.labs import get_lab
from studyapp.labs.dropout import RESAMPLES, STEPS, UNITS

LAB = get_lab("dropout")


@pytest.mark.parametrize("p", [0.0, 0.2, 0.5, 0.9])
def test_kept_units_are_scaled_by_one_over_one_minus_p_and_dropped_ones_are_zero(p):
    data = LAB.run({"p": p, "training": True, "seed": 3}).data
    x, y, mask = (np.array(data[k]) for k in ("input", "output", "mask"))
    assert data["scale"] == pytest.approx(1.0 / (1.0 - p))
    assert len(mask) == UNITS and set(mask.tolist()) <= {0, 1}
    assert data["kept"] == mask.sum()
    np.testing.assert_allclose(y[mask == 1], x[mask == 1] / (1.0 - p), rtol=1e-12)
    assert np.all(y[mask == 0] == 0.0)


def test_eval_mode_is_the_identity():
    data = LAB.run({"p": 0.7, "training": False}).data
    assert data["output"] == data["input"]
    assert data["kept"] == UNITS and data["scale"] == 1.0


@pytest.mark.parametrize("p", [0.1, 0.5, 0.9])
def test_mean_activation_is_preserved_in_expectation(p):
    data = LAB.run({"p": p}).data
    x = np.array(data["input"])
    # each output x·m/(1−p) has variance x²·p/(1−p); the lab averages UNITS·RESAMPLES of them
    standard_error = math.sqrt(np.mean(x**2) * p / (1.0 - p) / (UNITS * RESAMPLES))
    assert data["mean_activation_eval"] == pytest.approx(x.mean())
    assert abs(data["mean_activation_train"] - data["mean_activation_eval"]) < 5 * standard_error


def test_kept_count_averages_n_times_one_minus_p():
    p, seeds = 0.75, range(40)
    kept = [LAB.run({"p": p, "seed": s}).data["kept"] for s in seeds]
    # Binomial(20, 0.25): mean 5, sd √(20·0.25·0.75) ≈ 1.94; the mean of 40 has sd ≈ 0.31
    assert np.mean(kept) == pytest.approx(UNITS * (1 - p), abs=4 * math.sqrt(UNITS * p * (1 - p) / 40))


def test_with_p_zero_both_training_runs_are_the_same():
    data = LAB.run({"p": 0.0}).data
    assert data["train_loss"] == data["train_loss_dropout"]
    assert data["val_loss"] == data["val_loss_dropout"]
    assert len(data["train_loss"]) == len(data["val_loss"]) == STEPS


def test_dropout_raises_training_loss_and_usually_lowers_validation_loss():
    runs = [LAB.run({"p": 0.5, "seed": s}).data for s in range(10)]
    for data in runs:
        assert data["train_loss"][-1] < 0.1 * data["train_loss"][0]  # the small net memorizes its data
        assert data["train_loss_dropout"][-1] > data["train_loss"][-1]
    better = sum(d["val_loss_dropout"][-1] < d["val_loss"][-1] for d in runs)
    assert better >= 6


def test_p_is_clamped_and_the_result_is_strict_json():
    assert LAB.settings({"p": 1.0})["p"] == 0.95
    assert LAB.settings({"p": -0.5})["p"] == 0.0
    result = LAB.run({"p": 1.0})
    json.dumps(result.data, allow_nan=False)
    assert result.data["scale"] == pytest.approx(20.0)
    assert len(result.plots) == 2 and len(result.notes) == 3
