"""nn: Module tree, Linear (shape, default init), Sequential, activation layers, Dropout, BatchNorm1d."""

import math

import numpy as np
import pytest

from studyapp.engine import Tensor, nn
from studyapp.engine import functional as F
from tests.engine.gradcheck import assert_gradients_match

RNG = np.random.default_rng(3)


def test_linear_shapes_forward_and_gradients():
    layer = nn.Linear(3, 2, generator=np.random.default_rng(0))
    assert layer.weight.shape == (2, 3) and layer.bias.shape == (2,)
    x = RNG.normal(size=(5, 3))
    out = layer(Tensor(x))
    np.testing.assert_allclose(out.data, x @ layer.weight.data.T + layer.bias.data)
    out.sum().backward()
    np.testing.assert_allclose(layer.weight.grad, np.ones((2, 5)) @ x)
    np.testing.assert_allclose(layer.bias.grad, [5.0, 5.0])
    assert nn.Linear(3, 2, bias=False).bias is None
    assert "in_features=3, out_features=2" in repr(layer)


def test_linear_default_init_is_uniform_one_over_sqrt_fan_in():
    layer = nn.Linear(400, 300, generator=np.random.default_rng(1))
    bound = 1 / math.sqrt(400)
    w = layer.weight.data
    assert np.abs(w).max() <= bound and np.abs(w).max() > 0.99 * bound
    assert w.std() == pytest.approx(bound / math.sqrt(3), rel=0.01)  # std of U(−b, b) is b/√3
    assert abs(w.mean()) < 0.01 * bound
    assert np.abs(layer.bias.data).max() <= bound
    same = nn.Linear(400, 300, generator=np.random.default_rng(1))
    np.testing.assert_array_equal(same.weight.data, w)


def test_module_parameters_names_train_eval_zero_grad():
    model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Dropout(0.5), nn.Linear(8, 2), nn.BatchNorm1d(2))
    names = [name for name, _ in model.named_parameters()]
    assert names == ["0.weight", "0.bias", "3.weight", "3.bias", "4.weight", "4.bias"]
    assert len(list(model.parameters())) == 6
    assert model.training and all(m.training for m in model.modules())
    assert model.eval() is model and not any(m.training for m in model.modules())
    model.train()
    assert model[2].training
    model(Tensor(RNG.normal(size=(6, 4)))).sum().backward()
    assert all(p.grad is not None for p in model.parameters())
    model.zero_grad(set_to_none=False)
    assert all(np.all(p.grad == 0) for p in model.parameters())
    model.zero_grad()
    assert all(p.grad is None for p in model.parameters())


def test_shared_parameters_are_listed_once():
    layer = nn.Linear(2, 2)
    model = nn.Sequential(layer, nn.Tanh(), layer)
    assert len(list(model.parameters())) == 2


def test_sequential_indexing_length_iteration_and_forward():
    a, b, c = nn.Linear(3, 3), nn.Sigmoid(), nn.Linear(3, 1)
    model = nn.Sequential(a, b, c)
    assert len(model) == 3 and model[0] is a and model[-1] is c
    assert list(model) == [a, b, c]
    head = model[:2]
    assert isinstance(head, nn.Sequential) and list(head) == [a, b]
    x = Tensor(RNG.normal(size=(2, 3)))
    np.testing.assert_allclose(model(x).data, c(b(a(x))).data)
    model.append(nn.ReLU())
    assert len(model) == 4


@pytest.mark.parametrize(
    ("layer", "fn"),
    [
        (nn.ReLU(), F.relu),
        (nn.Sigmoid(), F.sigmoid),
        (nn.Tanh(), F.tanh),
        (nn.LeakyReLU(0.2), lambda t: F.leaky_relu(t, 0.2)),
        (nn.ELU(), F.elu),
        (nn.GELU(), F.gelu),
        (nn.GELU("tanh"), lambda t: F.gelu(t, "tanh")),
    ],
)
def test_activation_layers_wrap_functional(layer, fn):
    x = Tensor(RNG.normal(size=(3, 4)))
    np.testing.assert_array_equal(layer(x).data, fn(x).data)


