"""Optimizers: the first one or two steps worked by hand, the ENGINE.md facts, and torch's validation."""

import math

import numpy as np
import pytest

from studyapp.engine import Tensor, nn, optim
from studyapp.engine import functional as F


def trajectory(make, theta0, grads):
    """θ after each step of `make([p])` from θ₀, step k seeing gradient grads[k] (scalars or vectors)."""
    p = Tensor(np.atleast_1d(np.asarray(theta0, dtype=float)), requires_grad=True)
    opt = make([p])
    out = []
    for g in grads:
        p.grad = np.atleast_1d(np.asarray(g, dtype=float))
        opt.step()
        out.append(p.data.copy())
    return [x[0] if x.size == 1 else x for x in out]


def test_sgd_plain_and_weight_decay_by_hand():
    assert trajectory(lambda ps: optim.SGD(ps, lr=0.1), [1.0, -2.0], [[0.5, 1.0]])[0] == pytest.approx(
        [0.95, -2.1]
    )
    # wd 0.1: g' = 1 + 0.1·2 = 1.2 → 2 − 0.12 = 1.88; g' = 1 + 0.188 → 1.88 − 0.1188 = 1.7612
    steps = trajectory(lambda ps: optim.SGD(ps, lr=0.1, weight_decay=0.1), 2.0, [1.0, 1.0])
    assert steps == pytest.approx([1.88, 1.7612])


def test_sgd_default_lr_is_1e_minus_3():
    assert trajectory(optim.SGD, 0.0, [1.0]) == pytest.approx([-1e-3])


def test_sgd_momentum_by_hand():
    # b₁ = g₁ = 1 → θ₁ = −0.1; b₂ = 0.9·1 + 2 = 2.9 → θ₂ = −0.1 − 0.29
    assert trajectory(lambda ps: optim.SGD(ps, lr=0.1, momentum=0.9), 0.0, [1.0, 2.0]) == pytest.approx(
        [-0.1, -0.39]
    )
    # dampening 0.5 is skipped on the first step: b₂ = 0.9 + 0.5·2 = 1.9
    damped = trajectory(lambda ps: optim.SGD(ps, lr=0.1, momentum=0.9, dampening=0.5), 0.0, [1.0, 2.0])
    assert damped == pytest.approx([-0.1, -0.29])


def test_sgd_nesterov_by_hand():
    # step₁ = g₁ + μb₁ = 1.9; b₂ = 2.9, step₂ = 2 + 0.9·2.9 = 4.61
    steps = trajectory(lambda ps: optim.SGD(ps, lr=0.1, momentum=0.9, nesterov=True), 0.0, [1.0, 2.0])
    assert steps == pytest.approx([-0.19, -0.651])


def test_sgd_validation_like_torch():
    p = [Tensor([0.0], requires_grad=True)]
    with pytest.raises(ValueError, match="Nesterov"):
        optim.SGD(p, lr=0.1, nesterov=True)
    with pytest.raises(ValueError, match="Nesterov"):
        optim.SGD(p, lr=0.1, momentum=0.9, dampening=0.1, nesterov=True)
    with pytest.raises(ValueError, match="learning rate"):
        optim.SGD(p, lr=-1.0)
    with pytest.raises(ValueError):
        optim.SGD(p, momentum=-0.5)


def test_ema_momentum_by_hand_and_equivalent_to_sgd():
    # v₁ = 0.1·1 → θ₁ = −0.01; v₂ = 0.09 + 0.2 = 0.29 → θ₂ = −0.039
    steps = trajectory(lambda ps: optim.EMAMomentum(ps, lr=0.1, beta=0.9), 0.0, [1.0, 2.0])
    assert steps == pytest.approx([-0.01, -0.039])
    grads = np.random.default_rng(0).normal(size=(30, 4))
    for lr, beta in [(0.1, 0.9), (0.5, 0.5), (0.02, 0.99)]:
        ema = trajectory(
            lambda ps, lr=lr, beta=beta: optim.EMAMomentum(ps, lr=lr, beta=beta), np.ones(4), grads
        )
        sgd = trajectory(
            lambda ps, lr=lr, beta=beta: optim.SGD(ps, lr=lr * (1 - beta), momentum=beta, dampening=0.0),
            np.ones(4),
            grads,
        )
        np.testing.assert_allclose(ema, sgd, rtol=1e-10, atol=1e-12)
    assert "SGD(lr=lr·(1−β), momentum=β, dampening=0)" in optim.EMAMomentum.__doc__


