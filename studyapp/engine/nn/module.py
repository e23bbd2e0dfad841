"""Module (a tree of layers holding Parameters), Parameter and Sequential, as in `torch.nn`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from studyapp.engine.tensor import Tensor, as_leaf


class Parameter(Tensor):
    """A Tensor a Module owns and an optimizer updates; `requires_grad=True` by default.
    From a Tensor it shares that Tensor's data (as torch); from anything else it holds a copy (float32 and
    float64 arrays keep their dtype, anything else becomes float64)."""

    __slots__ = ()

    def __init__(self, data: Any, requires_grad: bool = True) -> None:
        if isinstance(data, Tensor):
            as_leaf(self, data.data, requires_grad)
        else:
            super().__init__(data, requires_grad)

    def __repr__(self) -> str:
        return f"Parameter containing:\n{super().__repr__()}"


class Module:
    """Base layer: Parameters and sub-Modules assigned as attributes are found by `parameters()`;
    `training` (True after construction) switches layers like Dropout and BatchNorm1d.
    Sub-Modules are also kept in assignment order in `_modules` (as torch), so walks skip other attributes."""

    def __init__(self) -> None:
        self.training = True

    def __setattr__(self, name: str, value: Any) -> None:
        modules = self.__dict__.get("_modules")
        if modules is None:
            modules = self.__dict__["_modules"] = {}
        if isinstance(value, Module):
            modules[name] = value
        else:
            modules.pop(name, None)
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        self.__dict__.get("_modules", {}).pop(name, None)
        object.__delattr__(self, name)

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(f"{type(self).__name__} has no forward()")

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.forward(*args, **kwargs)

    def named_children(self) -> Iterator[tuple[str, Module]]:
        yield from self.__dict__.get("_modules", {}).items()

    def children(self) -> Iterator[Module]:
        yield from self.__dict__.get("_modules", {}).values()

    def modules(self) -> Iterator[Module]:
        """This module and all its descendants, depth first."""
        stack = [self]
        while stack:
            module = stack.pop()
            yield module
            stack.extend(reversed(module.__dict__.get("_modules", {}).values()))

    def named_parameters(self, prefix: str = "") -> Iterator[tuple[str, Parameter]]:
        """("0.weight", p) pairs in attribute order, each Parameter once."""
        seen: set[Parameter] = set()
        stack: list[tuple[str, Module]] = [(prefix, self)]
        while stack:
            path, module = stack.pop()
            children = []
            for name, value in vars(module).items():
                if isinstance(value, Parameter) and value not in seen:
                    seen.add(value)
                    yield path + name, value
                elif isinstance(value, Module):
                    children.append((f"{path}{name}.", value))
            stack.extend(reversed(children))

    def parameters(self) -> Iterator[Parameter]:
        for _, p in self.named_parameters():
            yield p

    def train(self, mode: bool = True) -> Module:
        """Set `training` on this module and every descendant; returns self."""
        stack = [self]
        while stack:
            module = stack.pop()
            module.__dict__["training"] = mode
            stack.extend(module.__dict__.get("_modules", {}).values())
        return self

    def eval(self) -> Module:
        return self.train(False)

    def zero_grad(self, set_to_none: bool = True) -> None:
        for p in self.parameters():
            p.grad = None if set_to_none or p.grad is None else np.zeros_like(p.data)

    def extra_repr(self) -> str:
        return ""

    def __repr__(self) -> str:
        lines = [f"  ({name}): " + repr(child).replace("\n", "\n  ") for name, child in self.named_children()]
        if not lines:
            return f"{type(self).__name__}({self.extra_repr()})"
        return f"{type(self).__name__}(\n" + "\n".join(lines) + "\n)"


class Sequential(Module):
    """`Sequential(m0, m1, ...)`: forward(x) = m_last(...m1(m0(x))); indexable (slices give a Sequential),
    `len()`, iterable; parameters are named "0.weight", "1.bias", ..."""

    def __init__(self, *modules: Module) -> None:
        super().__init__()
        for i, module in enumerate(modules):
            setattr(self, str(i), module)

    def forward(self, input: Any) -> Any:
        for module in self._modules.values():
            input = module.forward(input)  # what module(input) calls; Modules here have no hooks
        return input

    def append(self, module: Module) -> Sequential:
        setattr(self, str(len(self)), module)
        return self

    def __getitem__(self, index: int | slice) -> Any:
        layers = list(self.children())
        return Sequential(*layers[index]) if isinstance(index, slice) else layers[index]

    def __len__(self) -> int:
        return sum(1 for _ in self.children())

    def __iter__(self) -> Iterator[Module]:
        return self.children()