def test_dropout_module_uses_its_generator_and_is_identity_in_eval():
    x = Tensor(np.ones((20, 30)))
    first = nn.Dropout(0.4, generator=np.random.default_rng(8))(x).data
    second = nn.Dropout(0.4, generator=np.random.default_rng(8))(x).data
    np.testing.assert_array_equal(first, second)
    assert set(np.unique(first)) == {0.0, 1 / 0.6}
    drop = nn.Dropout(0.4).eval()
    np.testing.assert_array_equal(drop(x).data, x.data)
    with pytest.raises(ValueError):
        nn.Dropout(1.5)


def test_batchnorm_training_normalizes_and_updates_running_stats_with_unbiased_variance():
    bn = nn.BatchNorm1d(3)
    x = RNG.normal(loc=[1.0, -2.0, 5.0], scale=[0.5, 2.0, 3.0], size=(8, 3))
    y = bn(Tensor(x)).data
    np.testing.assert_allclose(y.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(y.var(axis=0), x.var(axis=0) / (x.var(axis=0) + 1e-5))  # biased variance
    np.testing.assert_allclose(bn.running_mean.data, 0.9 * 0.0 + 0.1 * x.mean(axis=0))
    np.testing.assert_allclose(bn.running_var.data, 0.9 * 1.0 + 0.1 * x.var(axis=0, ddof=1))
    bn(Tensor(x))
    np.testing.assert_allclose(bn.running_mean.data, 0.19 * x.mean(axis=0))


def test_batchnorm_eval_uses_running_stats_and_affine_parameters():
    bn = nn.BatchNorm1d(2)
    bn.running_mean.data[:] = [1.0, -1.0]
    bn.running_var.data[:] = [4.0, 0.25]
    bn.weight.data[:] = [2.0, 1.0]
    bn.bias.data[:] = [0.5, 0.0]
    bn.eval()
    y = bn(Tensor([[3.0, 0.0]])).data
    np.testing.assert_allclose(y, [[2.0 * 2.0 / math.sqrt(4 + 1e-5) + 0.5, 1.0 / math.sqrt(0.25 + 1e-5)]])
    np.testing.assert_array_equal(bn.running_mean.data, [1.0, -1.0])  # eval leaves stats alone


def test_batchnorm_needs_more_than_one_value_when_training_and_cumulative_momentum():
    with pytest.raises(ValueError):
        nn.BatchNorm1d(2)(Tensor(np.ones((1, 2))))
    bn = nn.BatchNorm1d(1, momentum=None)
    batches = [np.array([[1.0], [3.0]]), np.array([[5.0], [9.0]])]
    for batch in batches:
        bn(Tensor(batch))
    assert bn.running_mean.data[0] == pytest.approx((2.0 + 7.0) / 2)  # plain average of batch means


@pytest.mark.parametrize("shape", [(6, 3), (4, 3, 5)])
@pytest.mark.parametrize("training", [True, False])
def test_batch_norm_gradients(shape, training):
    channels = shape[1]
    stats = (Tensor(RNG.normal(size=channels)), Tensor(RNG.uniform(0.5, 2.0, channels)))

    def fn(x, w, b):
        mean, var = Tensor(stats[0].data.copy()), Tensor(stats[1].data.copy())
        return F.batch_norm(x, mean, var, w, b, training=training)

    assert_gradients_match(
        fn, RNG.normal(size=shape), RNG.uniform(0.5, 2, channels), RNG.normal(size=channels)
    )


def test_batchnorm_without_affine_parameters():
    bn = nn.BatchNorm1d(3, affine=False)
    assert list(bn.parameters()) == []
    x = RNG.normal(loc=4.0, size=(5, 3, 2))
    y = bn(Tensor(x)).data
    expected = (x - x.mean(axis=(0, 2), keepdims=True)) / np.sqrt(x.var(axis=(0, 2), keepdims=True) + 1e-5)
    np.testing.assert_allclose(y, expected)
    assert_gradients_match(lambda t: F.batch_norm(t, None, None, training=True), x)


def test_parameter_shares_a_tensors_data_but_copies_an_array():
    t = Tensor([1.0, 2.0])
    shared = nn.Parameter(t)
    assert shared.data is t.data and shared.requires_grad and shared.is_leaf
    source = np.array([1.0, 2.0])
    copied = nn.Parameter(source, requires_grad=False)
    source[0] = 9.0
    assert copied.data[0] == 1.0 and not copied.requires_grad
