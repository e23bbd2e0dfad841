"""Draws a lab's `Plot` (studyapp.labs.base): a PlotextPlot under its title and legend, each on lines of
their own, so a long title still shows (wrapped) and the legend never hides the data.

A `ylog` plot is drawn on log10(y) with ticks labelled with their real values; values that are not
positive and finite are left out. An unlabelled scatter is a grey backdrop (level sets, say) drawn
first; labelled points are drawn last, over the lines. Marks are vertical lines with their labels
written near the top of the plot, one below the other.
"""

from __future__ import annotations

import itertools
import math

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static
from textual_plotext import PlotextPlot

from studyapp.labs.base import Plot, Series

PALETTE = ((70, 140, 245), (235, 80, 80), (60, 185, 80), (245, 155, 40), (200, 90, 210), (40, 190, 200))
BACKDROP = (110, 110, 110)
MARK = (225, 205, 60)


class LabPlot(Vertical):
    """One lab plot; call `show(plot)` with each new result."""

    DEFAULT_CSS = """
    LabPlot { height: 16; min-height: 8; }
    LabPlot .plot-title { height: auto; padding: 0 1; text-style: bold; text-align: center; }
    LabPlot .plot-legend { height: auto; padding: 0 1; }
    LabPlot PlotextPlot { height: 1fr; }
    """

    current: Plot | None = None
    """The plot last shown."""

    def compose(self) -> ComposeResult:
        yield Static(classes="plot-title", markup=False)
        yield Static(classes="plot-legend")
        yield PlotextPlot()

    def show(self, plot: Plot) -> None:
        self.current = plot
        if self.is_mounted:
            self._draw(plot)

    def on_mount(self) -> None:
        if self.current is not None:
            self._draw(self.current)

    def _draw(self, plot: Plot) -> None:
        widget = self.query_one(PlotextPlot)
        plt = widget.plt
        plt.clear_figure()
        plt.xlabel(plot.xlabel)
        plt.ylabel(f"{plot.ylabel} (log scale)" if plot.ylog else plot.ylabel)
        legend = Text()
        ys_seen: list[float] = []
        colors = itertools.cycle(PALETTE)
        for series in sorted(plot.series, key=_layer):
            xs, ys = _points(series, plot.ylog)
            if not series.label:
                plt.scatter(xs, ys, marker="braille", color=BACKDROP)
                continue
            color = next(colors)
            glyph = {"scatter": "•", "bar": "█"}.get(series.style, "━")
            legend.append(f"{glyph} {series.label}  ", style="rgb({},{},{})".format(*color))
            ys_seen.extend(ys)
            if series.style == "scatter":
                plt.scatter(xs, ys, marker="dot", color=color)
            elif series.style == "bar":
                plt.bar(xs, ys, color=color)
            else:
                plt.plot(xs, ys, marker="braille", color=color)
        if plot.ylog and ys_seen:
            _log_ticks(plt, min(ys_seen), max(ys_seen))
        top = max(ys_seen, default=1.0)
        span = top - min(ys_seen, default=0.0)
        for i, (x, label) in enumerate(plot.marks):
            plt.vertical_line(x, color=MARK)
            if label:
                plt.text(f" {label}", x, top - 0.12 * span * i, color=MARK, alignment="left")
        self.query_one(".plot-title", Static).update(plot.title)
        self.query_one(".plot-legend", Static).update(legend)
        widget.refresh()


def _layer(series: Series) -> int:
    """Drawing order: the grey backdrop, then lines and bars, then labelled points on top."""
    if series.style == "scatter":
        return 2 if series.label else 0
    return 1


def _points(series: Series, ylog: bool) -> tuple[list[float], list[float]]:
    """The finite (x, y) pairs of a series, with y as log10(y) when `ylog`."""
    xs: list[float] = []
    ys: list[float] = []
    for x, y in zip(series.x, series.y, strict=False):
        if x is None or y is None or not math.isfinite(x) or not math.isfinite(y):
            continue
        if ylog:
            if y <= 0:
                continue
            y = math.log10(y)
        xs.append(x)
        ys.append(y)
    return xs, ys


def _log_ticks(plt, low: float, high: float) -> None:
    """Ticks at 1, 2 and 5 times powers of ten when they fit (at most 7), else at powers of ten (every few
    when the range is wide); labelled with their real values."""
    first, last = math.floor(low), math.ceil(high)
    fine = [e + math.log10(m) for e in range(first, last + 1) for m in (1, 2, 5)]
    ticks = [t for t in fine if low - 1e-9 <= t <= high + 1e-9]
    if not 2 <= len(ticks) <= 7:
        stride = max(1, math.ceil((last - first + 1) / 6))
        ticks = list(range(first, last + 1, stride))
    plt.yticks(ticks, [_tick_label(10**t) for t in ticks])


def _tick_label(value: float) -> str:
    return f"{value:g}" if 1e-3 <= value < 1e5 else f"{value:.0e}".replace("e-0", "e-").replace("e+0", "e")
