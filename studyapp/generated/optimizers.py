"""Computations on optimizer updates, each run through the engine's PyTorch-mirroring optimizer.

SGD: θ −= lr·(g + wd·θ); with momentum μ, b₁ = g₁ then b = μb + g. EMA momentum: v = βv + (1−β)g,
θ −= lr·v. RMSprop: s = αs + (1−α)g², θ −= lr·g/(√s + eps). Adam: bias-corrected m̂/(√v̂ + eps).
"""

from __future__ import annotations

from studyapp.engine import optim
from studyapp.generated.computation import Computation, Worked, number
from studyapp.generated.formatting import approx, result, shown
from studyapp.generated.probes import trajectory

THETA = number("theta", -1000.0, 1000.0, "current parameter value")
GRAD = number("grad", -1000.0, 1000.0, "gradient")
G1 = number("g1", -1000.0, 1000.0, "first gradient")
G2 = number("g2", -1000.0, 1000.0, "second gradient")
LR = number("lr", 1e-6, 10.0, "learning rate")
BETA = number("beta", 0.0, 0.999, "EMA coefficient β")
BETA1 = number("beta1", 0.0, 0.999, "Adam β₁")
BETA2 = number("beta2", 0.0, 0.9999, "Adam β₂")
EPS = 1e-8


def sgd_step(theta: float, grad: float, lr: float) -> Worked:
    (after,) = trajectory(lambda ps: optim.SGD(ps, lr=lr), theta, [grad])
    return after, f"θ₁ = θ − lr·g = {shown(theta)} − {shown(lr)} × {shown(grad)} = {result(after)}"


def momentum_ema_step(theta: float, v: float, grad: float, beta: float, lr: float) -> Worked:
    # A first step with gradient v/(1 − β) from θ + lr·v leaves the optimizer at θ with velocity v.
    path = trajectory(
        lambda ps: optim.EMAMomentum(ps, lr=lr, beta=beta), theta + lr * v, [v / (1 - beta), grad]
    )
    velocity = beta * v + (1 - beta) * grad
    return path[-1], (
        f"v' = βv + (1 − β)g = {shown(beta)} × {shown(v)} + {approx(1 - beta)} × {shown(grad)} = "
        f"{approx(velocity)}; θ' = θ − lr·v' = {shown(theta)} − {shown(lr)} × {approx(velocity)} "
        f"= {result(path[-1])}"
    )


def sgd_momentum_two_steps(g1: float, g2: float, momentum: float, lr: float) -> Worked:
    theta1, theta2 = trajectory(lambda ps: optim.SGD(ps, lr=lr, momentum=momentum), 0.0, [g1, g2])
    b2 = momentum * g1 + g2
    return theta2, (
        f"b₁ = g₁ = {shown(g1)}; θ₁ = 0 − lr·b₁ = {approx(theta1)}; "
        f"b₂ = μb₁ + g₂ = {shown(momentum)} × {shown(g1)} + {shown(g2)} = {approx(b2)}; "
        f"θ₂ = θ₁ − lr·b₂ = {approx(theta1)} − {shown(lr)} × {approx(b2)} = {result(theta2)}"
    )


def rmsprop_first_step(grad: float, lr: float, alpha: float) -> Worked:
    (after,) = trajectory(lambda ps: optim.RMSprop(ps, lr=lr, alpha=alpha), 0.0, [grad])
    square = (1 - alpha) * grad**2
    return abs(after), (
        f"s₁ = (1 − α)g² = {approx(1 - alpha)} × {shown(grad)}² = {approx(square)}; "
        f"|Δθ| = lr·|g|/(√s₁ + 1e-8) = {shown(lr)} × {approx(abs(grad))}/{approx(square**0.5)} "
        f"= {result(abs(after))} (no bias correction: ≈ lr/√(1 − α))"
    )


def adam_first_step(grad: float, lr: float, beta1: float, beta2: float) -> Worked:
    (after,) = trajectory(lambda ps: optim.Adam(ps, lr=lr, betas=(beta1, beta2)), 0.0, [grad])
    m, v = (1 - beta1) * grad, (1 - beta2) * grad**2
    return abs(after), (
        f"m₁ = (1 − β₁)g = {approx(m)}; v₁ = (1 − β₂)g² = {approx(v)}; "
        f"m̂ = m₁/(1 − β₁) = {approx(m / (1 - beta1))}; v̂ = v₁/(1 − β₂) = {approx(v / (1 - beta2))}; "
        f"|Δθ| = lr·|m̂|/(√v̂ + 1e-8) = {result(abs(after))} (≈ lr whatever g is)"
    )


def adam_two_steps(g1: float, g2: float, lr: float, beta1: float, beta2: float) -> Worked:
    theta1, theta2 = trajectory(lambda ps: optim.Adam(ps, lr=lr, betas=(beta1, beta2)), 0.0, [g1, g2])
    m1, v1 = (1 - beta1) * g1, (1 - beta2) * g1**2
    m2, v2 = beta1 * m1 + (1 - beta1) * g2, beta2 * v1 + (1 - beta2) * g2**2
    m_hat, v_hat = m2 / (1 - beta1**2), v2 / (1 - beta2**2)
    return theta2, (
        f"step 1: m̂ = g₁, v̂ = g₁², θ₁ = −lr·g₁/(|g₁| + 1e-8) = {approx(theta1)}; "
        f"step 2: m₂ = β₁m₁ + (1 − β₁)g₂ = {approx(m2)}, v₂ = β₂v₁ + (1 − β₂)g₂² = {approx(v2)}; "
        f"m̂ = m₂/(1 − β₁²) = {approx(m_hat)}, v̂ = v₂/(1 − β₂²) = {approx(v_hat)}; "
        f"θ₂ = θ₁ − lr·m̂/(√v̂ + 1e-8) = {result(theta2)}"
    )


