"""Tensor: a float32/float64 NumPy array with reverse-mode autograd, named and behaving like `torch.Tensor`.

Dtypes follow torch's rules: an op keeps its inputs' dtype (float32 with float64 gives float64; a Python
number takes the tensor's dtype), a gradient has its tensor's dtype, and data that is not already a float32
or float64 array becomes the default dtype. The default is float64 (torch's is float32): exact enough for
finite-difference checks and worked answers; pass `dtype=float32` to run at PyTorch's precision and speed.

Every op builds its output with `node(value, parents)` and, when a gradient is needed, attaches a local
`_backward(g)` closure: given g = ∂L/∂out it adds ∂L/∂input = g · ∂out/∂input into each input
(`accumulate`, which also sums broadcast axes back to the input's shape). Op outputs are numbered as they
are made, so a parent always has a smaller number than its children: `backward()` collects the graph
iteratively (graph depth is unlimited) and runs the closures from the highest number down.

Leaf tensors accumulate `.grad` across `backward()` calls (call `zero_grad`); non-leaf tensors keep the
gradient of the latest backward pass (like `retain_grad()`).
"""

from __future__ import annotations

import contextlib
import itertools
import operator
import threading
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

float32 = np.dtype(np.float32)
float64 = np.dtype(np.float64)
DTYPES = (float32, float64)
DEFAULT_DTYPE = float64

_mode = threading.local()
_created = itertools.count()
"""Creation numbers of op outputs (a parent is always numbered before its children)."""
_creation_number = operator.attrgetter("_number")


def is_grad_enabled() -> bool:
    """False inside `no_grad()` (per thread, like torch's grad mode)."""
    return getattr(_mode, "enabled", True)


class no_grad(contextlib.ContextDecorator):
    """`with no_grad():` (or `@no_grad()`): ops record no graph and their outputs need no grad."""

    def __init__(self) -> None:
        self._saved: list[bool] = []

    def __enter__(self) -> no_grad:
        self._saved.append(is_grad_enabled())
        _mode.enabled = False
        return self

    def __exit__(self, *exc: object) -> None:
        _mode.enabled = self._saved.pop()


