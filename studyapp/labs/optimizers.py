"""Optimizers racing on a 2-D surface, each stepped by the engine's `optim` classes from the same start.

gd: SGD on the exact gradient; sgd: the gradient plus N(0, σ²) noise per step (one example); minibatch:
noise σ/√B (B examples averaged); momentum: SGD(momentum=β₁); rmsprop: RMSprop(alpha=β₂); adam:
Adam(betas=(β₁, β₂)). On a quadratic, GD converges iff 0 < lr·λ < 2 for every Hessian eigenvalue λ, and
heavy-ball momentum iff 0 < lr·λ < 2 + 2β₁.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from studyapp.engine import Tensor, optim
from studyapp.labs.base import Lab, LabResult, Param, Plot, Series

OPTIMIZERS = ("gd", "sgd", "minibatch", "momentum", "rmsprop", "adam")
SGD_NOISE = 2.0
"""σ of the one-example gradient noise for sgd (and of the extra noise every optimizer gets on `noisy`)."""
BATCH = 16
DIVERGED = 1e6
"""A run whose |θ| passes this (or stops being finite) has diverged; its trajectory ends there."""
OFF_CHART = 100.0
"""The loss plot follows a diverging run until f − f* is this many times its start, so it stays readable."""
BOWL_CURVATURE = (1.0, 30.0)


@dataclass(frozen=True)
class Surface:
    """f(x, y) and its analytic gradient on arrays of points of shape (..., 2)."""

    name: str
    f: Callable[[np.ndarray], np.ndarray]
    grad: Callable[[np.ndarray], np.ndarray]
    start: tuple[float, float]
    window: tuple[float, float, float, float]  # x_min, x_max, y_min, y_max
    minima: tuple[tuple[float, float], ...]
    f_min: float
    curvatures: tuple[float, float]
    """Hessian eigenvalues at the minimum: GD's stability limit is lr < 2 / max."""
    noisy: bool = False


def _bowl_f(p: np.ndarray) -> np.ndarray:
    """0.5(λ₁x² + λ₂y²)"""
    return 0.5 * (BOWL_CURVATURE[0] * p[..., 0] ** 2 + BOWL_CURVATURE[1] * p[..., 1] ** 2)


def _bowl_grad(p: np.ndarray) -> np.ndarray:
    return p * np.array(BOWL_CURVATURE)


ROSENBROCK_B = 10.0


def _rosenbrock_f(p: np.ndarray) -> np.ndarray:
    """(1 − x)² + b(y − x²)²"""
    x, y = p[..., 0], p[..., 1]
    return (1 - x) ** 2 + ROSENBROCK_B * (y - x**2) ** 2


def _rosenbrock_grad(p: np.ndarray) -> np.ndarray:
    x, y = p[..., 0], p[..., 1]
    return np.stack(
        [-2 * (1 - x) - 4 * ROSENBROCK_B * x * (y - x**2), 2 * ROSENBROCK_B * (y - x**2)], axis=-1
    )


def _saddle_f(p: np.ndarray) -> np.ndarray:
    """0.5x² − 0.5y² + 0.25y⁴: a saddle at the origin, minima at (0, ±1)."""
    x, y = p[..., 0], p[..., 1]
    return 0.5 * x**2 - 0.5 * y**2 + 0.25 * y**4


def _saddle_grad(p: np.ndarray) -> np.ndarray:
    x, y = p[..., 0], p[..., 1]
    return np.stack([x, -y + y**3], axis=-1)


def _rosenbrock_curvatures() -> tuple[float, float]:
    b = ROSENBROCK_B
    hessian = np.array([[2 + 8 * b, -4 * b], [-4 * b, 2 * b]])  # at the minimum (1, 1)
    low, high = np.linalg.eigvalsh(hessian)
    return float(low), float(high)


SURFACES = {
    "bowl": Surface(
        "bowl", _bowl_f, _bowl_grad, (-4.0, 1.5), (-5.0, 5.0, -2.0, 2.0), ((0, 0),), 0.0, BOWL_CURVATURE
    ),
    "rosenbrock": Surface(
        "rosenbrock",
        _rosenbrock_f,
        _rosenbrock_grad,
        (-1.5, 2.0),
        (-2.0, 2.0, -1.0, 3.0),
        ((1, 1),),
        0.0,
        _rosenbrock_curvatures(),
    ),
    "saddle": Surface(
        "saddle",
        _saddle_f,
        _saddle_grad,
        (-2.5, 1e-3),
        (-3.0, 3.0, -1.6, 1.6),
        ((0, 1), (0, -1)),
        -0.25,
        (1.0, 2.0),
    ),
    "noisy": Surface(
        "noisy",
        _bowl_f,
        _bowl_grad,
        (-4.0, 1.5),
        (-5.0, 5.0, -2.0, 2.0),
        ((0, 0),),
        0.0,
        BOWL_CURVATURE,
        noisy=True,
    ),
}


