"""Start-up with the cyclic garbage collector paused: `run_app` pauses it for all of start-up and always
turns it back on; the app resumes it, start-up's objects frozen, once its first screen is drawn."""

import gc

import pytest

from studyapp.commands.tui import run_app
from studyapp.ui.app import StudyApp
from studyapp.ui.home_screen import HomeScreen


@pytest.fixture
def collector():
    """The collector on and nothing frozen before and after the test."""
    gc.unfreeze()
    gc.enable()
    yield
    gc.unfreeze()
    gc.enable()


async def test_the_app_resumes_a_paused_collector_once_its_first_screen_is_up(tmp_path, collector):
    gc.disable()
    app = StudyApp(data_dir=tmp_path, gc_paused=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert gc.isenabled() and gc.get_freeze_count() > 0


async def test_an_app_not_told_leaves_the_collector_alone(tmp_path, collector):
    gc.disable()
    app = StudyApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not gc.isenabled() and gc.get_freeze_count() == 0


def test_run_app_opens_the_app_with_the_collector_paused_until_its_first_screen(tmp_path, collector):
    seen = []

    async def look(pilot):
        seen.append(("started paused", pilot.app._gc_paused))
        await pilot.pause()
        seen.append(("screen", type(pilot.app.screen).__name__))
        seen.append(("collecting", gc.isenabled()))
        pilot.app.exit()

    options = {"headless": True, "size": (80, 24), "auto_pilot": look}
    assert run_app(tmp_path, run_options=options, start_screen="stats") == 0
    assert seen == [("started paused", True), ("screen", "StatsScreen"), ("collecting", True)]


def test_run_app_turns_the_collector_back_on_when_the_app_fails(tmp_path, monkeypatch, collector):
    during = []

    class FailingApp:
        def __init__(self, **kwargs):
            during.append(gc.isenabled())

        def run(self):
            raise RuntimeError("the terminal went away")

    monkeypatch.setattr("studyapp.ui.app.StudyApp", FailingApp)
    with pytest.raises(RuntimeError):
        run_app(tmp_path)
    assert during == [False] and gc.isenabled()
