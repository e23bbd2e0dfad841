"""A vector setting's text field: Enter opens it, keys (r too) type there, Enter applies, Escape cancels,
and the Footer names the keys that work at each moment."""

from __future__ import annotations

from textual.widgets import Input

from studyapp.ui.lab_screen import LabScreen, VectorRow
from tests.ui_labs.app import LabTestApp
from tests.ui_labs.test_lab_screens import settle

LAB = "gradient-clipping"  # settings: grad (a vector, the first row), threshold, mode


def footer_keys(screen: LabScreen) -> set[tuple[str, str]]:
    return {(key.key, key.description) for key in screen.query("FooterKey")}


async def opened(pilot) -> tuple[LabScreen, VectorRow, Input]:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, LabScreen)
    return screen, screen.query_one("#param-grad", VectorRow), screen.query_one("#param-grad Input", Input)


async def test_r_types_in_the_field_and_resets_from_the_row():
    app = LabTestApp(LAB)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, row, field = await opened(pilot)
        defaults = screen.lab.defaults()
        await pilot.press("down", "right", "up")  # threshold up one step, back on the vector's row
        await settle(pilot)
        assert screen.focused is row
        assert screen.settings["threshold"] != defaults["threshold"]
        assert {("enter", "Edit vector"), ("r", "Reset"), ("escape", "Back")} <= footer_keys(screen)

        await pilot.press("enter")
        await pilot.pause()
        assert screen.focused is field
        shown = footer_keys(screen)
        assert {("enter", "Apply vector"), ("escape", "Cancel edit")} <= shown
        assert ("r", "Reset") not in shown and ("escape", "Back") not in shown

        await pilot.press("r", "1")  # the whole text was selected: typing replaces it
        assert field.value == "r1"
        assert screen.settings["threshold"] != defaults["threshold"]  # r did not reset

        await pilot.press("escape")  # cancels the edit and returns to the row, still in the lab
        await settle(pilot)
        assert app.screen is screen and screen.focused is row
        assert field.value == "3, 4" and screen.settings["grad"] == defaults["grad"]

        await pilot.press("r")
        await settle(pilot)
        assert screen.settings == defaults


async def test_enter_applies_the_vector_and_returns_to_the_row():
    app = LabTestApp(LAB)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, row, field = await opened(pilot)
        before = screen.result
        await pilot.press("enter", *"1, -2", "enter")
        await settle(pilot)
        assert screen.settings["grad"] == [1.0, -2.0]
        assert screen.result is not before
        assert screen.focused is row and field.value == "1, -2"


async def test_a_bad_vector_stays_to_be_fixed_and_leaving_shows_the_setting_again():
    app = LabTestApp(LAB)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, _, field = await opened(pilot)
        await pilot.press("enter", *"1,x", "enter")
        await settle(pilot)
        assert screen.focused is field and field.value == "1,x"  # still there to fix
        assert any("grad" in n.message for n in app._notifications)
        await pilot.press("down")  # leave for the next setting
        await settle(pilot)
        assert screen.focused is screen.query_one("#param-threshold")
        assert field.value == "3, 4" and screen.settings["grad"] == [3.0, 4.0]


async def test_escape_on_the_row_leaves_the_lab():
    app = LabTestApp(LAB)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, row, _ = await opened(pilot)
        assert screen.focused is row
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, LabScreen)
