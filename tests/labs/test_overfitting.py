"""overfitting lab: early stopping on hand-made curves, the data, and what regularizers do to a short run."""

from __future__ import annotations

import numpy as np
import pytest

from studyapp.engine import nn
from studyapp.labs.overfitting import LAB, early_stopping, make_data, make_model, predict, restore

SHORT = {"epochs": 60}


def test_early_stopping_on_a_hand_made_curve():
    val = [5.0, 4.0, 3.0, 3.5, 3.6, 3.7, 2.0]
    assert early_stopping(val, patience=3) == (6, 3)  # epochs 4, 5, 6 bring no new best
    assert early_stopping(val, patience=4) == (7, 7)  # epoch 7 improves before patience runs out
    assert early_stopping([1.0, 1.0, 1.0], patience=1) == (2, 1)  # equal is not better


def test_data_is_sin_plus_seeded_noise():
    x, y, xv, yv = make_data(10, 0.0, np.random.default_rng(0))
    assert x.shape == y.shape == (10, 1)
    np.testing.assert_allclose(y, np.sin(x))
    np.testing.assert_allclose(yv, np.sin(xv))
    x2, y2, *_ = make_data(10, 0.5, np.random.default_rng(0))
    np.testing.assert_array_equal(x2, x)
    assert np.std(y2 - np.sin(x2)) == pytest.approx(0.5, rel=0.5)


def test_result_is_consistent_with_its_curves():
    data = LAB.run(SHORT).data
    assert len(data["train_loss"]) == len(data["val_loss"]) == 60
    val = data["val_loss"]
    assert data["best_epoch"] == 1 + val.index(min(val))
    stop, restored = data["stopped_epoch"], data["restored_epoch"]
    assert restored <= stop
    assert val[restored - 1] == min(val[:stop])
    if stop < 60:
        assert min(val[restored:stop]) >= val[restored - 1]
        assert stop - restored == LAB.param("patience").default


def test_seeded_runs_repeat_and_differ_by_seed():
    assert LAB.run({**SHORT, "seed": 4}).data == LAB.run({**SHORT, "seed": 4}).data
    assert LAB.run({**SHORT, "seed": 4}).data != LAB.run({**SHORT, "seed": 5}).data


def test_defaults_overfit():
    data = LAB.run().data
    train, val = data["train_loss"], data["val_loss"]
    assert len(val) == LAB.param("epochs").default
    assert train[-1] < train[0] / 5
    assert val[-1] > 1.5 * min(val)
    assert data["stopped_epoch"] < len(val)


def test_l2_keeps_the_training_loss_from_falling_as_far():
    free = LAB.run({**SHORT, "epochs": 150}).data
    decayed = LAB.run({**SHORT, "epochs": 150, "l2": LAB.param("l2").high}).data
    assert decayed["train_loss"][-1] > 2 * free["train_loss"][-1]


def test_dropout_and_augment_change_the_run():
    plain = LAB.run(SHORT).data
    for setting in ({"dropout": 0.5}, {"augment": 0.3}):
        changed = LAB.run({**SHORT, **setting}).data
        assert changed["train_loss"] != plain["train_loss"]
        assert all(np.isfinite(changed["train_loss"]))


def test_plots_mark_best_and_stop():
    result = LAB.run(SHORT)
    loss_plot, fit_plot = result.plots
    assert loss_plot.ylog
    assert [x for x, _ in loss_plot.marks] == [result.data["best_epoch"], result.data["stopped_epoch"]]
    assert {s.label for s in fit_plot.series} == {"train points", "sin x", "final", "early-stopped"}


def test_restore_loads_saved_weights_and_predict_uses_them():
    model = nn.Sequential(nn.Linear(1, 1, generator=np.random.default_rng(0)))
    restore(model, [np.array([[2.0]]), np.array([0.5])])
    np.testing.assert_array_equal(predict(model, np.array([1.0, 2.0])), [2.5, 4.5])  # 2x + 0.5


def test_dropout_layers_only_when_asked_for():
    rng = np.random.default_rng(0)
    assert not any(isinstance(m, nn.Dropout) for m in make_model(0.0, rng).modules())
    assert [m.p for m in make_model(0.3, rng).modules() if isinstance(m, nn.Dropout)] == [0.3, 0.3]


def test_early_stopped_fit_is_the_restored_epochs_model():
    result = LAB.run(SHORT)
    series = {s.label: s.y for s in result.plots[1].series}
    assert result.data["restored_epoch"] < 60  # the defaults overfit well before epoch 60
    assert series["early-stopped"] != series["final"]
