"""The lab list and the generic lab screen, driven with the Pilot on every lab."""

from __future__ import annotations

import dataclasses

import pytest
from textual.widgets import Input, Static

from studyapp.errors import StudyAppError
from studyapp.labs import get_lab, lab_names
from studyapp.ui.lab_list_screen import LabListScreen
from studyapp.ui.lab_screen import LabScreen, ParamRow, StepButton
from studyapp.ui.plot_view import LabPlot
from tests.ui_labs.app import LabTestApp

ALL_LABS = lab_names()


async def settle(pilot) -> None:
    """Let key handlers, thread workers (heavy labs) and their posted results finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def focus_param(pilot, screen: LabScreen, name: str) -> None:
    """Move to a setting with ↓ only, as a person would."""
    names = [p.name for p in screen.lab.params]
    for _ in range(len(names)):
        if screen.focused.param.name == name:
            return
        await pilot.press("down")
    raise AssertionError(f"never reached {name}")


def plots_text(screen: LabScreen) -> list[str]:
    return [plot.current.title for plot in screen.query(LabPlot) if plot.current is not None]


@pytest.mark.parametrize("name", ALL_LABS)
async def test_every_control_changes_its_setting_and_the_result(name):
    lab = get_lab(name)
    app = LabTestApp(name)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LabScreen)
        assert screen.result is not None
        assert len(list(screen.query(LabPlot))) == len(screen.result.plots)
        assert plots_text(screen) == [p.title for p in screen.result.plots]
        assert str(screen.query_one("#lab-notes", Static).render()).strip()
        for param in lab.params:
            await focus_param(pilot, screen, param.name)
            before_settings = dict(screen.settings)
            before_result = screen.result
            if param.kind == "vector":
                field = screen.query_one(f"#param-{param.name} Input", Input)
                field.value = ""
                await pilot.press("enter", *"0.5,-2", "enter")
                expected = param.clamp([0.5, -2.0])
            elif param.kind in ("bool", "choice"):
                await pilot.press("space")
                expected = not before_settings[param.name] if param.kind == "bool" else None
            else:
                at_top = before_settings[param.name] >= param.high
                await pilot.press("left" if at_top else "right")
                expected = None
            await settle(pilot)
            value = screen.settings[param.name]
            assert value != before_settings[param.name], param.name
            if expected is not None:
                assert value == expected
            if param.kind == "choice":
                assert value in param.choices
            row = screen.query_one(f"#param-{param.name}")
            assert row.value == value
            assert screen.result is not before_result, param.name
            assert screen.result.data == lab.compute(dict(screen.settings)).data
        await pilot.press("r")
        await settle(pilot)
        assert screen.settings == lab.defaults()
        assert screen.result.data == lab.run().data


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (40, 12)])
@pytest.mark.parametrize("name", ALL_LABS)
async def test_every_lab_draws_at_every_size(name, size):
    app = LabTestApp(name)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("down", "right", "pagedown", "pageup")
        await settle(pilot)
        assert isinstance(app.screen, LabScreen)
        for plot in app.screen.query(LabPlot):
            assert plot.current is not None
            assert plot.size.height >= 8


async def test_right_past_the_upper_bound_stays_at_the_bound():
    app = LabTestApp("optimizers")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await focus_param(pilot, screen, "beta1")
        high = screen.lab.param("beta1").high
        await pilot.press(*["right"] * 15)
        assert screen.settings["beta1"] == high
        await pilot.press("plus")
        assert screen.settings["beta1"] == high
        await pilot.press("minus")
        assert screen.settings["beta1"] == pytest.approx(high - 0.01)


async def test_log_steps_multiply():
    app = LabTestApp("optimizers")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        param = screen.lab.param("lr")
        await focus_param(pilot, screen, "lr")
        await pilot.press("right", "right")
        assert screen.settings["lr"] == pytest.approx(param.default * param.step**2)
        await pilot.press("left", "left", "left")
        assert screen.settings["lr"] == pytest.approx(param.default / param.step)


async def test_choice_cycles_both_ways():
    app = LabTestApp("optimizers")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        choices = screen.lab.param("surface").choices
        await focus_param(pilot, screen, "surface")
        await pilot.press("left")
        assert screen.settings["surface"] == choices[-1]
        await pilot.press("right", "right")
        assert screen.settings["surface"] == choices[1]
        await pilot.press("enter")
        assert screen.settings["surface"] == choices[2]


async def test_clicking_plus_focuses_the_row_and_steps_it():
    app = LabTestApp("loss-functions")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        param = screen.lab.param("delta")
        plus = screen.query_one("#param-delta", ParamRow).query(StepButton).last()
        await pilot.click(plus)
        await settle(pilot)
        assert screen.focused is screen.query_one("#param-delta")
        assert screen.settings["delta"] == pytest.approx(param.default + param.step)
        minus = screen.query_one("#param-delta", ParamRow).query(StepButton).first()
        await pilot.click(minus)
        await pilot.click(minus)
        assert screen.settings["delta"] == pytest.approx(param.default - param.step)


async def test_preset_settings_are_clamped_and_bad_ones_fall_back_to_defaults():
    lab = get_lab("optimizers")
    app = LabTestApp("optimizers", {"lr": 100.0, "steps": 3})
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.screen.settings["lr"] == lab.param("lr").high
        assert app.screen.settings["steps"] == lab.param("steps").low
        assert app.screen.query_one("#param-lr", ParamRow).value == lab.param("lr").high
    app = LabTestApp("optimizers", {"no_such_setting": 1})
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.screen.settings == lab.defaults()
        assert any("no_such_setting" in n.message for n in app._notifications)


async def test_a_bad_vector_is_reported_and_changes_nothing():
    name = next(n for n in ALL_LABS if any(p.kind == "vector" for p in get_lab(n).params))
    app = LabTestApp(name)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        param = next(p for p in screen.lab.params if p.kind == "vector")
        before = dict(screen.settings)
        await focus_param(pilot, screen, param.name)
        screen.query_one(f"#param-{param.name} Input", Input).value = ""
        await pilot.press("enter", *"1,x", "enter")
        await settle(pilot)
        assert screen.settings == before
        assert any(param.name in n.message for n in app._notifications)


async def test_a_compute_error_is_shown_and_the_screen_keeps_running():
    app = LabTestApp("loss-functions")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        last = screen.result

        def broken(settings):
            raise StudyAppError("cannot compute this one")

        screen.lab = dataclasses.replace(screen.lab, compute=broken)
        await pilot.press("right")
        await settle(pilot)
        assert any("cannot compute" in n.message for n in app._notifications)
        assert screen.result is last
        assert app.screen is screen


async def test_heavy_lab_recomputes_in_a_worker():
    heavy = [n for n in ALL_LABS if get_lab(n).heavy]
    assert heavy
    app = LabTestApp(heavy[0])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        first = screen.result
        await pilot.press("right")
        await settle(pilot)
        assert screen.result is not first
        assert screen.result.data == screen.lab.compute(screen.settings).data


async def test_lab_list_opens_every_lab_and_escape_comes_back():
    app = LabTestApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LabListScreen)
        for index, name in enumerate(ALL_LABS):
            await pilot.press(*["down"] * index, "enter")
            await settle(pilot)
            assert isinstance(app.screen, LabScreen)
            assert app.screen.lab.name == name
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, LabListScreen)
            await pilot.press("home")


async def test_closing_a_lab_gives_its_memory_back(monkeypatch):
    released = []
    monkeypatch.setattr("studyapp.engine.memory.release_freed_memory", lambda: released.append(True))
    app = LabTestApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")  # vanishing-gradients
        await settle(pilot)
        assert isinstance(app.screen, LabScreen) and released == []
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LabListScreen) and released == [True]
