"""A live lab: one control per `Param`, the lab's notes, and one plot per `Plot`; every change recomputes.

Keys: ↑/↓ pick a setting; ←/→ (or -/+) change it by its step (multiplied when the step is logarithmic);
choices cycle and switches toggle with Space/Enter too; r resets; PgUp/PgDn scroll the plots; Escape goes
back. A vector is edited as text (comma-separated): Enter opens its field, where every key types, Enter
applies and Escape cancels, both returning to the settings. A heavy lab computes in a thread.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, Label, Static
from textual.worker import get_current_worker

from studyapp.errors import StudyAppError
from studyapp.labs import get_lab
from studyapp.labs.base import Lab, LabResult, Param
from studyapp.ui.plot_view import LabPlot


def format_value(param: Param, value: Any) -> str:
    """A setting as shown on its row."""
    if param.kind == "bool":
        return "on" if value else "off"
    if param.kind == "vector":
        return ", ".join(f"{v:g}" for v in value)
    if param.kind == "float":
        return f"{value:.4g}"
    return str(value)


def stepped(param: Param, value: Any, direction: int) -> Any:
    """`value` moved one step in `direction` (+1/−1), clamped: numbers add (or multiply by) `step`,
    choices cycle, switches toggle."""
    if param.kind == "bool":
        return not value
    if param.kind == "choice":
        index = param.choices.index(value)
        return param.choices[(index + direction) % len(param.choices)]
    step = param.step if param.step is not None else 1.0
    moved = value * step**direction if param.log else value + direction * step
    return param.clamp(round(moved, 12))


class StepButton(Static):
    """A clickable − or + next to a setting."""

    def __init__(self, direction: int) -> None:
        super().__init__("−" if direction < 0 else "+", classes="step-button", markup=False)
        self.direction = direction

    def on_click(self, event: events.Click) -> None:
        event.stop()
        row = self.parent
        if isinstance(row, ParamRow):
            row.focus()
            row.change(self.direction)


class ParamRow(Widget, can_focus=True):
    """One number, choice or switch: its name, value and −/+ buttons."""

    BINDINGS = [  # noqa: RUF012 (Textual's convention)
        Binding("right,plus,equals_sign", "change(1)", "Change", key_display="←→-+"),
        Binding("left,minus", "change(-1)", "Step down", show=False),
        Binding("space,enter", "toggle", "Toggle", key_display="space"),
    ]

    def __init__(self, param: Param, value: Any) -> None:
        super().__init__(classes="param-row", id=f"param-{param.name}")
        self.param = param
        self.value = value

    def compose(self) -> ComposeResult:
        yield Label(self.param.name, classes="param-name", markup=False)
        yield StepButton(-1)
        yield Static(format_value(self.param, self.value), classes="param-value", markup=False)
        yield StepButton(1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Space/Enter only cycle choices and toggle switches."""
        return action != "toggle" or self.param.kind in ("choice", "bool")

    def action_change(self, direction: int) -> None:
        self.change(direction)

    def action_toggle(self) -> None:
        self.change(1)

    def change(self, direction: int) -> None:
        self.screen.set_setting(self.param.name, stepped(self.param, self.value, direction))

    def show_value(self, value: Any) -> None:
        self.value = value
        self.query_one(".param-value", Static).update(format_value(self.param, value))

    def on_focus(self) -> None:
        self.screen.show_help(self.param)


class VectorRow(Widget, can_focus=True):
    """A vector as comma-separated numbers in a text field: Enter opens the field, where Enter (or leaving
    it with ↑/↓) applies the text and Escape puts back the current value; both return focus to the row."""

    BINDINGS = [  # noqa: RUF012 (Textual's convention)
        Binding("enter", "edit", "Edit vector"),
    ]

    def __init__(self, param: Param, value: list[float]) -> None:
        super().__init__(classes="param-row", id=f"param-{param.name}")
        self.param = param
        self.value = value

    def compose(self) -> ComposeResult:
        yield Label(self.param.name, classes="param-name", markup=False)
        yield VectorInput(format_value(self.param, self.value), compact=True, classes="param-input")

    def action_edit(self) -> None:
        self.query_one(VectorInput).focus()

    def show_value(self, value: list[float]) -> None:
        self.value = value
        self.query_one(VectorInput).value = format_value(self.param, value)

    def apply(self, text: str) -> bool:
        """Set the vector typed in `text`; False (and a notification) when it is not a valid vector."""
        try:
            value = self.param.parse(text)
        except StudyAppError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return False
        if value != self.value:
            self.screen.set_setting(self.param.name, value)
        else:
            self.show_value(value)
        return True

    def on_focus(self) -> None:
        self.screen.show_help(self.param)


class VectorInput(Input):
    """The text field of a `VectorRow` (its parent)."""

    BINDINGS = [  # noqa: RUF012 (Textual's convention)
        Binding("enter", "submit", "Apply vector"),
        Binding("escape", "cancel", "Cancel edit"),
    ]

    @property
    def row(self) -> VectorRow:
        return self.parent  # type: ignore[return-value]

    def on_focus(self) -> None:
        self.screen.show_help(self.row.param)

    def on_blur(self) -> None:
        if not self.row.apply(self.value):  # left with text that is not a vector: show the setting again
            self.row.show_value(self.row.value)

    def action_cancel(self) -> None:
        self.row.show_value(self.row.value)
        self.row.focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.row.apply(event.value):
            self.row.focus()


