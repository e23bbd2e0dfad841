"""Same inputs through PyTorch (float64) and the engine: values and gradients must agree.

Runs only where torch is importable; the hand-worked tests elsewhere are the primary check."""

import math

import numpy as np
import pytest

from studyapp.engine import Tensor, nn, optim
from studyapp.engine import functional as F

torch = pytest.importorskip("torch")
TF = torch.nn.functional
RNG = np.random.default_rng(21)


def both(*arrays):
    """(engine tensors, torch tensors) built from the same arrays, all requiring grad."""
    mine = [Tensor(a, requires_grad=True) for a in arrays]
    gold = [torch.tensor(a, dtype=torch.float64, requires_grad=True) for a in arrays]
    return mine, gold


def assert_same(mine_fn, gold_fn, *arrays, rtol=1e-10, atol=1e-12):
    mine_in, gold_in = both(*arrays)
    mine, gold = mine_fn(*mine_in), gold_fn(*gold_in)
    np.testing.assert_allclose(mine.data, gold.detach().numpy(), rtol=rtol, atol=atol)
    weights = RNG.uniform(0.5, 1.5, mine.shape)
    mine.backward(weights)
    gold.backward(torch.tensor(weights))
    for m, g in zip(mine_in, gold_in, strict=True):
        np.testing.assert_allclose(m.grad, g.grad.numpy(), rtol=rtol, atol=atol)


def test_composite_expression_like_micrograd():
    def expr(a, b):
        c = a * b + b**3
        d = (c * 2.0 + 1.0) / (a * a + 1.0)
        e = (d - a).exp().log() @ b.T
        return e.mean(dim=1, keepdim=True) * 3.0 - e.sum(dim=0)

    assert_same(expr, expr, RNG.normal(size=(3, 4)), RNG.normal(size=(1, 4)))


@pytest.mark.parametrize(
    ("mine", "gold"),
    [
        (F.sigmoid, torch.sigmoid),
        (F.tanh, torch.tanh),
        (F.relu, TF.relu),
        (lambda x: F.leaky_relu(x, 0.1), lambda x: TF.leaky_relu(x, 0.1)),
        (lambda x: F.elu(x, 1.5), lambda x: TF.elu(x, 1.5)),
        (F.gelu, TF.gelu),
        (lambda x: F.gelu(x, "tanh"), lambda x: TF.gelu(x, approximate="tanh")),
        (lambda x: F.softmax(x, 1), lambda x: TF.softmax(x, 1)),
        (lambda x: F.log_softmax(x, 0), lambda x: TF.log_softmax(x, 0)),
    ],
)
def test_activations_match_torch(mine, gold):
    x = RNG.normal(size=(4, 5)) * 3
    x[0, :2] = 0.0  # conventions at the kink
    assert_same(mine, gold, x)


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_losses_match_torch(reduction):
    x, y = RNG.normal(size=(6, 3)) * 2, RNG.normal(size=(6, 3))
    for mine, gold in [
        (F.mse_loss, TF.mse_loss),
        (F.l1_loss, TF.l1_loss),
        (
            lambda a, b, **k: F.huber_loss(a, b, delta=0.8, **k),
            lambda a, b, **k: TF.huber_loss(a, b, delta=0.8, **k),
        ),
        (
            lambda a, b, **k: F.smooth_l1_loss(a, b, beta=0.6, **k),
            lambda a, b, **k: TF.smooth_l1_loss(a, b, beta=0.6, **k),
        ),
    ]:
        assert_same(
            lambda a, b, m=mine: m(a, b, reduction=reduction),
            lambda a, b, g=gold: g(a, b, reduction=reduction),
            x,
            y,
        )
    p, t = RNG.uniform(0.01, 0.99, (6, 3)), RNG.uniform(0, 1, (6, 3))
    tt = torch.tensor(t)
    assert_same(
        lambda a: F.binary_cross_entropy(a, t, reduction=reduction),
        lambda a: TF.binary_cross_entropy(a, tt, reduction=reduction),
        p,
    )
    assert_same(
        lambda a: F.binary_cross_entropy_with_logits(a, t, reduction=reduction),
        lambda a: TF.binary_cross_entropy_with_logits(a, tt, reduction=reduction),
        x,
    )
    classes = np.array([0, 2, 1, 1, 0, 2])
    ct = torch.tensor(classes)
    for eps in (0.0, 0.15):
        assert_same(
            lambda a, e=eps: F.cross_entropy(a, classes, reduction=reduction, label_smoothing=e),
            lambda a, e=eps: TF.cross_entropy(a, ct, reduction=reduction, label_smoothing=e),
            x,
        )
    assert_same(
        lambda a: F.nll_loss(a, classes, reduction=reduction),
        lambda a: TF.nll_loss(a, ct, reduction=reduction),
        x,
    )