def test_rmsprop_plain_by_hand_and_first_step_fact():
    # s₁ = 0.01·4 = 0.04, θ₁ = −0.01·2/0.2 = −0.1; s₂ = 0.0396 + 0.01 = 0.0496, θ₂ = θ₁ − 0.01/√0.0496
    steps = trajectory(lambda ps: optim.RMSprop(ps, lr=0.01), 0.0, [2.0, 1.0])
    assert steps == pytest.approx([-0.1, -0.1449013], rel=1e-6)
    for g in (1e-3, 1.0, 50.0):
        # first step lr/√(1−α): 10·lr for α = 0.99, √10·lr for α = 0.9
        assert trajectory(lambda ps: optim.RMSprop(ps, lr=0.01), 0.0, [g])[0] == pytest.approx(-0.1, rel=1e-4)
        first = trajectory(lambda ps: optim.RMSprop(ps, lr=0.01, alpha=0.9), 0.0, [-g])[0]
        assert first == pytest.approx(0.01 / math.sqrt(0.1), rel=1e-4)


def test_rmsprop_centered_and_momentum_by_hand():
    # centered: ḡ₁ = 0.02, d = √(0.04 − 0.0004) = √0.0396 → θ₁ = −0.02/√0.0396
    centered = trajectory(lambda ps: optim.RMSprop(ps, lr=0.01, centered=True), 0.0, [2.0])
    assert centered[0] == pytest.approx(-0.1005038, rel=1e-6)
    # momentum 0.9: b₁ = 2/0.2 = 10 → θ₁ = −0.1; b₂ = 9 + 1/√0.0496 = 13.490120 → θ₂ = −0.2349012
    steps = trajectory(lambda ps: optim.RMSprop(ps, lr=0.01, momentum=0.9), 0.0, [2.0, 1.0])
    assert steps == pytest.approx([-0.1, -0.2349012], rel=1e-6)
    # weight decay is added to the gradient: θ₀ = 1, g = 0, wd = 0.5 → g' = 0.5, still a 10·lr first step
    assert trajectory(lambda ps: optim.RMSprop(ps, lr=0.01, weight_decay=0.5), 1.0, [0.0])[
        0
    ] == pytest.approx(0.9)


def test_adam_two_steps_by_hand():
    # m₁ = 0.2, v₁ = 0.004 → m̂ = 2, v̂ = 4 → θ₁ = −0.1
    # m₂ = 0.28, v₂ = 0.004996 → m̂ = 0.28/0.19, v̂ = 0.004996/0.001999 → θ₂ = −0.1 − 0.1·1.473684/1.580902
    steps = trajectory(lambda ps: optim.Adam(ps, lr=0.1), 0.0, [2.0, 1.0])
    assert steps == pytest.approx([-0.1, -0.1932180], rel=1e-6)


@pytest.mark.parametrize("g", [1e-4, 0.3, 1.0, 1e3])
def test_adam_first_step_is_lr_per_coordinate(g):
    # bias correction divides by (1 − βᵗ); multiplying instead would give a step 0.1·√0.001 ≈ 0.003 times lr
    step = trajectory(lambda ps: optim.Adam(ps, lr=0.01), [0.0, 0.0], [[g, -g / 7]])[0]
    np.testing.assert_allclose(step, [-0.01, 0.01], rtol=1e-3)


def test_adam_amsgrad_uses_the_max_second_moment():
    # g = 2 then 0: v₂ = 0.003996 < v₁ = 0.004; amsgrad keeps 0.004
    # → θ₂ = −0.1 − 0.1·(0.18/0.19)/√(0.004/0.001999)
    ams = trajectory(lambda ps: optim.Adam(ps, lr=0.1, amsgrad=True), 0.0, [2.0, 0.0])
    plain = trajectory(lambda ps: optim.Adam(ps, lr=0.1), 0.0, [2.0, 0.0])
    assert ams[1] == pytest.approx(-0.1669723, rel=1e-6)
    assert plain[1] == pytest.approx(-0.1670058, rel=1e-6)


