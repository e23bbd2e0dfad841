"""optimizers lab: surfaces and gradients, first steps against the update formulas, GD's stability limit,
noise, and the saddle escape."""

from __future__ import annotations

import math

import numpy as np
import pytest

from studyapp.labs.optimizers import LAB, OPTIMIZERS, SURFACES, level_set_points


def run(**settings):
    return LAB.run(settings).data


@pytest.mark.parametrize("name", sorted(SURFACES))
def test_gradients_match_finite_differences(name):
    surface = SURFACES[name]
    rng = np.random.default_rng(0)
    x0, x1, y0, y1 = surface.window
    points = np.column_stack([rng.uniform(x0, x1, 20), rng.uniform(y0, y1, 20)])
    h = 1e-6
    numeric = np.stack(
        [(surface.f(points + h * e) - surface.f(points - h * e)) / (2 * h) for e in np.eye(2)], axis=-1
    )
    np.testing.assert_allclose(surface.grad(points), numeric, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("name", sorted(SURFACES))
def test_minima_have_zero_gradient_and_value_f_min(name):
    surface = SURFACES[name]
    minima = np.array(surface.minima, dtype=float)
    np.testing.assert_allclose(surface.grad(minima), 0.0, atol=1e-12)
    np.testing.assert_allclose(surface.f(minima), surface.f_min)


def test_curvatures_are_the_hessian_eigenvalues_at_the_minimum():
    for surface in SURFACES.values():
        m = np.array(surface.minima[0], dtype=float)
        h = 1e-5
        hessian = np.stack([(surface.grad(m + h * e) - surface.grad(m - h * e)) / (2 * h) for e in np.eye(2)])
        np.testing.assert_allclose(sorted(np.linalg.eigvalsh(hessian)), surface.curvatures, rtol=1e-5)


def test_first_steps_follow_the_update_rules():
    lr, b1, b2 = 0.05, 0.8, 0.95
    data = run(surface="bowl", lr=lr, beta1=b1, beta2=b2, steps=2)
    start = np.array(SURFACES["bowl"].start)
    g0 = start * np.array([1.0, 30.0])
    paths = {name: np.array(p) for name, p in data["trajectories"].items()}
    np.testing.assert_allclose(paths["gd"][1], start - lr * g0)
    # PyTorch SGD momentum: b1 = g0, b2 = μ b1 + g1.
    theta1 = start - lr * g0
    g1 = theta1 * np.array([1.0, 30.0])
    np.testing.assert_allclose(paths["momentum"][2], theta1 - lr * (b1 * g0 + g1))
    # RMSprop: s = (1−α)g², step lr·g/(√s + eps) ≈ lr/√(1−α) per coordinate.
    np.testing.assert_allclose(np.abs(paths["rmsprop"][1] - start), lr / math.sqrt(1 - b2), rtol=1e-6)
    # Adam: bias correction makes the first step lr per coordinate.
    np.testing.assert_allclose(np.abs(paths["adam"][1] - start), lr, rtol=1e-6)


def test_gd_is_stable_below_two_over_lambda_max_and_diverges_above():
    limit = 2 / 30
    below = run(surface="bowl", lr=0.9 * limit, steps=400)
    above = run(surface="bowl", lr=1.1 * limit, steps=400)
    assert below["diverged_at"]["gd"] is None
    assert below["final_loss"]["gd"] < 1e-6
    assert above["diverged_at"]["gd"] is not None
    assert above["final_loss"]["gd"] is None
    assert len(above["trajectories"]["gd"]) == above["diverged_at"]["gd"]
    assert above["gd_lr_limit"] == pytest.approx(limit)


def test_noise_is_seeded_and_smaller_for_minibatch():
    a, b = run(seed=1), run(seed=1)
    assert a == b
    c = run(seed=2)
    assert c["trajectories"]["gd"] == a["trajectories"]["gd"]
    assert c["trajectories"]["sgd"] != a["trajectories"]["sgd"]
    sgd = np.mean([run(seed=s, lr=0.02, steps=200)["final_loss"]["sgd"] for s in range(8)])
    mini = np.mean([run(seed=s, lr=0.02, steps=200)["final_loss"]["minibatch"] for s in range(8)])
    assert mini < sgd / 4  # the noise variance is 16× smaller


def test_noisy_surface_gives_gd_noise_too():
    clean = run(surface="bowl")
    noisy = run(surface="noisy")
    assert noisy["trajectories"]["gd"] != clean["trajectories"]["gd"]
    assert noisy["final_loss"]["gd"] > clean["final_loss"]["gd"]


def test_adaptive_methods_escape_the_saddle_while_gd_creeps():
    # Across the ridge GD multiplies y by (1 + lr) per step: 1e-3 · 1.05¹⁰⁰ ≈ 0.13 after 100 steps.
    data = run(surface="saddle", lr=0.05, steps=100)
    y = {name: abs(p[-1][1]) for name, p in data["trajectories"].items()}
    assert y["gd"] == pytest.approx(1e-3 * 1.05**100, rel=0.05)
    assert y["adam"] > 0.8
    assert y["rmsprop"] > 0.8


def test_trajectories_and_losses_for_every_optimizer():
    data = run(steps=30)
    assert set(data["trajectories"]) == set(OPTIMIZERS) == set(data["final_loss"])
    for name in OPTIMIZERS:
        path = data["trajectories"][name]
        assert len(path) == 31
        assert path[0] == list(SURFACES["bowl"].start)
        assert data["final_loss"][name] == pytest.approx(float(SURFACES["bowl"].f(np.array(path[-1]))))


def test_level_sets_lie_in_the_window_on_few_distinct_levels():
    surface = SURFACES["bowl"]
    xs, ys = level_set_points(surface, count=4)
    assert len(xs) > 50
    x0, x1, y0, y1 = surface.window
    assert min(xs) >= x0 and max(xs) <= x1 and min(ys) >= y0 and max(ys) <= y1
    values = np.sort(surface.f(np.column_stack([xs, ys])))
    jumps = np.diff(values) > 0.1 * values[1:]
    assert 3 <= jumps.sum() + 1 <= 4 + 2  # four levels, allowing interpolation spread


def test_notes_judge_stability():
    assert any("unstable" in n for n in LAB.run({"surface": "bowl", "lr": 0.1}).notes)
    assert not any("unstable" in n for n in LAB.run({"surface": "bowl", "lr": 0.05}).notes)


def test_loss_plot_stops_following_a_diverging_run():
    result = LAB.run({"surface": "bowl", "lr": 0.1, "steps": 200})
    gd = next(s for s in result.plots[1].series if s.label == "gd")
    start_gap = 0.5 * (4.0**2 + 30 * 1.5**2)  # f at the start (-4, 1.5), f* = 0
    assert gd.y[0] == pytest.approx(start_gap)
    assert max(gd.y) <= 100 * start_gap
    assert 2 < len(gd.y) < 201
