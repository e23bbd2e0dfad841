"""Computations on activation functions: derivatives by autograd and the vanishing-gradient bound."""

from __future__ import annotations

import math

from studyapp.engine import functional as F
from studyapp.generated.computation import Computation, Worked, integer, number
from studyapp.generated.formatting import approx, result, shown
from studyapp.generated.probes import derivative

X = number("x", -20.0, 20.0, "input")


def sigmoid_derivative(x: float) -> Worked:
    s, slope = derivative(F.sigmoid, x)
    return slope, (
        f"σ({shown(x)}) = 1/(1 + e^(−x)) = 1/(1 + {approx(math.exp(-x))}) = {approx(s)}; "
        f"σ'(x) = σ(1 − σ) = {approx(s)} × {approx(1 - s)} = {result(slope)}"
    )


def tanh_derivative(x: float) -> Worked:
    t, slope = derivative(F.tanh, x)
    return (
        slope,
        f"tanh({shown(x)}) = {approx(t)}; tanh'(x) = 1 − tanh² = 1 − {approx(t * t)} = {result(slope)}",
    )


def gelu(x: float) -> Worked:
    value, _ = derivative(F.gelu, x)
    phi = 0.5 * (1 + math.erf(x / math.sqrt(2)))
    return value, (
        f"Φ({shown(x)}) = ½(1 + erf(x/√2)) = {approx(phi)}; GELU(x) = x·Φ(x) = {shown(x)} × {approx(phi)} "
        f"= {result(value)}"
    )


def sigmoid_chain_bound(n: int) -> Worked:
    _, peak = derivative(F.sigmoid, 0.0)
    bound = peak**n
    return bound, (
        f"σ'(x) = σ(1 − σ) is largest at x = 0: σ'(0) = 0.5 × 0.5 = {approx(peak)}; "
        f"a chain of {n} sigmoid derivatives is at most {approx(peak)}^{n} = {result(bound)}"
    )


COMPUTATIONS = (
    Computation(
        "sigmoid_derivative",
        "σ'(x) = σ(x)(1 − σ(x))",
        (X,),
        "activation-functions",
        sigmoid_derivative,
        lambda p: {"function": "sigmoid"},
    ),
    Computation(
        "tanh_derivative",
        "tanh'(x) = 1 − tanh²(x)",
        (X,),
        "activation-functions",
        tanh_derivative,
        lambda p: {"function": "tanh"},
    ),
    Computation(
        "gelu",
        "GELU(x) = x·Φ(x) (exact, erf form)",
        (X,),
        "activation-functions",
        gelu,
        lambda p: {"function": "gelu"},
    ),
    Computation(
        "sigmoid_chain_bound",
        "largest product of n sigmoid derivatives: 0.25ⁿ",
        (integer("n", 1, 100, "number of sigmoid layers"),),
        "vanishing-gradients",
        sigmoid_chain_bound,
        lambda p: {"depth": p["n"], "activation": "sigmoid"},
    ),
)
