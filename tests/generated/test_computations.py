"""Every registered computation against hand-worked values or an independent formula."""

import math

import pytest

from studyapp.generated import REGISTRY

SQRT2 = math.sqrt(2)


def sigmoid(x):
    return 1 / (1 + math.exp(-x))


# (computation, params, expected answer) — worked by hand or by a formula written here.
CASES = [
    ("sigmoid_derivative", {"x": 0.0}, 0.25),
    ("sigmoid_derivative", {"x": 2.0}, 0.104994),
    ("sigmoid_derivative", {"x": -3.0}, math.exp(3) / (1 + math.exp(3)) ** 2),
    ("tanh_derivative", {"x": 0.0}, 1.0),
    ("tanh_derivative", {"x": 2.0}, 0.070651),
    ("tanh_derivative", {"x": -1.5}, 1 / math.cosh(1.5) ** 2),
    ("gelu", {"x": 0.0}, 0.0),
    ("gelu", {"x": 1.0}, 0.8413447),  # Φ(1) from a normal table
    ("gelu", {"x": -1.0}, -(1 - 0.8413447)),
    ("sigmoid_chain_bound", {"n": 3}, 1 / 64),
    ("sigmoid_chain_bound", {"n": 10}, 1 / 4**10),
    ("clip_norm_component", {"g1": 3.0, "g2": 4.0, "max_norm": 1.0}, 3 * 1 / (5 + 1e-6)),
    ("clip_norm_component", {"g1": 3.0, "g2": 4.0, "max_norm": 10.0}, 3.0),  # never scaled up
    ("clip_norm_component", {"g1": -6.0, "g2": 8.0, "max_norm": 5.0}, -6 * 5 / (10 + 1e-6)),
    ("grad_norm", {"g1": 3.0, "g2": 4.0}, 5.0),
    ("grad_norm", {"g1": -5.0, "g2": 12.0}, 13.0),
    # (3, 4) clipped at 1 → (1, 1): cos θ = 7/(5√2)
    ("clip_value_angle", {"g1": 3.0, "g2": 4.0, "clip_value": 1.0}, math.degrees(math.acos(7 / (5 * SQRT2)))),
    ("clip_value_angle", {"g1": 3.0, "g2": 4.0, "clip_value": 10.0}, 0.0),
    ("clip_value_angle", {"g1": 5.0, "g2": 0.0, "clip_value": 1.0}, 0.0),
    ("clip_value_angle", {"g1": 0.0, "g2": 0.0, "clip_value": 1.0}, 0.0),
    # (-2, 0.5) clipped at 1 → (-1, 0.5): cos θ = 2.25/(√4.25·√1.25)
    (
        "clip_value_angle",
        {"g1": -2.0, "g2": 0.5, "clip_value": 1.0},
        math.degrees(math.acos(2.25 / math.sqrt(4.25 * 1.25))),
    ),
    ("dropout_scale", {"p": 0.5}, 2.0),
    ("dropout_scale", {"p": 0.2}, 1.25),
    ("dropout_scale", {"p": 0.0}, 1.0),
    ("dropout_expected_kept", {"n": 100, "p": 0.3}, 70.0),
    ("xavier_std", {"fan_in": 100, "fan_out": 100}, 0.1),
    ("xavier_uniform_bound", {"fan_in": 100, "fan_out": 200}, math.sqrt(6 / 300)),
    ("he_std", {"fan_in": 50}, 0.2),
    ("he_uniform_bound", {"fan_in": 6}, 1.0),  # √2·√(3/6)
    ("init_gain", {"nonlinearity": "tanh"}, 5 / 3),
    ("init_gain", {"nonlinearity": "relu"}, SQRT2),
    ("init_gain", {"nonlinearity": "leaky_relu"}, math.sqrt(2 / (1 + 0.01**2))),
    ("init_gain", {"nonlinearity": "selu"}, 0.75),
    ("init_gain", {"nonlinearity": "sigmoid"}, 1.0),
    ("sgd_step", {"theta": 2.0, "grad": 3.0, "lr": 0.1}, 1.7),
    # v' = 0.9·2 + 0.1·4 = 2.2; θ' = 1 − 0.1·2.2
    ("momentum_ema_step", {"theta": 1.0, "v": 2.0, "grad": 4.0, "beta": 0.9, "lr": 0.1}, 0.78),
    ("momentum_ema_step", {"theta": -3.0, "v": 0.5, "grad": -1.0, "beta": 0.0, "lr": 0.5}, -2.5),
    # b₁ = 1, θ₁ = −0.1; b₂ = 0.9 + 2 = 2.9, θ₂ = −0.1 − 0.29
    ("sgd_momentum_two_steps", {"g1": 1.0, "g2": 2.0, "momentum": 0.9, "lr": 0.1}, -0.39),
    ("sgd_momentum_two_steps", {"g1": 4.0, "g2": -1.0, "momentum": 0.5, "lr": 0.25}, -1.0 - 0.25 * 1.0),
    ("rmsprop_first_step", {"grad": 2.0, "lr": 0.01, "alpha": 0.99}, 0.01 * 2 / (math.sqrt(0.01 * 4) + 1e-8)),
    (
        "rmsprop_first_step",
        {"grad": -0.3, "lr": 0.1, "alpha": 0.9},
        0.1 * 0.3 / (math.sqrt(0.1 * 0.09) + 1e-8),
    ),
    ("adam_first_step", {"grad": -5.0, "lr": 0.001, "beta1": 0.9, "beta2": 0.999}, 0.001 * 5 / (5 + 1e-8)),
    ("adam_first_step", {"grad": 0.02, "lr": 0.1, "beta1": 0.8, "beta2": 0.99}, 0.1 * 0.02 / (0.02 + 1e-8)),
    ("adam_two_steps", {"g1": 1.0, "g2": 1.0, "lr": 0.1, "beta1": 0.9, "beta2": 0.999}, -0.2),
    ("ema_horizon", {"beta": 0.9}, 10.0),
    ("ema_horizon", {"beta": 0.99}, 100.0),
    ("gd_max_lr", {"curvature": 4.0}, 0.5),
    ("gd_optimal_lr", {"curvature_min": 1.0, "curvature_max": 3.0}, 0.5),
    ("l2_step", {"theta": 2.0, "grad": 1.0, "lr": 0.1, "weight_decay": 0.5}, 1.8),
    ("mse_loss", {"pred": 3.0, "target": 1.0}, 4.0),
    ("huber_loss", {"pred": 3.0, "target": 1.0, "delta": 1.0}, 1.5),  # r = 2 ≥ δ: δ(r − δ/2)
    ("huber_loss", {"pred": 1.5, "target": 1.0, "delta": 1.0}, 0.125),  # r = 0.5 < δ: r²/2
    ("huber_loss", {"pred": -4.0, "target": 0.0, "delta": 2.0}, 6.0),  # 2·(4 − 1)
    ("bce_loss", {"p": 0.8, "y": 1.0}, -math.log(0.8)),
    ("bce_loss", {"p": 0.8, "y": 0.0}, -math.log(0.2)),
    ("bce_with_logits", {"z": 0.0, "y": 1.0}, math.log(2)),
    ("bce_with_logits", {"z": 2.0, "y": 0.0}, -math.log(1 - sigmoid(2))),
    ("cross_entropy_uniform", {"num_classes": 10}, math.log(10)),
    ("cross_entropy_uniform", {"num_classes": 2}, math.log(2)),
    ("softmax_prob", {"z1": 0.0, "z2": 0.0, "z3": 0.0}, 1 / 3),
    ("softmax_prob", {"z1": 1.0, "z2": 2.0, "z3": 3.0}, math.e / (math.e + math.e**2 + math.e**3)),
    (
        "cross_entropy_logits",
        {"z1": 1.0, "z2": 2.0, "z3": 3.0, "target": 2},
        -math.log(math.e**3 / (math.e + math.e**2 + math.e**3)),
    ),
    ("cross_entropy_logits", {"z1": 0.0, "z2": 0.0, "z3": 0.0, "target": 0}, math.log(3)),
    ("batchnorm_running_mean", {"running": 1.0, "batch_mean": 3.0}, 1.2),
    ("batchnorm_running_mean", {"running": 0.0, "batch_mean": -5.0}, -0.5),
]


