"""Computations on weight initialization, with gains from the engine's `nn.init.calculate_gain`.

Xavier: std = gain·√(2/(fan_in + fan_out)), uniform bound gain·√(6/(fan_in + fan_out)).
He (Kaiming, fan_in): std = gain/√fan_in, uniform bound gain·√(3/fan_in), with gain √2 for ReLU.
"""

from __future__ import annotations

import math

from studyapp.engine import nn
from studyapp.generated.computation import Computation, Worked, choice, integer
from studyapp.generated.formatting import approx, result

FAN_IN = integer("fan_in", 1, 1_000_000, "inputs per unit")
FAN_OUT = integer("fan_out", 1, 1_000_000, "outputs per unit")
NONLINEARITIES = ("linear", "sigmoid", "tanh", "relu", "leaky_relu", "selu")
LAB_ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu")


def xavier_std(fan_in: int, fan_out: int) -> Worked:
    gain = nn.init.calculate_gain("linear")
    std = gain * math.sqrt(2 / (fan_in + fan_out))
    return (
        std,
        f"std = gain·√(2/(fan_in + fan_out)) = {approx(gain)} × √(2/{fan_in + fan_out}) = {result(std)}",
    )


def xavier_uniform_bound(fan_in: int, fan_out: int) -> Worked:
    gain = nn.init.calculate_gain("linear")
    bound = gain * math.sqrt(6 / (fan_in + fan_out))
    return bound, (
        f"a = gain·√(6/(fan_in + fan_out)) = {approx(gain)} × √(6/{fan_in + fan_out}) = {result(bound)}; "
        f"weights ~ U(−a, a)"
    )


def he_std(fan_in: int) -> Worked:
    gain = nn.init.calculate_gain("relu")
    std = gain / math.sqrt(fan_in)
    return std, f"std = gain/√fan_in with gain(relu) = √2: {approx(gain)}/√{fan_in} = {result(std)}"


def he_uniform_bound(fan_in: int) -> Worked:
    gain = nn.init.calculate_gain("relu")
    bound = gain * math.sqrt(3 / fan_in)
    return bound, (
        f"a = gain·√(3/fan_in) with gain(relu) = √2: {approx(gain)} × √(3/{fan_in}) = {result(bound)}; "
        f"weights ~ U(−a, a)"
    )


def init_gain(nonlinearity: str) -> Worked:
    gain = nn.init.calculate_gain(nonlinearity)
    rules = {
        "linear": "1",
        "sigmoid": "1",
        "tanh": "5/3",
        "relu": "√2",
        "leaky_relu": "√(2/(1 + 0.01²))",
        "selu": "3/4",
    }
    return gain, f"calculate_gain({nonlinearity!r}) = {rules[nonlinearity]} = {result(gain)}"


COMPUTATIONS = (
    Computation(
        "xavier_std",
        "Xavier normal std: √(2/(fan_in + fan_out))",
        (FAN_IN, FAN_OUT),
        "vanishing-gradients",
        xavier_std,
        lambda p: {"init": "xavier"},
    ),
    Computation(
        "xavier_uniform_bound",
        "Xavier uniform bound: √(6/(fan_in + fan_out))",
        (FAN_IN, FAN_OUT),
        "vanishing-gradients",
        xavier_uniform_bound,
        lambda p: {"init": "xavier"},
    ),
    Computation(
        "he_std",
        "He (Kaiming) normal std for ReLU: √2/√fan_in",
        (FAN_IN,),
        "vanishing-gradients",
        he_std,
        lambda p: {"init": "kaiming", "activation": "relu"},
    ),
    Computation(
        "he_uniform_bound",
        "He (Kaiming) uniform bound for ReLU: √2·√(3/fan_in)",
        (FAN_IN,),
        "vanishing-gradients",
        he_uniform_bound,
        lambda p: {"init": "kaiming", "activation": "relu"},
    ),
    Computation(
        "init_gain",
        "nn.init.calculate_gain(nonlinearity)",
        (choice("nonlinearity", NONLINEARITIES, "activation the gain is for"),),
        "vanishing-gradients",
        init_gain,
        lambda p: {"activation": p["nonlinearity"]} if p["nonlinearity"] in LAB_ACTIVATIONS else {},
    ),
)