class Tensor:
    """`Tensor(data, requires_grad=False)`: `data` copied to an ndarray (float32/float64 arrays keep their
    dtype, anything else becomes float64, the default); `.grad` same shape and dtype, or None."""

    __slots__ = ("_backward", "_grad", "_number", "_parents", "data", "requires_grad")
    __array_ufunc__ = None  # ndarray ⊕ Tensor defers to Tensor's reflected operators

    def __init__(self, data: Any, requires_grad: bool = False) -> None:
        self.data = np.array(float_array(data.data if isinstance(data, Tensor) else data))
        self._grad: np.ndarray | None = None
        self.requires_grad = bool(requires_grad)
        self._backward: Callable[[np.ndarray], None] | None = None
        self._parents: tuple[Tensor, ...] = ()
        self._number = 0

    # ---- attributes -------------------------------------------------------------------------------
    @property
    def grad(self) -> np.ndarray | None:
        """∂L/∂self as an ndarray of self's dtype (None until a backward pass reaches it); assignable."""
        return self._grad

    @grad.setter
    def grad(self, value: Any) -> None:
        if isinstance(value, Tensor):
            value = value.data
        self._grad = None if value is None else np.asarray(value, dtype=self.data.dtype)

    @property
    def dtype(self) -> np.dtype:
        """`float32` or `float64`."""
        return self.data.dtype

    @property
    def shape(self) -> tuple[int, ...]:
        return self.data.shape

    @property
    def ndim(self) -> int:
        return self.data.ndim

    @property
    def is_leaf(self) -> bool:
        """True for tensors created by the user rather than by an op."""
        return self._backward is None

    def __len__(self) -> int:
        return len(self.data)

    def item(self) -> float:
        """The single value as a Python float (ValueError for more than one element)."""
        return float(self.data.item())

    def __float__(self) -> float:
        return self.item()

    def __format__(self, spec: str) -> str:
        return format(self.item(), spec) if spec else repr(self)

    def numpy(self) -> np.ndarray:
        """The underlying array (shared, not copied)."""
        return self.data

    def detach(self) -> Tensor:
        """A new leaf sharing `data`, outside the graph."""
        return wrap(self.data)

    def requires_grad_(self, requires_grad: bool = True) -> Tensor:
        self.requires_grad = requires_grad
        return self

    def __repr__(self) -> str:
        body = np.array2string(self.data, separator=", ", precision=4, prefix="tensor(")
        return f"tensor({body}{', requires_grad=True' if self.requires_grad else ''})"

    # ---- backward -------------------------------------------------------------------------------
    def backward(self, gradient: Any = None) -> None:
        """Fill `.grad` of every tensor this one depends on with ∂self/∂t (times `gradient`, the
        upstream ∂L/∂self; it may be omitted only when self has one element)."""
        if not self.requires_grad:
            raise RuntimeError("element 0 of tensors does not require grad and does not have a grad_fn")
        if gradient is None:
            if self.data.size != 1:
                raise RuntimeError("grad can be implicitly created only for scalar outputs")
            seed = np.empty_like(self.data)
            seed.fill(1.0)
        else:
            raw = gradient.data if isinstance(gradient, Tensor) else gradient
            seed = np.array(raw, dtype=self.data.dtype)
            if seed.shape != self.data.shape:
                raise RuntimeError(f"Mismatch in shape: gradient {seed.shape}, output {self.data.shape}")
        ops = self._ops_needing_grad()
        for t in ops:
            t._grad = None
        accumulate(self, seed, fresh=True)
        for t in ops:
            if t._grad is not None:
                t._backward(t._grad)

    def _ops_needing_grad(self) -> list[Tensor]:
        """The op outputs needing grad that self depends on (self included), children before parents:
        found by an iterative search, ordered by decreasing creation number."""
        if self._backward is None:
            return []
        found = [self]
        seen = {self}
        stack = [self]
        while stack:
            for p in stack.pop()._parents:
                if p._backward is not None and p not in seen:
                    seen.add(p)
                    found.append(p)
                    stack.append(p)
        found.sort(key=_creation_number, reverse=True)
        return found

    # ---- arithmetic -------------------------------------------------------------------------------
    def __add__(self, other: Any) -> Tensor:
        a, b = self, as_tensor(other, self)
        out = node(a.data + b.data, (a, b))
        if out.requires_grad:

            def _backward(g: np.ndarray) -> None:
                accumulate(a, g)
                accumulate(b, g)

            out._backward = _backward
        return out

    def __sub__(self, other: Any) -> Tensor:
        a, b = self, as_tensor(other, self)
        out = node(a.data - b.data, (a, b))
        if out.requires_grad:

            def _backward(g: np.ndarray) -> None:
                accumulate(a, g)
                if b.requires_grad:
                    accumulate(b, -g, fresh=True)

            out._backward = _backward
        return out

    def __mul__(self, other: Any) -> Tensor:
        a, b = self, as_tensor(other, self)
        out = node(a.data * b.data, (a, b))
        if out.requires_grad:

            def _backward(g: np.ndarray) -> None:
                if a.requires_grad:
                    accumulate(a, g * b.data, fresh=True)
                if b.requires_grad:
                    accumulate(b, g * a.data, fresh=True)

            out._backward = _backward
        return out

    def __truediv__(self, other: Any) -> Tensor:
        a, b = self, as_tensor(other, self)
        out = node(a.data / b.data, (a, b))
        if out.requires_grad:

            def _backward(g: np.ndarray) -> None:
                if a.requires_grad:
                    accumulate(a, g / b.data, fresh=True)
                if b.requires_grad:
                    accumulate(b, -g * a.data / (b.data * b.data), fresh=True)

            out._backward = _backward
        return out

    def __pow__(self, other: Any) -> Tensor:
        """aᵇ: ∂/∂a = b·aᵇ⁻¹, ∂/∂b = aᵇ·ln a."""
        a, b = self, as_tensor(other, self)
        out = node(a.data**b.data, (a, b))
        if out.requires_grad:

            def _backward(g: np.ndarray) -> None:
                if a.requires_grad:
                    accumulate(a, g * b.data * a.data ** (b.data - 1), fresh=True)
                if b.requires_grad:
                    accumulate(b, g * out.data * np.log(a.data), fresh=True)

            out._backward = _backward
        return out

    def __matmul__(self, other: Any) -> Tensor:
        """`torch.matmul` shapes: 1-D operands are promoted (and the added axis removed), batch axes
        broadcast. ∂/∂A = G·Bᵀ, ∂/∂B = Aᵀ·G."""
        a, b = self, as_tensor(other, self)
        out = node(a.data @ b.data, (a, b))
        if out.requires_grad:

            def _backward(g: np.ndarray) -> None:
                A = a.data[None, :] if a.data.ndim == 1 else a.data
                B = b.data[:, None] if b.data.ndim == 1 else b.data
                G = np.expand_dims(g, -1) if b.data.ndim == 1 else g
                G = np.expand_dims(G, -2) if a.data.ndim == 1 else G
                if a.requires_grad:
                    ga = _unbroadcast(G @ np.swapaxes(B, -1, -2), A.shape)
                    accumulate(a, ga.reshape(a.data.shape), fresh=True)
                if b.requires_grad:
                    gb = _unbroadcast(np.swapaxes(A, -1, -2) @ G, B.shape)
                    accumulate(b, gb.reshape(b.data.shape), fresh=True)

            out._backward = _backward
        return out

    def __neg__(self) -> Tensor:
        a = self
        out = node(-a.data, (a,))
        if out.requires_grad:

            def _backward(g: np.ndarray) -> None:
                accumulate(a, -g, fresh=True)

            out._backward = _backward
        return out

    def __radd__(self, other: Any) -> Tensor:
        return as_tensor(other, self) + self

    def __rsub__(self, other: Any) -> Tensor:
        return as_tensor(other, self) - self

    def __rmul__(self, other: Any) -> Tensor:
        return as_tensor(other, self) * self

    def __rtruediv__(self, other: Any) -> Tensor:
        return as_tensor(other, self) / self

    def __rpow__(self, other: Any) -> Tensor:
        return as_tensor(other, self) ** self

    def __rmatmul__(self, other: Any) -> Tensor:
        return as_tensor(other, self) @ self

    # ---- elementwise functions ----------------------------------------------------------------------
    def exp(self) -> Tensor:
        """eˣ; ∂/∂x = eˣ."""
        value = np.exp(self.data)
        return elementwise(self, value, lambda: value)

    def log(self) -> Tensor:
        """ln x; ∂/∂x = 1/x."""
        x = self.data
        return elementwise(self, np.log(x), lambda: 1.0 / x)

    # ---- reductions and shape ---------------------------------------------------------------------
    def sum(self, dim: int | Sequence[int] | None = None, keepdim: bool = False) -> Tensor:
        """Σ over `dim` (all axes if None); ∂/∂x = 1 broadcast back."""
        return self._reduce(dim, keepdim, mean=False)

    def mean(self, dim: int | Sequence[int] | None = None, keepdim: bool = False) -> Tensor:
        """(1/n)Σ over `dim` (all axes if None); ∂/∂x = 1/n broadcast back."""
        return self._reduce(dim, keepdim, mean=True)

    def _reduce(self, dim: int | Sequence[int] | None, keepdim: bool, mean: bool) -> Tensor:
        a = self
        axes = _normalize_dims(dim, a.data.ndim)
        value = np.add.reduce(a.data, axis=axes, keepdims=keepdim)
        count = a.data.size // max(np.size(value), 1) if mean else 1
        if mean:
            value = value / count  # as np.mean: the sum, then divided by the count
        out = node(value, (a,))
        if out.requires_grad:

            def _backward(g: np.ndarray) -> None:
                if axes is not None and not keepdim:
                    g = np.expand_dims(g, axes)
                full = np.empty_like(a.data)
                full[...] = g / count if mean else g
                accumulate(a, full, fresh=True)

            out._backward = _backward
        return out

    def reshape(self, *shape: int | Sequence[int]) -> Tensor:
        """Same values, new shape (one entry may be -1); ∂ reshaped back."""
        a = self
        target = tuple(shape[0]) if len(shape) == 1 and isinstance(shape[0], Sequence) else shape
        out = node(a.data.reshape(target), (a,))
        if out.requires_grad:

            def _backward(g: np.ndarray) -> None:
                accumulate(a, g.reshape(a.data.shape))

            out._backward = _backward
        return out

    @property
    def T(self) -> Tensor:
        """Axes reversed (the transpose of a matrix); ∂ transposed back."""
        a = self
        out = node(a.data.T, (a,))
        if out.requires_grad:

            def _backward(g: np.ndarray) -> None:
                accumulate(a, g.T)

            out._backward = _backward
        return out

    def __getitem__(self, index: Any) -> Tensor:
        """NumPy indexing; ∂ scattered back (repeated indices add up)."""
        a = self
        if isinstance(index, Tensor):
            index = index.data.astype(np.intp)
        out = node(a.data[index], (a,))
        if out.requires_grad:

            def _backward(g: np.ndarray) -> None:
                full = np.zeros_like(a.data)
                np.add.at(full, index, g)
                accumulate(a, full, fresh=True)

            out._backward = _backward
        return out


