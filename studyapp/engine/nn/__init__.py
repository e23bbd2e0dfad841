"""`torch.nn` for the engine: Module, layers, `init`, `utils`; `nn.functional` is `engine.functional`."""

from studyapp.engine import functional
from studyapp.engine.nn import init, utils
from studyapp.engine.nn.activation import ELU, GELU, LeakyReLU, ReLU, Sigmoid, Tanh
from studyapp.engine.nn.batchnorm import BatchNorm1d
from studyapp.engine.nn.dropout import Dropout
from studyapp.engine.nn.linear import Linear
from studyapp.engine.nn.module import Module, Parameter, Sequential

__all__ = [
    "ELU",
    "GELU",
    "BatchNorm1d",
    "Dropout",
    "LeakyReLU",
    "Linear",
    "Module",
    "Parameter",
    "ReLU",
    "Sequential",
    "Sigmoid",
    "Tanh",
    "functional",
    "init",
    "utils",
]
