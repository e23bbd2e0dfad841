from dataclasses import replace
from pathlib import Path

import pytest

from studyapp.errors import StudyAppError
from studyapp.quiz.options import QuizOptions
from studyapp.quiz.session import QuizSession
from tests.quiz.conftest import fake_instantiate


def start(pack, clock, *ids, **options):
    """A session over exactly these questions, in this order."""
    opts = QuizOptions("mini", count=len(ids), question_ids=ids, seed=3, **options)
    return QuizSession.start(pack, opts, clock=clock, instantiate=fake_instantiate)


@pytest.mark.parametrize(
    ("qid", "right", "wrong", "stored_right"),
    [
        ("mcq-sum", "b", "a", "b"),
        ("mcq-sum", 1, 2, "b"),
        ("multi-even", {"a", "c"}, {"a"}, ["a", "c"]),
        ("multi-even", ["C", "a"], ["a", "b", "c"], ["a", "c"]),
        ("typed-adam", "  adam  ", "sgd", "adam"),
        ("numeric-quarter", "0.255", "0.3", "0.255"),
        ("numeric-quarter", 0.25, "-0.25", "0.25"),
        ("card-dropout", True, False, True),
    ],
)
def test_every_kind_is_graded(pack, clock, qid, right, wrong, stored_right):
    session = start(pack, clock, qid, qid)
    good = session.answer(right)
    assert (good.correct, good.unanswered, good.response) == (True, False, stored_right)
    session.next()
    bad = session.answer(wrong)
    assert (bad.correct, bad.unanswered) == (False, False)
    assert session.finished
    result = session.result()
    assert (result.correct, result.total, result.unanswered) == (1, 2, 0)


def test_mcq_letter_out_of_range_is_an_error_not_a_wrong_answer(pack, clock):
    session = start(pack, clock, "mcq-sum")
    with pytest.raises(StudyAppError, match="from a to c"):
        session.answer("d")
    assert session.records == []
    assert session.current is not None


def test_generated_question_is_asked_as_its_instance_with_a_worked_solution(pack, clock):
    session = start(pack, clock, "gen-double")
    item = session.current
    x = int(item.question.prompt.split()[1].rstrip("?"))
    assert item.question_id == "gen-double"
    assert item.solution == f"2 × {x} = {2 * x}"
    assert session.answer(str(2 * x + 1)).correct is False
    mistake = session.result().mistakes[0]
    assert mistake.solution == item.solution
    assert mistake.answer == f"{2 * x}"
    again = QuizSession.start(pack, session.retry_mistakes(), clock=clock, instantiate=fake_instantiate)
    assert again.current.question.prompt == item.question.prompt  # same seed: the same numbers


def test_flow_feedback_then_next_and_position(pack, clock):
    session = start(pack, clock, "mcq-sum", "typed-adam", "card-dropout")
    assert (session.position, session.total) == (1, 3)
    session.answer("b")
    assert session.current is None and session.feedback.correct
    assert session.position == 1
    with pytest.raises(StudyAppError):
        session.answer("b")  # nothing is being asked while feedback shows
    session.next()
    assert session.position == 2 and session.current.question_id == "typed-adam"
    skipped = session.skip()
    assert skipped.unanswered and not skipped.correct and skipped.response is None
    assert session.position == 3 and session.feedback is None
    session.answer(False)
    assert session.finished and session.feedback is not None
    session.next()
    assert session.feedback is None and session.current is None


def test_seconds_are_measured_on_the_injected_clock(pack, clock):
    session = start(pack, clock, "mcq-sum", "typed-adam")
    clock.advance(4)
    assert session.answer("b").seconds == 4
    clock.advance(10)  # reading feedback does not count against the next question
    session.next()
    clock.advance(3)
    assert session.answer("adam").seconds == 3
    assert session.result().seconds == 17


def test_total_limit_ends_quiz_and_counts_unanswered_as_wrong(pack, clock):
    session = start(pack, clock, "mcq-sum", "typed-adam", "numeric-quarter", "card-dropout", total_seconds=15)
    session.answer("b")
    session.next()
    clock.advance(14.9)
    assert session.check_time() == []
    assert session.remaining_seconds() == pytest.approx(0.1)
    clock.advance(0.2)
    ran_out = session.check_time()
    assert [r.question_id for r in ran_out] == ["typed-adam", "numeric-quarter", "card-dropout"]
    assert all(r.unanswered and not r.correct for r in ran_out)
    assert session.finished and session.timed_out and not session.interrupted
    assert session.remaining_seconds() == 0
    result = session.result()
    assert (result.correct, result.total, result.unanswered, result.timed_out) == (1, 4, 3, True)
    assert result.seconds == 15  # capped at the limit
    assert [m.question_id for m in result.mistakes] == ["typed-adam", "numeric-quarter", "card-dropout"]


