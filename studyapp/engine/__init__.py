"""A small reverse-mode autograd over NumPy whose names, defaults and numbers mirror PyTorch.

`from studyapp.engine import Tensor, tensor, empty, zeros, no_grad, float32, functional as F, nn, optim`.
Importing the engine keeps freed array memory in the heap for reuse (`memory.keep_freed_memory`).
"""

from studyapp.engine import functional, memory, nn, optim
from studyapp.engine.tensor import Tensor, empty, float32, float64, is_grad_enabled, no_grad, tensor, zeros

memory.keep_freed_memory()

__all__ = [
    "Tensor",
    "empty",
    "float32",
    "float64",
    "functional",
    "is_grad_enabled",
    "nn",
    "no_grad",
    "optim",
    "tensor",
    "zeros",
]