def test_adam_coupled_l2_versus_adamw_decoupled_decay():
    # zero loss gradient, θ₀ = 1, lr = 0.1, wd = 0.1
    # Adam: g' = wd·θ = 0.1 is normalized → a full lr step: θ₁ = 0.9
    assert trajectory(lambda ps: optim.Adam(ps, lr=0.1, weight_decay=0.1), 1.0, [0.0]) == pytest.approx([0.9])
    # AdamW: θ ← θ(1 − lr·wd) = 0.99 and the Adam step on g = 0 is 0
    assert trajectory(lambda ps: optim.AdamW(ps, lr=0.1, weight_decay=0.1), 1.0, [0.0]) == pytest.approx(
        [0.99]
    )
    # default wd 1e-2: θ = 0.999, then −0.1·2/2 → 0.899
    assert trajectory(lambda ps: optim.AdamW(ps, lr=0.1), 1.0, [2.0]) == pytest.approx([0.899])


def reference_adam(theta, grads, lr, wd, decoupled, betas=(0.9, 0.999), eps=1e-8):
    """ENGINE.md's Adam/AdamW on one array, step by step; a None gradient skips the step."""
    theta, m, v, t = np.array(theta, dtype=float), 0.0, 0.0, 0
    for g in grads:
        if g is None:
            continue
        t += 1
        if decoupled:
            theta = theta * (1 - lr * wd)
        else:
            g = g + wd * theta
        m = betas[0] * m + (1 - betas[0]) * g
        v = betas[1] * v + (1 - betas[1]) * g * g
        theta = theta - lr * (m / (1 - betas[0] ** t)) / (np.sqrt(v / (1 - betas[1] ** t)) + eps)
    return theta, m, v


@pytest.mark.parametrize("make", [optim.Adam, optim.AdamW])
def test_adam_updates_many_parameters_together_like_each_on_its_own(make):
    rng = np.random.default_rng(5)
    shapes = [(3, 2), (2,), (1, 4)]
    params = [Tensor(rng.normal(size=s), requires_grad=True) for s in shapes]
    starts = [p.data.copy() for p in params]
    grads = [[rng.normal(size=s) for s in shapes] for _ in range(4)]
    grads[2][1] = None  # the second parameter sits out step 3: then each is stepped on its own
    opt = make(params, lr=0.05, weight_decay=0.02)
    for step in grads:
        for p, g in zip(params, step, strict=True):
            p.grad = g
        opt.step()
    for i, p in enumerate(params):
        theta, m, v = reference_adam(starts[i], [step[i] for step in grads], 0.05, 0.02, make is optim.AdamW)
        np.testing.assert_allclose(p.data, theta, rtol=1e-12)
        np.testing.assert_allclose(opt.state[p]["exp_avg"], m, rtol=1e-12)
        np.testing.assert_allclose(opt.state[p]["exp_avg_sq"], v, rtol=1e-12)
        assert opt.state[p]["step"] == (3 if i == 1 else 4)


def test_adam_validation():
    p = [Tensor([0.0], requires_grad=True)]
    with pytest.raises(ValueError, match="beta parameter at index 1"):
        optim.Adam(p, betas=(0.9, 1.0))
    with pytest.raises(ValueError):
        optim.Adam(p, eps=-1.0)


def test_gradient_descent_stability_limits_on_a_quadratic():
    # f = λθ²/2: GD converges iff αλ < 2; heavy-ball momentum β iff αλ < 2 + 2β
    lam = 4.0
    assert final_distance(lambda ps: optim.SGD(ps, lr=1.9 / lam), lam) < 1e-3
    assert final_distance(lambda ps: optim.SGD(ps, lr=2.1 / lam), lam) > 1.0
    assert final_distance(lambda ps: optim.SGD(ps, lr=2.9 / lam, momentum=0.5), lam) < 1e-3
    assert final_distance(lambda ps: optim.SGD(ps, lr=3.1 / lam, momentum=0.5), lam) > 1.0


