"""Every screen at 40x12, and resized while open, without an exception."""

import pytest

from studyapp.ui.app import StudyApp
from studyapp.ui.home_screen import HomeScreen

SIZES = [(40, 12), (120, 40), (60, 15)]


@pytest.mark.parametrize("key", ["enter", "q", "l", "t"])
async def test_screens_survive_a_tiny_terminal_and_resizing(tmp_path, key):
    app = StudyApp(data_dir=tmp_path / "data")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press(key)
        await pilot.pause()
        opened = app.screen
        assert opened is not app.screen_stack[0]
        for width, height in SIZES:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
        if key == "enter":  # study: reveal and rate a card in the small terminal too
            await pilot.press("space", "3")
            await pilot.pause()
            assert app.db.execute("SELECT count(*) FROM reviews").fetchone()[0] == 1
        assert app.screen is opened and app.is_running