def test_answer_after_the_total_limit_is_not_graded(pack, clock):
    session = start(pack, clock, "mcq-sum", "typed-adam", total_seconds=10)
    clock.advance(11)
    record = session.answer("b")
    assert record.unanswered and not record.correct
    assert session.finished and session.timed_out
    assert session.result().correct == 0


def test_per_question_limit_moves_on_by_itself(pack, clock):
    session = start(pack, clock, "mcq-sum", "typed-adam", "card-dropout", per_question_seconds=45)
    clock.advance(44)
    assert session.check_time() == []
    assert session.question_remaining_seconds() == 1
    clock.advance(2)
    [timed] = session.check_time()
    assert (timed.question_id, timed.unanswered, timed.seconds) == ("mcq-sum", True, 45)
    assert session.position == 2 and session.current.question_id == "typed-adam"
    assert session.question_remaining_seconds() == 45  # the next question's own clock starts now
    clock.advance(30)
    session.answer("adam")
    clock.advance(100)  # feedback is not timed
    assert session.check_time() == []
    session.next()
    clock.advance(46)
    session.check_time()
    assert session.finished and not session.timed_out
    result = session.result()
    assert (result.correct, result.total, result.unanswered) == (1, 3, 2)


def test_per_topic_breakdown_and_mistakes_carry_answer_and_explanation(pack, clock):
    session = start(pack, clock, "mcq-sum", "typed-adam", "card-dropout", "numeric-quarter")
    for response in ("a", "Adam", True, "9"):
        session.answer(response)
        session.next()
    result = session.result()
    topics = {t.topic_id: (t.title, t.correct, t.total) for t in result.topics}
    assert topics == {"basics": ("Basics", 1, 2), "optim": ("Optimizers", 2, 3)}
    assert [t.topic_id for t in result.topics] == ["basics", "optim"]  # pack order
    first, second = result.mistakes
    assert (first.question_id, first.given, first.answer, first.explanation) == (
        "mcq-sum",
        "a",
        "b) 4",
        "Two and two make four.",
    )
    assert (second.given, second.answer) == ("9", "0.25")
    assert result.score_text == "2/4"


def test_retry_mistakes_builds_a_quiz_over_the_mistakes(pack, clock):
    session = start(
        pack,
        clock,
        "mcq-sum",
        "typed-adam",
        "card-dropout",
        "numeric-quarter",
        total_seconds=60,
        per_question_seconds=20,
    )
    session.answer("a")
    session.next()
    session.answer("adam")
    session.next()
    session.skip()
    session.answer("0.25")
    retry = session.retry_mistakes()
    assert retry.question_ids == ("mcq-sum", "card-dropout")
    assert retry.count == 2 and retry.per_question_seconds == 20
    assert retry.total_seconds == 30  # 60 s for 4 questions → 30 s for 2
    again = QuizSession.start(pack, retry, clock=clock, instantiate=fake_instantiate)
    assert [item.question_id for item in again.items] == ["mcq-sum", "card-dropout"]


def test_retry_without_mistakes_is_an_error(pack, clock):
    session = start(pack, clock, "mcq-sum")
    session.answer("b")
    with pytest.raises(StudyAppError, match="no mistakes"):
        session.retry_mistakes()


def test_abandon_marks_interrupted_and_counts_the_rest_unanswered(pack, clock):
    session = start(pack, clock, "mcq-sum", "typed-adam", "card-dropout")
    session.answer("b")
    session.next()
    session.abandon()
    assert session.finished and session.interrupted and not session.timed_out
    result = session.result()
    assert (result.correct, result.total, result.unanswered, result.interrupted) == (1, 3, 2, True)


def test_a_generated_question_that_cannot_be_instantiated_is_reported_at_its_file_and_line(pack, clock):
    def failing(question, seed):
        raise StudyAppError(f"question {question.id}: double gave no finite answer for {{'x': 0}}")

    located = replace(
        pack,
        source=Path("packs/mini.yaml"),
        questions=tuple(replace(q, line=40) if q.id == "gen-double" else q for q in pack.questions),
    )
    opts = QuizOptions("mini", count=1, question_ids=("gen-double",), seed=3)
    with pytest.raises(StudyAppError) as caught:
        QuizSession.start(located, opts, clock=clock, instantiate=failing)
    assert (
        str(caught.value)
        == "packs/mini.yaml:40: question gen-double: double gave no finite answer for {'x': 0}"
    )