def quadratic_path(opt_factory, curvatures, steps):
    """‖θ_k‖ for k = 0..steps on f = Σ λᵢθᵢ²/2 from θ₀ = (1, …, 1)."""
    lam = Tensor(np.asarray(curvatures, dtype=float))
    p = Tensor(np.ones(len(curvatures)), requires_grad=True)
    opt = opt_factory([p])
    norms = [np.linalg.norm(p.data)]
    for _ in range(steps):
        opt.zero_grad()
        (0.5 * lam * p * p).sum().backward()
        opt.step()
        norms.append(np.linalg.norm(p.data))
    return norms


def test_optimal_rates_on_an_ill_conditioned_quadratic():
    low, high = 1.0, 100.0
    kappa = high / low
    # GD with α = 2/(λ₁+λₙ) shrinks every coordinate by exactly (κ−1)/(κ+1) per step
    gd = quadratic_path(lambda ps: optim.SGD(ps, lr=2 / (low + high)), [low, high], 20)
    assert gd[20] / gd[19] == pytest.approx((kappa - 1) / (kappa + 1))
    # heavy ball with α = 4/(√λ₁+√λₙ)², β = ((√κ−1)/(√κ+1))² reaches rate (√κ−1)/(√κ+1)
    rate = (math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)
    heavy = quadratic_path(
        lambda ps: optim.SGD(ps, lr=4 / (math.sqrt(low) + math.sqrt(high)) ** 2, momentum=rate**2),
        [low, high],
        400,
    )
    assert heavy[400] / heavy[399] == pytest.approx(rate, rel=0.01)


def final_distance(make, lam, steps=300):
    """|θ| after `steps` steps on f = λθ²/2 from θ₀ = 1, gradients from backward()."""
    p = Tensor([1.0], requires_grad=True)
    opt = make([p])
    for _ in range(steps):
        opt.zero_grad()
        (0.5 * lam * p * p).sum().backward()
        opt.step()
    return abs(p.data[0])


def test_optimizer_base_groups_lr_zero_grad_closure():
    a, b = Tensor([1.0], requires_grad=True), Tensor([1.0], requires_grad=True)
    opt = optim.SGD([{"params": [a]}, {"params": b, "lr": 0.5}], lr=0.1)
    assert opt.lr == 0.1 and opt.param_groups[1]["lr"] == 0.5
    a.grad, b.grad = np.ones(1), np.ones(1)
    assert opt.step(lambda: 42.0) == 42.0
    assert a.data[0] == pytest.approx(0.9) and b.data[0] == pytest.approx(0.5)
    opt.lr = 0.01
    assert [g["lr"] for g in opt.param_groups] == [0.01, 0.01]
    opt.zero_grad(set_to_none=False)
    np.testing.assert_array_equal(a.grad, [0.0])
    opt.zero_grad()
    assert a.grad is None and b.grad is None
    opt.step()  # parameters without gradients are skipped
    assert a.data[0] == pytest.approx(0.9)
    with pytest.raises(TypeError):
        optim.SGD(a, lr=0.1)
    with pytest.raises(ValueError):
        optim.Adam([])


@pytest.mark.parametrize(
    "make",
    [
        lambda ps: optim.SGD(ps, lr=0.1, momentum=0.9),
        lambda ps: optim.RMSprop(ps, lr=0.01),
        lambda ps: optim.Adam(ps, lr=0.01),
        lambda ps: optim.AdamW(ps, lr=0.01),
        lambda ps: optim.EMAMomentum(ps, lr=0.3),
    ],
    ids=["sgd", "rmsprop", "adam", "adamw", "ema"],
)
def test_each_optimizer_trains_a_small_classifier(make):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 2))
    y = (x[:, 0] * x[:, 1] > 0).astype(int)  # XOR-like quadrants
    model = nn.Sequential(nn.Linear(2, 16, generator=rng), nn.Tanh(), nn.Linear(16, 2, generator=rng))
    opt = make(list(model.parameters()))
    losses = []
    for _ in range(150):
        opt.zero_grad()
        loss = F.cross_entropy(model(Tensor(x)), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    assert losses[-1] < 0.6 * losses[0]