def _grad_of(p: Tensor, g: np.ndarray) -> None:
    p.grad = Tensor(g)


def race(surface: Surface, lr: float, beta1: float, beta2: float, steps: int, seed: int) -> np.ndarray:
    """Positions of every optimizer after each step: shape (steps + 1, len(OPTIMIZERS), 2).

    gd, sgd and minibatch share one plain SGD over a (3, 2) parameter (rows differ only in noise);
    momentum, rmsprop and adam each step their own (1, 2) parameter."""
    rng = np.random.default_rng(seed)
    start = np.array(surface.start, dtype=float)
    plain = Tensor(np.tile(start, (3, 1)), requires_grad=True)
    heavy = Tensor(start[None].copy(), requires_grad=True)
    rms = Tensor(start[None].copy(), requires_grad=True)
    adam = Tensor(start[None].copy(), requires_grad=True)
    params = (plain, heavy, rms, adam)
    optimizers = (
        optim.SGD([plain], lr=lr),
        optim.SGD([heavy], lr=lr, momentum=beta1),
        optim.RMSprop([rms], lr=lr, alpha=beta2),
        optim.Adam([adam], lr=lr, betas=(beta1, beta2)),
    )
    noise_scale = np.array([0.0, SGD_NOISE, SGD_NOISE / math.sqrt(BATCH), 0.0, 0.0, 0.0])[:, None]
    if surface.noisy:
        noise_scale = np.sqrt(noise_scale**2 + SGD_NOISE**2)
    noise = rng.standard_normal((steps, len(OPTIMIZERS), 2)) * noise_scale
    path = np.empty((steps + 1, len(OPTIMIZERS), 2))
    path[0] = start
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(steps):
            positions = np.concatenate([p.data for p in params])
            grads = surface.grad(positions) + noise[t]
            grads[~np.isfinite(grads)] = 0.0
            _grad_of(plain, grads[0:3])
            for i, (p, opt) in enumerate(zip(params, optimizers, strict=True)):
                if i:
                    _grad_of(p, grads[2 + i : 3 + i])
                opt.step()
            path[t + 1] = np.concatenate([p.data for p in params])
    return path


def diverged_at(path: np.ndarray) -> list[int | None]:
    """For each optimizer, the first step where |θ| > DIVERGED or θ is not finite (None if never)."""
    bad = ~np.all(np.isfinite(path) & (np.abs(path) < DIVERGED), axis=2)
    return [int(np.argmax(bad[:, i])) if bad[:, i].any() else None for i in range(path.shape[1])]


def level_set_points(surface: Surface, count: int = 5, nx: int = 80, ny: int = 40) -> tuple[list, list]:
    """Points on `count` level sets of f − f* (at quantiles of its values over the window), found where
    f − level changes sign between neighbouring grid points and interpolated linearly."""
    x0, x1, y0, y1 = surface.window
    xs, ys = np.linspace(x0, x1, nx), np.linspace(y0, y1, ny)
    gx, gy = np.meshgrid(xs, ys)
    gap = surface.f(np.stack([gx, gy], axis=-1)) - surface.f_min
    levels = np.quantile(gap, np.linspace(0.04, 0.6, count))
    d = gap[None] - levels[:, None, None]
    out_x: list[np.ndarray] = []
    out_y: list[np.ndarray] = []
    for axis in (2, 1):
        a = d[:, :, :-1] if axis == 2 else d[:, :-1, :]
        b = d[:, :, 1:] if axis == 2 else d[:, 1:, :]
        crossing = a * b < 0
        _, row, col = np.nonzero(crossing)
        frac = a[crossing] / (a[crossing] - b[crossing])
        if axis == 2:
            out_x.append(xs[col] + frac * (xs[1] - xs[0]))
            out_y.append(ys[row])
        else:
            out_x.append(xs[col])
            out_y.append(ys[row] + frac * (ys[1] - ys[0]))
    return np.concatenate(out_x).tolist(), np.concatenate(out_y).tolist()


def compute(settings: dict[str, Any]) -> LabResult:
    surface = SURFACES[settings["surface"]]
    lr, beta1, beta2, steps = settings["lr"], settings["beta1"], settings["beta2"], settings["steps"]
    path = race(surface, lr, beta1, beta2, steps, settings["seed"])
    stops = diverged_at(path)
    trajectories: dict[str, list] = {}
    final_loss: dict[str, float | None] = {}
    gaps: dict[str, np.ndarray] = {}
    for i, name in enumerate(OPTIMIZERS):
        kept = path[: stops[i], i] if stops[i] is not None else path[:, i]
        trajectories[name] = kept.tolist()
        gaps[name] = surface.f(kept) - surface.f_min
        final_loss[name] = None if stops[i] is not None else float(surface.f(kept[-1]))
    data = {
        "surface": surface.name,
        "start": list(surface.start),
        "minima": [list(m) for m in surface.minima],
        "trajectories": trajectories,
        "final_loss": final_loss,
        "diverged_at": dict(zip(OPTIMIZERS, stops, strict=True)),
        "gd_lr_limit": 2 / max(surface.curvatures),
    }
    return LabResult(data, _plots(surface, trajectories, gaps), _notes(surface, settings, final_loss, stops))