def ema_horizon(beta: float) -> Worked:
    horizon = 1 / (1 - beta)
    return horizon, (
        f"weights decay as βᵏ and sum to 1/(1 − β): 1/(1 − {shown(beta)}) = {result(horizon)} steps"
    )


def gd_max_lr(curvature: float) -> Worked:
    limit = 2 / curvature
    return limit, (
        f"on f = ½λθ² a step multiplies θ by (1 − αλ), which shrinks iff |1 − αλ| < 1, i.e. α < 2/λ = "
        f"2/{shown(curvature)} = {result(limit)}"
    )


def gd_optimal_lr(curvature_min: float, curvature_max: float) -> Worked:
    best = 2 / (curvature_min + curvature_max)
    return best, (
        f"α* = 2/(λ_min + λ_max) balances |1 − αλ| at both ends: 2/({shown(curvature_min)} + "
        f"{shown(curvature_max)}) = {result(best)}"
    )


def l2_step(theta: float, grad: float, lr: float, weight_decay: float) -> Worked:
    (after,) = trajectory(lambda ps: optim.SGD(ps, lr=lr, weight_decay=weight_decay), theta, [grad])
    total = grad + weight_decay * theta
    return after, (
        f"g + wd·θ = {shown(grad)} + {shown(weight_decay)} × {shown(theta)} = {approx(total)}; "
        f"θ₁ = θ − lr(g + wd·θ) = {shown(theta)} − {shown(lr)} × {approx(total)} = {result(after)}"
    )


def _lr(p):
    return {"lr": p["lr"]}


CURVATURE = number("curvature", 1e-3, 1e6, "second derivative λ of the quadratic")

COMPUTATIONS = (
    Computation("sgd_step", "θ − lr·g", (THETA, GRAD, LR), "optimizers", sgd_step, _lr),
    Computation(
        "momentum_ema_step",
        "θ − lr(βv + (1 − β)g)",
        (THETA, number("v", -1000.0, 1000.0, "current velocity"), GRAD, BETA, LR),
        "optimizers",
        momentum_ema_step,
        lambda p: {"lr": p["lr"], "beta1": p["beta"]},
    ),
    Computation(
        "sgd_momentum_two_steps",
        "θ₂ from θ₀ = 0 under SGD with momentum (b₁ = g₁, b₂ = μb₁ + g₂)",
        (G1, G2, number("momentum", 0.0, 0.999, "momentum μ"), LR),
        "optimizers",
        sgd_momentum_two_steps,
        lambda p: {"lr": p["lr"], "beta1": p["momentum"]},
    ),
    Computation(
        "rmsprop_first_step",
        "|Δθ| of RMSprop's first step: lr·|g|/(√((1 − α)g²) + 1e-8)",
        (GRAD, LR, number("alpha", 0.0, 0.9999, "RMSprop smoothing α")),
        "optimizers",
        rmsprop_first_step,
        _lr,
    ),
    Computation(
        "adam_first_step",
        "|Δθ| of Adam's first step (≈ lr)",
        (GRAD, LR, BETA1, BETA2),
        "optimizers",
        adam_first_step,
        lambda p: {"lr": p["lr"], "beta1": p["beta1"], "beta2": p["beta2"]},
    ),
    Computation(
        "adam_two_steps",
        "θ₂ from θ₀ = 0 under Adam",
        (G1, G2, LR, BETA1, BETA2),
        "optimizers",
        adam_two_steps,
        lambda p: {"lr": p["lr"], "beta1": p["beta1"], "beta2": p["beta2"]},
    ),
    Computation(
        "ema_horizon",
        "steps an EMA averages over: 1/(1 − β)",
        (BETA,),
        "optimizers",
        ema_horizon,
        lambda p: {"beta1": p["beta"]},
    ),
    Computation(
        "gd_max_lr",
        "largest stable gradient-descent step on a quadratic: 2/λ",
        (CURVATURE,),
        "optimizers",
        gd_max_lr,
        lambda p: {"surface": "bowl"},
    ),
    Computation(
        "gd_optimal_lr",
        "best gradient-descent step on a quadratic: 2/(λ_min + λ_max)",
        (
            number("curvature_min", 1e-3, 1e6, "smallest curvature"),
            number("curvature_max", 1e-3, 1e6, "largest curvature"),
        ),
        "optimizers",
        gd_optimal_lr,
        lambda p: {"surface": "bowl"},
    ),
    Computation(
        "l2_step",
        "θ − lr(g + wd·θ) (SGD weight_decay)",
        (THETA, GRAD, LR, number("weight_decay", 0.0, 10.0, "L2 coefficient")),
        "overfitting",
        l2_step,
        lambda p: {"l2": p["weight_decay"]},
    ),
)
