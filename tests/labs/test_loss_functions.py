"""loss-functions lab: curves against the textbook formulas, gradients against finite differences, and the
outlier fits against hand-worked values."""

from __future__ import annotations

import math

import numpy as np
import pytest

from studyapp.engine import functional as F
from studyapp.labs.loss_functions import LAB, fit_constant, outlier_fits


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def regression(**settings):
    return LAB.run({"task": "regression", **settings}).data


def classification(**settings):
    return LAB.run({"task": "classification", **settings}).data


def test_regression_losses_and_gradients_follow_the_formulas():
    data = regression(target=0.5, delta=1.5)
    r = np.array(data["prediction"]) - 0.5
    huber = np.where(np.abs(r) < 1.5, 0.5 * r**2, 1.5 * (np.abs(r) - 0.75))
    np.testing.assert_allclose(data["losses"]["mse"], r**2, atol=1e-12)
    np.testing.assert_allclose(data["losses"]["mae"], np.abs(r), atol=1e-12)
    np.testing.assert_allclose(data["losses"]["huber"], huber, atol=1e-12)
    np.testing.assert_allclose(data["gradients"]["mse"], 2 * r, atol=1e-12)
    np.testing.assert_allclose(data["gradients"]["huber"], np.clip(r, -1.5, 1.5), atol=1e-12)
    off_kink = np.abs(r) > 1e-9
    np.testing.assert_allclose(np.array(data["gradients"]["mae"])[off_kink], np.sign(r[off_kink]))


@pytest.mark.parametrize("task", ["regression", "classification"])
def test_gradients_match_finite_differences_of_the_loss_curves(task):
    data = LAB.run({"task": task, "target": 1.0}).data
    x = np.array(data["prediction"])
    for name, loss in data["losses"].items():
        loss = np.array(loss)
        slope = np.diff(loss) / np.diff(x)
        grad = np.array(data["gradients"][name])
        mid = 0.5 * (grad[1:] + grad[:-1])
        smooth = np.abs(np.diff(grad)) < 0.2  # skip the kinks of MAE and hinge
        np.testing.assert_allclose(slope[smooth], mid[smooth], atol=5e-3, err_msg=name)


def test_classification_values_at_zero_logit():
    data = classification(target=1.0)
    z = np.array(data["prediction"])
    i = int(np.argmin(np.abs(z)))
    assert z[i] == 0.0
    assert data["losses"]["bce"][i] == pytest.approx(math.log(2))
    assert data["losses"]["cross_entropy"][i] == pytest.approx(math.log(3))  # uniform over 3 classes
    assert data["losses"]["hinge"][i] == pytest.approx(1.0)
    np.testing.assert_allclose(data["gradients"]["bce"], sigmoid(z) - 1, atol=1e-12)
    hinge_grad = np.array(data["gradients"]["hinge"])
    assert np.all(hinge_grad[z < 1] == -1.0) and np.all(hinge_grad[z > 1] == 0.0)


def test_classification_label_is_the_target_clipped_to_unit_interval():
    low = classification(target=-2.0)
    assert low["label"] == 0.0
    z = np.array(low["prediction"])
    np.testing.assert_allclose(low["losses"]["bce"], np.log1p(np.exp(z)), atol=1e-12)
    np.testing.assert_allclose(low["losses"]["hinge"], np.maximum(0, 1 + z), atol=1e-12)
    assert classification(target=3.0)["label"] == 1.0


def test_bce_on_probabilities_has_a_gradient_that_blows_up():
    probe = classification(target=1.0)["bce_at_probe"]
    p = sigmoid(probe["logit"])
    assert probe["grad_logit"] == pytest.approx(p - 1)
    assert probe["grad_probability"] == pytest.approx(-1 / p)
    assert abs(probe["grad_probability"]) > 10 * abs(probe["grad_logit"])


def test_outlier_fits_hand_worked():
    # Sample 0 ± 0.5, ± 1, ± 1.5 and 10. Mean 10/7. Median: 0.5 (4th of 7). Huber δ = 1: for c in (0, 0.5)
    # the clipped residuals sum to −1 −1 (−0.5−c) + (0.5−c) + (1−c) + 1 + 1 = 1 − 3c, zero at c = 1/3.
    sample, fits = outlier_fits(target=0.0, outlier=10.0, delta=1.0)
    assert sorted(sample) == [-1.5, -1.0, -0.5, 0.5, 1.0, 1.5, 10.0]
    assert fits["mse"] == pytest.approx(10 / 7, abs=1e-6)
    assert fits["mae"] == pytest.approx(0.5, abs=1e-4)
    assert fits["huber"] == pytest.approx(1 / 3, abs=1e-6)


def test_huber_fit_agrees_with_iteratively_reweighted_mean():
    rng = np.random.default_rng(3)
    sample = np.concatenate([rng.normal(2.0, 1.0, 9), [25.0, -7.0]])
    mine = fit_constant(sample, F.huber_loss, delta=0.7)
    gold = np.median(sample)
    for _ in range(200):  # IRLS: weights min(1, δ/|r|)
        w = np.minimum(1.0, 0.7 / np.maximum(np.abs(sample - gold), 1e-12))
        gold = np.sum(w * sample) / np.sum(w)
    assert mine == pytest.approx(gold, abs=1e-5)


def test_an_outlier_drags_the_mean_without_bound_and_the_others_a_bounded_amount():
    near = regression(target=0.0, outlier=40.0, delta=1.0)["fit_with_outlier"]
    far = regression(target=0.0, outlier=50.0, delta=1.0)["fit_with_outlier"]
    assert near["mse"] == pytest.approx(40 / 7, abs=1e-6)
    assert far["mse"] == pytest.approx(50 / 7, abs=1e-6)
    assert far["mae"] == pytest.approx(near["mae"], abs=1e-5)
    assert far["huber"] == pytest.approx(near["huber"], abs=1e-6)
    assert max(near["mae"], near["huber"]) < near["mse"] / 5


def test_plots_per_task():
    assert [p.title for p in LAB.run({"task": "regression"}).plots][2].startswith("Best constant")
    assert len(LAB.run({"task": "classification"}).plots) == 2


def test_settings_are_clamped():
    settings = LAB.settings({"delta": 0.0, "outlier": 1e9, "target": -10})
    assert settings["delta"] == LAB.param("delta").low
    assert settings["outlier"] == LAB.param("outlier").high
    assert settings["target"] == LAB.param("target").low
