"""float32 as in PyTorch: every op keeps float32 (values and gradients), agrees with the float64 result to
float32 precision, Python numbers take the tensor's dtype, mixed dtypes promote to float64, and the layers,
init functions and optimizers work at either dtype."""

import numpy as np
import pytest

from studyapp.engine import Tensor, empty, float32, float64, nn, optim, tensor, zeros
from studyapp.engine import functional as F

RNG = np.random.default_rng(5)
X = RNG.uniform(0.2, 2.0, (4, 3)) * RNG.choice([-1.0, 1.0], (4, 3))
POSITIVE = RNG.uniform(0.2, 2.0, (4, 3))
PROBS = RNG.uniform(0.05, 0.95, (4, 3))
W = RNG.standard_normal((5, 3))
CLASSES = np.array([0, 2, 1, 2])

# name -> (op on tensors, its inputs); targets are given in the input's dtype (a float64 array would promote)
OPS = {
    "add_scalar": (lambda x: x + 1.5, (X,)),
    "rsub_scalar": (lambda x: 2.0 - x, (X,)),
    "mul_tensor": (lambda x, y: x * y, (X, POSITIVE)),
    "div_tensor": (lambda x, y: x / y, (X, POSITIVE)),
    "rdiv_scalar": (lambda x: 1.0 / x, (POSITIVE,)),
    "pow_scalar": (lambda x: x**3, (X,)),
    "matmul": (lambda x, w: x @ w.T, (X, W)),
    "neg": (lambda x: -x, (X,)),
    "exp": (lambda x: x.exp(), (X,)),
    "log": (lambda x: x.log(), (POSITIVE,)),
    "sum_dim": (lambda x: x.sum(dim=1), (X,)),
    "mean": (lambda x: x.mean(), (X,)),
    "reshape_T_getitem": (lambda x: x.reshape(3, 4).T[1:], (X,)),
    "sigmoid": (F.sigmoid, (X,)),
    "tanh": (F.tanh, (X,)),
    "relu": (F.relu, (X,)),
    "leaky_relu": (F.leaky_relu, (X,)),
    "elu": (F.elu, (X,)),
    "gelu": (F.gelu, (X,)),
    "gelu_tanh": (lambda x: F.gelu(x, approximate="tanh"), (X,)),
    "softmax": (lambda x: F.softmax(x, dim=1), (X,)),
    "log_softmax": (lambda x: F.log_softmax(x, dim=1), (X,)),
    "dropout": (lambda x: F.dropout(x, 0.3, generator=np.random.default_rng(0)), (X,)),
    "linear": (lambda x, w: F.linear(x, w), (X, W)),
    "batch_norm": (lambda x: F.batch_norm(x, None, None, training=True), (X,)),
    "mse_loss": (lambda x: F.mse_loss(x, POSITIVE.astype(x.dtype)), (X,)),
    "l1_loss": (lambda x: F.l1_loss(x, POSITIVE.astype(x.dtype)), (X,)),
    "huber_loss": (lambda x: F.huber_loss(x, POSITIVE.astype(x.dtype)), (X,)),
    "smooth_l1_loss": (lambda x: F.smooth_l1_loss(x, POSITIVE.astype(x.dtype), beta=0.5), (X,)),
    "binary_cross_entropy": (lambda p: F.binary_cross_entropy(p, [[1.0, 0.0, 1.0]] * 4), (PROBS,)),
    "bce_with_logits": (lambda x: F.binary_cross_entropy_with_logits(x, PROBS.astype(x.dtype)), (X,)),
    "cross_entropy": (lambda x: F.cross_entropy(x, CLASSES, label_smoothing=0.1), (X,)),
    "nll_loss": (lambda x: F.nll_loss(F.log_softmax(x, dim=1), CLASSES), (X,)),
}


def run(op, inputs, dtype):
    tensors = [Tensor(np.asarray(x, dtype=dtype), requires_grad=True) for x in inputs]
    out = op(*tensors)
    out.backward(np.ones(out.shape, dtype=dtype))
    return out, tensors


