"""The quiz screens driven like a person would, with the clock moved by hand."""

from __future__ import annotations

from studyapp.quiz.options import QuizOptions
from studyapp.store.quiz_attempts import list_answers, list_attempts
from studyapp.ui.quiz_results_screen import QuizResultsScreen
from studyapp.ui.quiz_screen import QuizScreen
from studyapp.ui.quiz_setup_screen import QuizSetupScreen
from tests.ui_quiz.conftest import ALL_IDS, RIGHT_KEYS, WRONG_KEYS


def options(*ids, **kwargs) -> QuizOptions:
    return QuizOptions("quiz-test", count=len(ids), question_ids=ids, seed=1, **kwargs)


async def start(app, pilot, quiz_options, clock) -> QuizScreen:
    await app.push_screen(QuizScreen(quiz_options, clock=clock))
    await pilot.pause()
    assert isinstance(app.screen, QuizScreen)
    return app.screen


async def answer_all(pilot, screen: QuizScreen, keys_by_id) -> None:
    """Answer every question with the given keys, pressing Enter past each feedback panel."""
    while screen.session.current is not None:
        await pilot.press(*keys_by_id[screen.session.current.question_id])
        await pilot.pause()
        if screen.session.feedback is not None:
            await pilot.press("enter")
            await pilot.pause()


def rendered(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_timed_quiz_left_alone_ends_by_itself(make_app, clock):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(app, pilot, options(*ALL_IDS, total_seconds=15), clock)
        assert "1/5" in rendered(app, "#quiz-header")
        assert "0:15 left" in rendered(app, "#quiz-header")
        clock.advance(10)
        await pilot.pause(0.4)
        assert "0:05 left" in rendered(app, "#quiz-header")
        clock.advance(5.5)
        await pilot.pause(0.4)
        assert isinstance(app.screen, QuizResultsScreen)
        summary = rendered(app, "#results-summary")
        assert "Score 0/5" in summary
        assert "Time ran out" in summary
        [attempt] = list_attempts(app.db)
        assert attempt["timed_out"] is True
        assert (attempt["total"], attempt["correct"], attempt["unanswered"]) == (5, 0, 5)
        assert screen.session.finished


async def test_answering_well_scores_right(make_app, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot, options(*ALL_IDS), clock)
        await answer_all(pilot, screen, RIGHT_KEYS)
        assert isinstance(app.screen, QuizResultsScreen)
        assert "Score 5/5" in rendered(app, "#results-summary")
        [attempt] = list_attempts(app.db)
        assert (attempt["correct"], attempt["unanswered"], attempt["timed_out"]) == (5, 0, False)
        answers = list_answers(app.db, attempt["id"])
        assert [a["response"] for a in answers] == ["b", ["a", "c"], "adam", "0.25", True]


async def test_retry_mistakes_asks_only_the_mistakes(make_app, clock):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(app, pilot, options(*ALL_IDS), clock)
        keys = {**RIGHT_KEYS, "q-multi": WRONG_KEYS["q-multi"], "q-numeric": WRONG_KEYS["q-numeric"]}
        await answer_all(pilot, screen, keys)
        assert "Score 3/5" in rendered(app, "#results-summary")
        await pilot.press("r")
        await pilot.pause()
        retry = app.screen
        assert isinstance(retry, QuizScreen)
        assert [item.question_id for item in retry.session.items] == ["q-multi", "q-numeric"]
        await answer_all(pilot, retry, RIGHT_KEYS)
        assert "Score 2/2" in rendered(app, "#results-summary")
        assert [a["correct"] for a in list_attempts(app.db)] == [3, 2]


async def test_per_question_limit_moves_on(make_app, clock):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(app, pilot, options("q-mcq", "q-typed", per_question_seconds=20), clock)
        assert "this question 0:20" in rendered(app, "#quiz-header")
        clock.advance(21)
        await pilot.pause(0.4)
        assert screen.session.position == 2 and screen.session.current.question_id == "q-typed"
        assert screen.session.records[0].unanswered


async def test_running_out_of_time_on_the_last_question_shows_the_results(make_app, clock):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(app, pilot, options("q-mcq", "q-multi", per_question_seconds=5), clock)
        clock.advance(5.5)
        await pilot.pause(0.4)
        assert screen.session.current.question_id == "q-multi"
        clock.advance(5.5)
        await pilot.pause(0.4)
        assert isinstance(app.screen, QuizResultsScreen)
        assert "Score 0/2" in rendered(app, "#results-summary")
        [attempt] = list_attempts(app.db)
        assert (attempt["total"], attempt["unanswered"]) == (2, 2)


async def test_escape_abandons_and_the_attempt_is_interrupted(make_app, clock):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(app, pilot, options(*ALL_IDS), clock)
        await pilot.press("b")  # q-mcq right
        await pilot.press("escape")  # on the feedback panel: asks first
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape", "y")
        await pilot.pause()
        assert not isinstance(app.screen, QuizScreen)
        [attempt] = list_attempts(app.db)
        assert (attempt["interrupted"], attempt["correct"]) == (True, 1)


async def test_pack_text_is_shown_literally(make_app, clock):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot, options("q-mcq"), clock)
        assert "[bold]2 + 2[/bold]?" in rendered(app, "#quiz-prompt")


async def test_footer_labels_every_key_of_a_multiple_choice(make_app, clock):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot, options("q-mcq"), clock)
        shown = {
            key: active.binding.description
            for key, active in app.screen.active_bindings.items()
            if active.binding.show
        }
        assert {key for key, label in shown.items() if label == "Choose"} == {"a", "b", "c"}
        assert shown["s"] == "Skip" and shown["escape"] == "Abandon"


async def test_setup_screen_starts_the_chosen_quiz(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(QuizSetupScreen(pack_id="quiz-test"))
        await pilot.pause()
        count = app.screen.query_one("#setup-count")
        count.value = "3"
        app.screen.query_one("#setup-time").value = "2m"
        await pilot.press("ctrl+s")
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        assert (quiz.options.pack_id, quiz.options.count, quiz.options.total_seconds) == ("quiz-test", 3, 120)
        assert quiz.session.total == 3


async def test_setup_screen_reports_a_bad_duration_and_stays(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(QuizSetupScreen(pack_id="quiz-test"))
        await pilot.pause()
        app.screen.query_one("#setup-time").value = "soon"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, QuizSetupScreen)
        assert "invalid duration" in rendered(app, "#setup-error")
