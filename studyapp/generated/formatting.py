"""Numbers as text: drawn parameters in prompts, intermediate values in worked solutions.

Prompts are filled by replacing `{name}` placeholders by regex (never `eval` or `str.format`); a
placeholder that names no parameter is left as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_NEGATIVE_OPERAND = re.compile(r"(?:(?<=[×−+] )|(?<=/))-\d[\d.]*(?:e[+-]?\d+)?")


def shown(value: Any, decimals: int | None = None) -> str:
    """A drawn value as the prompt shows it: `decimals` places when that is exact, else up to 6 digits."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if decimals is not None and round(value, decimals) == value:
        return f"{value:.{decimals}f}"
    return f"{value:g}"


def approx(value: float, digits: int = 4) -> str:
    """An intermediate or final number in a worked solution, to `digits` significant digits."""
    return f"{value:#.{digits}g}".rstrip(".")


def result(value: float) -> str:
    """A final answer in a worked solution: up to 6 significant digits, no padding zeros."""
    return f"{value:.6g}"


def parenthesize_negatives(text: str) -> str:
    """`2 − -3`, `0.1 × -3`, `4/-2` → `2 − (-3)`, `0.1 × (-3)`, `4/(-2)`: a negative operand reads clearly."""
    return _NEGATIVE_OPERAND.sub(lambda m: f"({m.group(0)})", text)


def fill_prompt(prompt: str, values: Mapping[str, str]) -> str:
    """`prompt` with each `{name}` replaced by `values[name]`; unknown placeholders stay as they are."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), prompt)