@pytest.mark.parametrize("name", OPS)
def test_float32_in_float32_out_with_float32_gradients(name):
    op, inputs = OPS[name]
    out32, tensors32 = run(op, inputs, np.float32)
    out64, tensors64 = run(op, inputs, np.float64)
    assert out32.dtype == float32 and out64.dtype == float64
    np.testing.assert_allclose(out32.data, out64.data, rtol=1e-5, atol=1e-6)
    for t32, t64 in zip(tensors32, tensors64, strict=True):
        assert t32.grad.dtype == np.float32
        np.testing.assert_allclose(t32.grad, t64.grad, rtol=1e-4, atol=1e-5)


def test_mixed_dtypes_promote_to_float64_and_each_gradient_keeps_its_tensors_dtype():
    a = tensor([1.0, 2.0], requires_grad=True, dtype=float32)
    b = tensor([3.0, 4.0], requires_grad=True)
    out = a * b
    assert out.dtype == float64
    out.sum().backward()
    assert a.grad.dtype == np.float32 and b.grad.dtype == np.float64
    np.testing.assert_array_equal(a.grad, [3.0, 4.0])


def test_a_python_number_is_rounded_to_the_tensors_dtype():
    x = tensor([0.0], dtype=float32)
    assert (x + 0.1).data[0] == np.float32(0.1)  # float32(0.1), not 0.1 rounded once more
    assert (x + 0.1).dtype == float32


def test_factories_take_a_dtype_and_default_to_float64():
    assert tensor([1, 2]).dtype == float64 and Tensor([1.5]).dtype == float64
    assert tensor([1, 2], dtype=float32).dtype == float32
    assert Tensor(np.ones(2, np.float32)).dtype == float32  # a float32 array keeps its dtype
    assert empty(2, 3, dtype=float32).data.dtype == np.float32 and zeros(2).dtype == float64
    with pytest.raises(TypeError, match="float32 or float64"):
        zeros(2, dtype=np.int64)


def test_backward_seed_and_assigned_grad_take_the_tensors_dtype():
    x = tensor([1.0, 2.0], requires_grad=True, dtype=float32)
    (x * 2.0).backward([1.0, 1.0])
    assert x.grad.dtype == np.float32
    x.grad = [0.5, 0.5]
    assert x.grad.dtype == np.float32


@pytest.mark.parametrize("init", ["uniform_", "normal_", "xavier_uniform_", "kaiming_uniform_"])
def test_init_fills_float32_in_place_from_float32_draws(init):
    weight = empty(64, 64, dtype=float32)
    before = weight.data
    getattr(nn.init, init)(weight, generator=np.random.default_rng(0))
    assert weight.data is before and weight.data.dtype == np.float32
    expected = np.random.default_rng(0).random((64, 64), dtype=np.float32)
    if init == "uniform_":
        np.testing.assert_array_equal(weight.data, expected)  # U(0, 1) drawn as float32, like torch
    assert np.isfinite(weight.data).all() and weight.data.std() > 0


def test_float32_layers_and_adam_train_without_leaving_float32():
    gen = np.random.default_rng(1)
    model = nn.Sequential(
        nn.Linear(3, 8, generator=gen, dtype=float32), nn.ReLU(), nn.BatchNorm1d(8, dtype=float32)
    )
    model.append(nn.Linear(8, 1, generator=gen, dtype=float32))
    opt = optim.Adam(model.parameters(), lr=0.01)
    x = tensor(X, dtype=float32)
    y = tensor(X.sum(axis=1, keepdims=True), dtype=float32)
    losses = []
    for _ in range(30):
        opt.zero_grad()
        loss = F.mse_loss(model(x), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    assert loss.dtype == float32 and losses[-1] < 0.5 * losses[0]
    for p in model.parameters():
        assert p.data.dtype == np.float32 and p.grad.dtype == np.float32
        assert opt.state[p]["exp_avg"].dtype == np.float32