def _plots(surface: Surface, trajectories: dict[str, list], gaps: dict[str, np.ndarray]) -> list[Plot]:
    x0, x1, y0, y1 = surface.window
    level_x, level_y = level_set_points(surface)
    lines = []
    for name, points in trajectories.items():
        shown = np.clip(np.asarray(points).reshape(-1, 2), [x0, y0], [x1, y1])
        lines.append(Series(name, shown[:, 0].tolist(), shown[:, 1].tolist()))
    minima = Series(
        "minimum", [m[0] for m in surface.minima], [m[1] for m in surface.minima], style="scatter"
    )
    contour = Plot(
        "Paths on the level sets of f", [Series("", level_x, level_y, "scatter"), minima, *lines], "x", "y"
    )
    ceiling = OFF_CHART * max(g[0] for g in gaps.values())
    shown_gaps = {
        name: g[: int(np.argmax(g > ceiling))] if (g > ceiling).any() else g for name, g in gaps.items()
    }
    loss = Plot(
        "f − f* per step",
        [Series(name, list(range(len(g))), g.tolist()) for name, g in shown_gaps.items()],
        xlabel="step",
        ylabel="f − f*",
        ylog=True,
    )
    return [contour, loss]


def _notes(
    surface: Surface, settings: dict[str, Any], final_loss: dict[str, float | None], stops: list[int | None]
) -> list[str]:
    lr, beta1, beta2 = settings["lr"], settings["beta1"], settings["beta2"]
    low, high = surface.curvatures
    limit = 2 / high
    if lr * high < 1:
        verdict = "stable, creeping monotonically"
    elif lr * high < 2:
        verdict = "stable but zigzagging across the steep direction (lr·λ > 1)"
    else:
        verdict = "unstable: GD diverges"
    where = "at the minimum" if surface.name != "saddle" else "at the minima (the saddle has λ = ±1)"
    notes = [
        f"Hessian eigenvalues {where}: {low:.3g} and {high:.3g} (κ = {high / low:.3g}). GD converges iff "
        f"0 < lr·λ < 2, so lr < {limit:.3g}; lr = {lr:.3g} gives lr·λ_max = {lr * high:.3g}: {verdict}. "
        f"The best fixed lr is 2/(λ₁+λ₂) = {2 / (low + high):.3g}.",
        f"Momentum (β₁ = {beta1:g}) is stable iff lr·λ < 2 + 2β₁ = {2 + 2 * beta1:.3g}.",
        f"Adam's first step is ≈ lr = {lr:.3g} per coordinate (bias correction); PyTorch RMSprop has none, "
        f"so its first step is lr/√(1−α) = {lr / math.sqrt(1 - beta2):.3g} with α = β₂ = {beta2:g}.",
    ]
    if surface.name == "saddle":
        notes.append(
            "The start sits almost on the saddle's ridge: tiny gradients across it. Adaptive methods "
            "divide by √v and escape fast; noise kicks SGD off too."
        )
    if surface.noisy:
        notes.append(
            f"Every optimizer gets gradient noise σ = {SGD_NOISE:g} here; smaller lr or averaging helps."
        )
    finished = sorted((v - surface.f_min, k) for k, v in final_loss.items() if v is not None)
    ranking = ", ".join(f"{name} {gap:.2g}" for gap, name in finished)
    notes.append(f"f − f* after {settings['steps']} steps: {ranking or 'none finished'}.")
    broken = [
        f"{name} (step {step})" for name, step in zip(OPTIMIZERS, stops, strict=True) if step is not None
    ]
    if broken:
        notes.append("Diverged: " + ", ".join(broken) + ".")
    return notes


LAB = Lab(
    name="optimizers",
    title="Optimizers",
    summary="GD, SGD, mini-batch, momentum, RMSProp and Adam on a bowl, Rosenbrock, a saddle or noise.",
    params=(
        Param(
            "surface",
            "choice",
            "bowl",
            "bowl: ill-conditioned quadratic (λ 1 and 30); rosenbrock: curved valley; saddle; noisy: bowl "
            "with noisy gradients",
            choices=tuple(SURFACES),
        ),
        Param(
            "lr",
            "float",
            0.05,
            "Learning rate shared by all optimizers",
            low=1e-4,
            high=2.0,
            step=1.25,
            log=True,
        ),
        Param("beta1", "float", 0.9, "Momentum μ and Adam's β₁", low=0.0, high=0.999, step=0.01),
        Param("beta2", "float", 0.99, "RMSprop's α and Adam's β₂", low=0.5, high=0.9999, step=0.001),
        Param("steps", "int", 100, "Number of steps", low=5, high=500, step=10),
        Param("seed", "int", 0, "Seed of the gradient noise", low=0, high=9999, step=1),
    ),
    compute=compute,
)
