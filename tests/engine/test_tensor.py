"""Tensor ops: values, gradients by central differences, broadcasting, graph semantics."""

import threading

import numpy as np
import pytest

from studyapp.engine import Tensor, empty, is_grad_enabled, no_grad, tensor, zeros
from tests.engine.gradcheck import assert_gradients_match

RNG = np.random.default_rng(7)


def rand(*shape: int, low: float = -2.0, high: float = 2.0) -> np.ndarray:
    return RNG.uniform(low, high, shape)


BINARY_SHAPES = [
    ((3, 4), (3, 4)),
    ((3, 1), (1, 4)),
    ((3, 4), (4,)),
    ((2, 3, 4), (3, 1)),
    ((3, 4), ()),
    ((), (2, 2)),
]


@pytest.mark.parametrize(("shape_a", "shape_b"), BINARY_SHAPES)
@pytest.mark.parametrize(
    "op",
    [lambda a, b: a + b, lambda a, b: a - b, lambda a, b: a * b, lambda a, b: a / b],
    ids=["add", "sub", "mul", "div"],
)
def test_binary_op_gradients_with_broadcasting(op, shape_a, shape_b):
    b = rand(*shape_b, low=0.5, high=2.0)  # away from 0 for division
    assert_gradients_match(op, rand(*shape_a), b)


@pytest.mark.parametrize(("shape_a", "shape_b"), BINARY_SHAPES[:3])
def test_pow_gradients_for_base_and_exponent(shape_a, shape_b):
    assert_gradients_match(lambda a, b: a**b, rand(*shape_a, low=0.5, high=2.0), rand(*shape_b))


@pytest.mark.parametrize("exponent", [2, 3, 0.5, -1.5])
def test_pow_scalar_exponent(exponent):
    assert_gradients_match(lambda a: a**exponent, rand(3, 2, low=0.5, high=2.0))


def test_reverse_operators_with_scalars_and_arrays():
    arr = rand(3)
    assert_gradients_match(lambda a: 2.0 + a, rand(3))
    assert_gradients_match(lambda a: 2.0 - a, rand(3))
    assert_gradients_match(lambda a: arr * a, rand(3))
    assert_gradients_match(lambda a: 3.0 / a, rand(3, low=0.5, high=2.0))
    assert_gradients_match(lambda a: 2.0**a, rand(3))
    assert_gradients_match(lambda a: -a, rand(2, 3))
    result = np.ones(3) + Tensor([1.0, 2.0, 3.0])
    assert isinstance(result, Tensor)
    np.testing.assert_array_equal(result.data, [2.0, 3.0, 4.0])
    np.testing.assert_array_equal((np.float64(2.0) * Tensor([1.0])).data, [2.0])


@pytest.mark.parametrize(
    ("shape_a", "shape_b"),
    [
        ((3, 4), (4, 2)),
        ((4,), (4,)),
        ((3, 4), (4,)),
        ((4,), (4, 2)),
        ((2, 3, 4), (4, 5)),
        ((2, 3, 4), (2, 4, 5)),
        ((3, 4), (2, 4, 5)),
        ((4,), (2, 4, 5)),
        ((2, 3, 4), (4,)),
        ((2, 1, 3, 4), (5, 4, 2)),
    ],
)
def test_matmul_gradients_for_all_shapes(shape_a, shape_b):
    assert_gradients_match(lambda a, b: a @ b, rand(*shape_a), rand(*shape_b))
    assert (Tensor(np.ones(shape_a)) @ Tensor(np.ones(shape_b))).shape == np.matmul(
        np.ones(shape_a), np.ones(shape_b)
    ).shape


def test_rmatmul_with_array():
    matrix = rand(2, 3)
    assert_gradients_match(lambda b: matrix @ b, rand(3, 4))


