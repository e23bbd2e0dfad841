"""Gradient-clipping lab: hand-worked clips, the angle, the cliff run, clamped settings."""

import json
import math

import numpy as np
import pytest

from studyapp.errors import StudyAppError
from studyapp.labs import get_lab

LAB = get_lab("gradient-clipping")


def cliff_loss(w1: float, w2: float) -> float:
    """The lab's loss written out by hand: ½·15(w₁ + 0.5)² + ½(w₂ − 1)² + ½·400·max(w₁, 0)²."""
    return 0.5 * 15 * (w1 + 0.5) ** 2 + 0.5 * (w2 - 1) ** 2 + 0.5 * 400 * max(w1, 0.0) ** 2


def test_norm_clip_of_3_4_to_1_keeps_the_direction():
    data = LAB.run({"grad": [3, 4], "threshold": 1.0, "mode": "norm"}).data
    coef = 1.0 / (5.0 + 1e-6)  # PyTorch's max_norm / (total + 1e-6)
    assert data["clipped"] == pytest.approx([3 * coef, 4 * coef], rel=1e-12)
    assert data["clipped"] == pytest.approx([0.6, 0.8], rel=1e-6)
    assert data["norm_before"] == 5.0
    assert data["norm_after"] == pytest.approx(1.0, rel=1e-6)
    assert data["direction_kept"] is True
    assert data["angle_degrees"] == pytest.approx(0.0, abs=1e-9)


def test_value_clip_of_3_4_to_1_turns_the_direction():
    data = LAB.run({"grad": [3, 4], "threshold": 1.0, "mode": "value"}).data
    assert data["clipped"] == [1.0, 1.0]
    assert data["norm_after"] == pytest.approx(math.sqrt(2))
    assert data["direction_kept"] is False
    # atan(4/3) = 53.13° for [3, 4]; 45° for [1, 1]
    assert data["angle_degrees"] == pytest.approx(math.degrees(math.atan2(4, 3)) - 45.0, rel=1e-9)


def test_small_gradients_are_never_scaled_up():
    data = LAB.run({"grad": [0.3, -0.4], "threshold": 1.0, "mode": "norm"}).data
    assert data["clipped"] == [0.3, -0.4]
    assert data["direction_kept"] is True


def test_value_clip_clamps_each_component_on_its_own():
    data = LAB.run({"grad": [-5, 0.5, 2], "threshold": 1.0, "mode": "value"}).data
    assert data["clipped"] == [-1.0, 0.5, 1.0]
    assert data["direction_kept"] is False


def test_norm_clip_in_three_dimensions():
    data = LAB.run({"grad": [1, 2, 2], "threshold": 1.5, "mode": "norm"}).data  # norm 3 → 1.5: halve
    assert data["clipped"] == pytest.approx([0.5, 1.0, 1.0], rel=1e-6)
    assert data["angle_degrees"] == pytest.approx(0.0, abs=1e-9)


def test_unclipped_sgd_on_the_cliff_diverges_and_clipping_converges():
    data = LAB.run().data
    plain, clipped = data["loss_unclipped"], data["loss_clipped"]
    assert plain[0] == clipped[0] == pytest.approx(cliff_loss(-4, -2))
    # first unclipped step by hand: g = (15·(−3.5), −3) = (−52.5, −3), lr 0.1 → w = (1.25, −1.7), on the wall
    assert plain[1] == pytest.approx(cliff_loss(1.25, -1.7))
    assert data["unclipped_diverged_at"] == len(plain) - 1 and plain[-1] >= 1e12
    # first clipped step by hand: the same g rescaled to norm 1
    g = np.array([-52.5, -3.0])
    w = np.array([-4.0, -2.0]) - 0.1 * g / (np.linalg.norm(g) + 1e-6)
    assert clipped[1] == pytest.approx(cliff_loss(*w))
    assert clipped[-1] < 1e-1 * clipped[0] and max(clipped) == clipped[0]


def test_a_large_threshold_bounds_the_loss_without_curing_the_bounce():
    data = LAB.run({"threshold": 100.0}).data
    assert data["unclipped_diverged_at"] is not None
    assert max(data["loss_clipped"]) < 1e4  # steps are at most lr·100 = 10 long, so w stays near the cliff


def test_out_of_bounds_settings_are_clamped():
    settings = LAB.settings({"threshold": 0.0, "grad": [1e9, -1e9, *range(20)]})
    assert settings["threshold"] == 0.01
    assert settings["grad"][:2] == [1000.0, -1000.0] and len(settings["grad"]) == 8
    assert LAB.settings({"grad": "3,4"}, from_text=True)["grad"] == [3.0, 4.0]
    with pytest.raises(StudyAppError):
        LAB.settings({"mode": "l1"})


def test_result_is_strict_json_with_a_vector_plot_and_a_log_loss_plot():
    result = LAB.run({"grad": [3, 4, 12]})
    json.dumps(result.data, allow_nan=False)
    vector, losses = result.plots
    assert [s.style for s in vector.series] == ["bar", "bar"]
    assert losses.ylog and all(y > 0 for s in losses.series for y in s.y)
    assert any("direction" in note for note in result.notes)