def tensor(data: Any, requires_grad: bool = False, dtype: np.dtype | None = None) -> Tensor:
    """`torch.tensor`: a new leaf Tensor holding a copy of `data` (as `dtype` if given)."""
    if dtype is None:
        return Tensor(data, requires_grad=requires_grad)
    raw = data.data if isinstance(data, Tensor) else data
    return wrap(np.array(raw, dtype=check_dtype(dtype)), requires_grad)


def check_dtype(dtype: Any) -> np.dtype:
    """`dtype` as a NumPy dtype, if it is float32 or float64 (TypeError otherwise)."""
    resolved = np.dtype(dtype)
    if resolved not in DTYPES:
        raise TypeError(f"dtype must be float32 or float64, got {resolved}")
    return resolved


def float_array(value: Any, like: Tensor | None = None) -> np.ndarray:
    """`value` as an array without a copy if it already is a float32/float64 one; otherwise converted to
    `like`'s dtype (a Python number meeting a tensor takes its dtype) or the default dtype."""
    if isinstance(value, np.ndarray | np.floating) and value.dtype in DTYPES:
        return np.asarray(value)
    return np.asarray(value, dtype=DEFAULT_DTYPE if like is None else like.data.dtype)


def as_tensor(value: Any, like: Tensor | None = None) -> Tensor:
    """`value` itself if it is a Tensor, else a constant (no-grad) Tensor viewing it (`float_array`)."""
    if isinstance(value, Tensor):
        return value
    return wrap(float_array(value, like))