@pytest.mark.parametrize("dim", [None, 0, 1, -1, (0, 2), (-1, 0)])
@pytest.mark.parametrize("keepdim", [False, True])
@pytest.mark.parametrize("reduction", ["sum", "mean"])
def test_sum_and_mean_gradients(dim, keepdim, reduction):
    x = rand(2, 3, 4)
    assert_gradients_match(lambda a: getattr(a, reduction)(dim=dim, keepdim=keepdim), x)
    expected = getattr(np, reduction)(x, axis=dim, keepdims=keepdim)
    np.testing.assert_allclose(getattr(Tensor(x), reduction)(dim, keepdim).data, expected)


def test_mean_value_and_gradient_by_hand():
    x = Tensor([[1.0, 2.0], [3.0, 6.0]], requires_grad=True)
    m = x.mean(dim=0)
    np.testing.assert_array_equal(m.data, [2.0, 4.0])
    m.sum().backward()
    np.testing.assert_array_equal(x.grad, np.full((2, 2), 0.5))


def test_dim_out_of_range():
    with pytest.raises(IndexError):
        Tensor(np.ones((2, 3))).sum(dim=2)


def test_reshape_transpose_exp_log_getitem_gradients():
    assert_gradients_match(lambda a: a.reshape(4, 3), rand(3, 4))
    assert_gradients_match(lambda a: a.reshape((2, -1)), rand(3, 4))
    assert_gradients_match(lambda a: a.T, rand(3, 4))
    assert_gradients_match(lambda a: a.T, rand(2, 3, 4))
    assert_gradients_match(lambda a: a.exp(), rand(3, 4))
    assert_gradients_match(lambda a: a.log(), rand(3, 4, low=0.2, high=3.0))
    assert_gradients_match(lambda a: a[1:, ::2], rand(3, 4))
    assert_gradients_match(lambda a: a[[0, 2, 0]], rand(3, 4))  # repeated row gets two gradients


def test_exp_log_values():
    np.testing.assert_allclose(Tensor([0.0, 1.0]).exp().data, [1.0, np.e])
    np.testing.assert_allclose(Tensor([1.0, np.e]).log().data, [0.0, 1.0])


def test_chain_rule_by_hand():
    # f = (x·y + y)² at x = 2, y = 3: u = 9, ∂f/∂x = 2u·y = 54, ∂f/∂y = 2u·(x + 1) = 54
    x, y = Tensor(2.0, requires_grad=True), Tensor(3.0, requires_grad=True)
    f = (x * y + y) ** 2
    f.backward()
    assert f.item() == 81.0
    assert x.grad == pytest.approx(54.0)
    assert y.grad == pytest.approx(54.0)


def test_shared_subexpression_accumulates():
    x = Tensor([3.0], requires_grad=True)
    (x * x + x).sum().backward()  # d/dx (x² + x) = 2x + 1
    np.testing.assert_allclose(x.grad, [7.0])


def test_leaf_gradients_accumulate_across_backward_calls_until_zeroed():
    x = Tensor([1.0, 2.0], requires_grad=True)
    (x * 3.0).sum().backward()
    (x * 3.0).sum().backward()
    np.testing.assert_array_equal(x.grad, [6.0, 6.0])
    x.grad = None
    (x * 3.0).sum().backward()
    np.testing.assert_array_equal(x.grad, [3.0, 3.0])


def test_repeated_backward_on_same_graph_does_not_double_count_intermediates():
    x = Tensor([2.0], requires_grad=True)
    h = x * x
    loss = (h * 3.0).sum()
    loss.backward()
    loss.backward()
    np.testing.assert_array_equal(h.grad, [3.0])  # non-leaf: latest pass only
    np.testing.assert_array_equal(x.grad, [24.0])  # leaf: 12 + 12


def test_leaf_gradients_do_not_alias_each_other():
    a, b = Tensor([1.0, 2.0], requires_grad=True), Tensor([3.0, 4.0], requires_grad=True)
    (a + b).backward(np.array([1.0, 1.0]))
    a.grad *= 10.0
    np.testing.assert_array_equal(b.grad, [1.0, 1.0])


def test_deep_graph_has_no_recursion_limit():
    x = Tensor(1.0, requires_grad=True)
    y = x
    for _ in range(5000):
        y = y * 1.0001
    y.backward()
    assert x.grad == pytest.approx(1.0001**5000)