def test_bce_clamp_matches_torch():
    p, y = np.array([0.0, 1.0, 1e-50]), np.array([1.0, 0.0, 1.0])
    gold = TF.binary_cross_entropy(torch.tensor(p), torch.tensor(y), reduction="none").numpy()
    np.testing.assert_allclose(F.binary_cross_entropy(Tensor(p), y, reduction="none").data, gold)


@pytest.mark.parametrize(("shape_a", "shape_b"), [((3, 4), (4,)), ((2, 3, 4), (4, 5)), ((4,), (2, 4, 3))])
def test_matmul_and_broadcasting_match_torch(shape_a, shape_b):
    assert_same(lambda a, b: a @ b, lambda a, b: a @ b, RNG.normal(size=shape_a), RNG.normal(size=shape_b))
    assert_same(
        lambda a, b: a * b + a, lambda a, b: a * b + a, RNG.normal(size=(3, 1)), RNG.normal(size=(2, 1, 4))
    )


@pytest.mark.parametrize("training", [True, False])
def test_batchnorm_matches_torch(training):
    x = RNG.normal(loc=2.0, scale=3.0, size=(8, 4))
    mine_layer, gold_layer = nn.BatchNorm1d(4), torch.nn.BatchNorm1d(4).double()
    mine_layer.train(training)
    gold_layer.train(training)
    if not training:
        stats = RNG.normal(size=4), RNG.uniform(0.5, 2, 4)
        mine_layer.running_mean.data[:], mine_layer.running_var.data[:] = stats
        gold_layer.running_mean.copy_(torch.tensor(stats[0]))
        gold_layer.running_var.copy_(torch.tensor(stats[1]))
    assert_same(mine_layer, gold_layer, x)
    np.testing.assert_allclose(mine_layer.running_mean.data, gold_layer.running_mean.numpy())
    np.testing.assert_allclose(mine_layer.running_var.data, gold_layer.running_var.numpy())
    np.testing.assert_allclose(mine_layer.weight.grad, gold_layer.weight.grad.numpy(), rtol=1e-10)


OPTIMIZERS = [
    ("SGD", {"lr": 0.1}),
    ("SGD", {"lr": 0.1, "momentum": 0.9, "dampening": 0.3, "weight_decay": 0.01}),
    ("SGD", {"lr": 0.1, "momentum": 0.9, "nesterov": True}),
    ("RMSprop", {}),
    ("RMSprop", {"lr": 0.01, "centered": True, "momentum": 0.5, "weight_decay": 0.1}),
    ("Adam", {"lr": 0.05}),
    ("Adam", {"lr": 0.05, "weight_decay": 0.1, "amsgrad": True}),
    ("AdamW", {"lr": 0.05}),
]


@pytest.mark.parametrize(("name", "kwargs"), OPTIMIZERS)
def test_optimizer_trajectories_match_torch(name, kwargs):
    theta0, grads = RNG.normal(size=5), RNG.normal(size=(8, 5))
    mine_p = Tensor(theta0, requires_grad=True)
    gold_p = torch.tensor(theta0, requires_grad=True)
    mine_opt = getattr(optim, name)([mine_p], **kwargs)
    gold_opt = getattr(torch.optim, name)([gold_p], **kwargs)
    for g in grads:
        mine_p.grad = g
        gold_p.grad = torch.tensor(g)
        mine_opt.step()
        gold_opt.step()
        np.testing.assert_allclose(mine_p.data, gold_p.detach().numpy(), rtol=1e-10, atol=1e-12)


def test_init_gains_and_clipping_match_torch():
    for name, param in [
        ("linear", None),
        ("tanh", None),
        ("relu", None),
        ("leaky_relu", None),
        ("leaky_relu", 0.2),
    ]:
        assert nn.init.calculate_gain(name, param) == pytest.approx(torch.nn.init.calculate_gain(name, param))
    for norm_type in (2.0, 1.0, math.inf):
        grads = [RNG.normal(size=3) * 5, RNG.normal(size=(2, 2))]
        mine = [Tensor(np.zeros_like(g), requires_grad=True) for g in grads]
        gold = [torch.zeros(g.shape, dtype=torch.float64, requires_grad=True) for g in grads]
        for m, g, a in zip(mine, gold, grads, strict=True):
            m.grad, g.grad = a.copy(), torch.tensor(a)
        total = nn.utils.clip_grad_norm_(mine, 1.0, norm_type)
        gold_total = torch.nn.utils.clip_grad_norm_(gold, 1.0, norm_type)
        assert float(total) == pytest.approx(float(gold_total))
        for m, g in zip(mine, gold, strict=True):
            np.testing.assert_allclose(m.grad, g.grad.numpy())