class LabScreen(Screen[None]):
    """A lab's controls, notes and plots. `settings` presets some parameters (clamped to their bounds)."""

    DEFAULT_CSS = """
    LabScreen #lab-body { height: 1fr; }
    LabScreen #lab-controls { width: 38; height: 1fr; border-right: vkey $panel; padding: 0 1 0 0; }
    LabScreen.-narrow #lab-controls { width: 34; }
    LabScreen.-tiny #lab-body { layout: vertical; }
    LabScreen.-tiny #lab-controls { width: 1fr; height: 50%; border-right: none; }
    LabScreen.-tiny #lab-summary, LabScreen.-tiny #lab-help { display: none; }
    LabScreen #lab-title { text-style: bold; padding: 0 1; height: auto; }
    LabScreen .param-row { layout: horizontal; height: 1; padding: 0 1; }
    LabScreen .param-row:focus, LabScreen .param-row:focus-within { background: $accent 30%; }
    LabScreen .param-name { width: 1fr; }
    LabScreen .param-value { width: 14; text-align: center; text-wrap: nowrap; text-overflow: ellipsis; }
    LabScreen .step-button { width: 3; text-align: center; color: $text-accent; text-style: bold; }
    LabScreen .param-input { width: 16; }
    LabScreen #lab-summary { color: $text-muted; padding: 0 1 1 1; height: auto; }
    LabScreen #lab-help { color: $text-muted; padding: 1 1 0 1; height: auto; }
    LabScreen #lab-output { width: 1fr; height: 1fr; }
    LabScreen #lab-notes { padding: 0 1 1 1; height: auto; }
    LabScreen.-narrow LabPlot { height: 14; }
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (60, "-narrow"), (100, "-wide")]  # noqa: RUF012 (Textual's convention)

    BINDINGS = [  # noqa: RUF012 (Textual's convention)
        Binding("up", "move(-1)", "Setting", key_display="↑↓", priority=True),
        Binding("down", "move(1)", "Next setting", show=False, priority=True),
        Binding("r", "reset", "Reset"),
        Binding("pagedown", "scroll_output(1)", "Scroll", key_display="PgDn", priority=True),
        Binding("pageup", "scroll_output(-1)", "Scroll up", key_display="PgUp", show=False, priority=True),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, name: str, settings: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.lab: Lab = get_lab(name)
        self.settings_error: str | None = None
        try:
            self.settings = self.lab.settings(settings or {})
        except StudyAppError as exc:
            self.settings_error = f"{exc}; using the defaults"
            self.settings = self.lab.defaults()
        self.result: LabResult | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="lab-body"):
            with VerticalScroll(id="lab-controls", can_focus=False):
                yield Static(Text(self.lab.title), id="lab-title")
                yield Static(Text(self.lab.summary), id="lab-summary")
                for param in self.lab.params:
                    value = self.settings[param.name]
                    yield VectorRow(param, value) if param.kind == "vector" else ParamRow(param, value)
                yield Static(id="lab-help", markup=False)
            with VerticalScroll(id="lab-output", can_focus=False):
                yield Static(id="lab-notes")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        if self.settings_error:
            self.notify(self.settings_error, severity="warning", markup=False)
        self._rows()[0].focus()
        self.recompute()

    def _rows(self) -> list[ParamRow | VectorRow]:
        """One focusable row per parameter, in order."""
        return list(self.query(".param-row").results())  # type: ignore[arg-type]

    def show_help(self, param: Param) -> None:
        self.query_one("#lab-help", Static).update(Text(param.help))

    def set_setting(self, name: str, value: Any) -> None:
        """Change one setting (clamped) and recompute."""
        self.settings = {**self.settings, name: self.lab.param(name).clamp(value)}
        self._show_settings()
        self.recompute()

    def _show_settings(self) -> None:
        for row in self._rows():
            row.show_value(self.settings[row.param.name])

    def recompute(self) -> None:
        if self.lab.heavy:
            self._compute_in_thread(dict(self.settings))
            return
        try:
            result = self.lab.compute(dict(self.settings))
        except StudyAppError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self._show_result(result)

    @work(thread=True, exclusive=True, exit_on_error=False, group="lab-compute")
    def _compute_in_thread(self, settings: dict[str, Any]) -> None:
        try:
            result = self.lab.compute(settings)
        except StudyAppError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_result, result)

    def _show_result(self, result: LabResult) -> None:
        self.result = result
        self.query_one("#lab-notes", Static).update(Text("\n".join(result.notes)))
        output = self.query_one("#lab-output", VerticalScroll)
        plots = list(output.query(LabPlot).results(LabPlot))
        for extra in plots[len(result.plots) :]:
            extra.remove()
        missing = [LabPlot() for _ in result.plots[len(plots) :]]
        if missing:
            output.mount_all(missing)
        for widget, plot in zip([*plots, *missing], result.plots, strict=False):
            widget.show(plot)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While a vector's text field has focus, r types into it, so Reset is not offered."""
        return action != "reset" or not isinstance(self.focused, VectorInput)

    def action_move(self, delta: int) -> None:
        rows = self._rows()
        focused = self.focused
        row = focused.row if isinstance(focused, VectorInput) else focused
        index = rows.index(row) if row in rows else -1
        rows[(index + delta) % len(rows)].focus()

    def action_reset(self) -> None:
        self.settings = self.lab.defaults()
        self._show_settings()
        self.recompute()

    def action_scroll_output(self, direction: int) -> None:
        output = self.query_one("#lab-output", VerticalScroll)
        if direction > 0:
            output.scroll_page_down()
        else:
            output.scroll_page_up()

    def action_back(self) -> None:
        self.dismiss()

    def on_unmount(self) -> None:
        """Closed: the memory the lab's arrays used goes back to the OS (the engine keeps it meanwhile)."""
        from studyapp.engine.memory import release_freed_memory

        release_freed_memory()