@pytest.mark.parametrize(("name", "params", "expected"), CASES)
def test_answer(name, params, expected):
    answer, solution = REGISTRY[name](params)
    assert answer == pytest.approx(expected, rel=1e-5, abs=1e-9)
    assert solution.strip()


def test_adam_two_steps_against_the_update_rule():
    b1, b2, lr, g1, g2 = 0.9, 0.999, 0.1, 1.0, -2.0
    m = v = theta = 0.0
    for t, g in enumerate((g1, g2), start=1):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        theta -= lr * (m / (1 - b1**t)) / (math.sqrt(v / (1 - b2**t)) + 1e-8)
    answer, _ = REGISTRY["adam_two_steps"]({"g1": g1, "g2": g2, "lr": lr, "beta1": b1, "beta2": b2})
    assert answer == pytest.approx(theta, rel=1e-9)
    assert answer == pytest.approx(-0.063390, abs=1e-6)  # worked by hand


def test_every_computation_has_a_hand_worked_case():
    assert {name for name, _, _ in CASES} == set(REGISTRY)


def test_clip_solution_shows_the_steps():
    _, solution = REGISTRY["clip_norm_component"]({"g1": 3.0, "g2": 4.0, "max_norm": 1.0})
    for part in ("√(3² + 4²)", "5.000", "0.2000", "3 × 0.2000"):
        assert part in solution


@pytest.mark.parametrize(("name", "params", "expected"), CASES)
def test_solution_is_one_plain_line(name, params, expected):
    _, solution = REGISTRY[name](params)
    assert "[" not in solution and "\n" not in solution
    assert any(ch.isdigit() for ch in solution)