def wrap(data: np.ndarray, requires_grad: bool = False) -> Tensor:
    """A leaf holding the float array `data` itself (no copy: the caller hands it over)."""
    return as_leaf(Tensor.__new__(Tensor), data, requires_grad)


def as_leaf(t: Tensor, data: np.ndarray, requires_grad: bool) -> Tensor:
    """Set every field of `t`, a leaf holding `data` (not copied); returns t."""
    t.data = data
    t._grad = None
    t.requires_grad = bool(requires_grad)
    t._backward = None
    t._parents = ()
    t._number = 0
    return t


def empty(*size: int, requires_grad: bool = False, dtype: np.dtype | None = None) -> Tensor:
    """`torch.empty`: a new leaf of shape `size` whose values are unset (fill it, e.g. with `nn.init`)."""
    return wrap(np.empty(size, dtype=check_dtype(dtype or DEFAULT_DTYPE)), requires_grad)


def zeros(*size: int, requires_grad: bool = False, dtype: np.dtype | None = None) -> Tensor:
    """`torch.zeros`: a new leaf of shape `size` filled with 0."""
    return wrap(np.zeros(size, dtype=check_dtype(dtype or DEFAULT_DTYPE)), requires_grad)


def node(value: np.ndarray, parents: tuple[Tensor, ...]) -> Tensor:
    """An op's output. It needs grad when grad mode is on and any parent needs grad; then the op sets
    `out._backward = f(g)` to push g = ∂L/∂out into the parents with `accumulate`."""
    out = Tensor.__new__(Tensor)
    out.data = float_array(value)
    out._grad = None
    out._backward = None
    out._number = next(_created)
    if getattr(_mode, "enabled", True):
        for p in parents:
            if p.requires_grad:
                out.requires_grad = True
                out._parents = parents
                return out
    out.requires_grad = False
    out._parents = ()
    return out


def elementwise(x: Tensor, value: np.ndarray, derivative: Callable[[], np.ndarray]) -> Tensor:
    """y = f(x) applied elementwise, with ∂L/∂x = ∂L/∂y · f'(x); `derivative()` gives f'(x) lazily."""
    out = node(value, (x,))
    if out.requires_grad:

        def _backward(g: np.ndarray) -> None:
            accumulate(x, g * derivative(), fresh=True)

        out._backward = _backward
    return out


def accumulate(t: Tensor, g: np.ndarray, fresh: bool = False) -> None:
    """t.grad += g, with g first summed over the axes broadcasting added (no-op if t needs no grad).

    `fresh=True` promises g is a new array nobody else holds: t then takes it over (or adds into it)
    instead of copying. A leaf never shares its gradient with another tensor; a non-leaf may."""
    if not t.requires_grad:
        return
    if g.shape != t.data.shape:
        g = _unbroadcast(g, t.data.shape)
        fresh = True
    if g.dtype != t.data.dtype:  # from an op that mixed dtypes: the gradient takes its tensor's dtype
        g = g.astype(t.data.dtype)
        fresh = True
    owned = fresh and type(g) is np.ndarray
    current = t._grad
    if current is None:
        t._grad = g if owned or t._backward is not None else np.array(g)
    elif owned:
        t._grad = np.add(g, current, out=g)
    else:
        t._grad = current + g


def _unbroadcast(g: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Sum g over the leading axes and the size-1 axes that broadcasting to g.shape expanded."""
    extra = g.ndim - len(shape)
    if extra > 0:
        g = g.sum(axis=tuple(range(extra)))
    ones = tuple(i for i, n in enumerate(shape) if n == 1 and g.shape[i] != 1)
    return g.sum(axis=ones, keepdims=True) if ones else g


def _normalize_dims(dim: int | Sequence[int] | None, ndim: int) -> tuple[int, ...] | None:
    if dim is None:
        return None
    dims = (dim,) if isinstance(dim, int) else tuple(dim)
    for d in dims:
        if not -ndim <= d < ndim:
            raise IndexError(f"Dimension out of range (expected to be in [{-ndim}, {ndim - 1}], but got {d})")
    return tuple(sorted(d % ndim for d in dims))