def test_backward_needs_scalar_or_gradient():
    x = Tensor([1.0, 2.0], requires_grad=True)
    with pytest.raises(RuntimeError, match="scalar"):
        (x * 2.0).backward()
    with pytest.raises(RuntimeError, match="shape"):
        (x * 2.0).backward(np.ones(3))
    with pytest.raises(RuntimeError):
        Tensor([1.0]).backward()
    (x * 2.0).backward(Tensor([1.0, -1.0]))
    np.testing.assert_array_equal(x.grad, [2.0, -2.0])


def test_no_grad_records_nothing_and_restores_mode():
    x = Tensor([1.0], requires_grad=True)
    with no_grad():
        assert not is_grad_enabled()
        with no_grad():
            y = x * 2.0
        assert not is_grad_enabled()
    assert is_grad_enabled()
    assert not y.requires_grad and y.is_leaf

    @no_grad()
    def doubled(t):
        return t * 2.0

    assert not doubled(x).requires_grad
    assert (x * 2.0).requires_grad


def test_no_grad_is_per_thread():
    x = Tensor([1.0], requires_grad=True)
    seen = []
    with no_grad():
        worker = threading.Thread(target=lambda: seen.append((x * 2.0).requires_grad))
        worker.start()
        worker.join()
    assert seen == [True]


def test_conversions_and_attributes():
    t = tensor([[1, 2], [3, 4]], requires_grad=True)
    assert t.data.dtype == np.float64
    assert t.shape == (2, 2) and t.ndim == 2 and len(t) == 2
    assert Tensor(2.5).item() == 2.5 and float(Tensor([2.5])) == 2.5
    assert f"{Tensor(2.0):.2f}" == "2.00"
    assert t.numpy() is t.data
    d = t.detach()
    assert d.data is t.data and not d.requires_grad
    source = np.array([1.0, 2.0])
    copied = Tensor(source)
    source[0] = 9.0
    assert copied.data[0] == 1.0
    with pytest.raises(ValueError):
        t.item()
    t.grad = [1, 2]
    assert t.grad.dtype == np.float64
    assert "requires_grad=True" in repr(t)


def test_gradient_flows_only_to_tensors_that_require_it():
    a, b = Tensor([1.0], requires_grad=True), Tensor([2.0])
    (a * b).sum().backward()
    assert b.grad is None
    np.testing.assert_array_equal(a.grad, [2.0])


def test_gradients_taken_over_from_an_op_are_never_shared_or_changed_later():
    x = Tensor([1.0, 2.0], requires_grad=True)
    w = Tensor([[3.0, 4.0]], requires_grad=True)
    y = x * 2.0 + x * 3.0  # x gets two fresh gradients, the second added to the first
    (y @ w.T).sum().backward()
    np.testing.assert_array_equal(x.grad, [5.0 * 3.0, 5.0 * 4.0])
    first = x.grad
    (x * 1.0).sum().backward()
    np.testing.assert_array_equal(first, [15.0, 20.0])  # the earlier gradient array is left alone
    np.testing.assert_array_equal(x.grad, [16.0, 21.0])
    w.grad *= 0.0
    np.testing.assert_array_equal(x.grad, [16.0, 21.0])


def test_backward_runs_children_before_parents_whatever_the_build_order():
    x = Tensor(2.0, requires_grad=True)
    a = x * 3.0  # ∂/∂x 3
    b = a * a  # = 9x², ∂/∂x 18x
    c = a + b  # made last but feeds on both a (directly) and b
    c.backward()
    assert x.grad == 3.0 + 18.0 * 2.0
    assert a.grad == 1.0 + 2.0 * 6.0


def test_empty_and_zeros_are_fresh_leaves():
    z = zeros(2, 3, requires_grad=True)
    assert z.shape == (2, 3) and z.requires_grad and z.is_leaf
    np.testing.assert_array_equal(z.data, np.zeros((2, 3)))
    e = empty(4)
    assert e.shape == (4,) and e.data.dtype == np.float64 and not e.requires_grad
    assert empty(4).data is not e.data
