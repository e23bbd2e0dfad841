import pytest

from studyapp.errors import StudyAppError
from studyapp.quiz.options import QuizOptions
from studyapp.quiz.selection import choose_pack, select_questions
from tests.quiz.conftest import make_pack


def ids(selection):
    return [q.id for q in selection.questions]


def test_same_seed_same_questions_and_count_is_respected(pack):
    first = select_questions(pack, QuizOptions("mini", count=3, seed=7), can_generate=True)
    again = select_questions(pack, QuizOptions("mini", count=3, seed=7), can_generate=True)
    assert ids(first) == ids(again)
    assert len(set(ids(first))) == 3
    seeds_orders = {
        tuple(ids(select_questions(pack, QuizOptions("mini", count=6, seed=s), can_generate=True)))
        for s in range(20)
    }
    assert len(seeds_orders) > 1  # the seed matters


def test_count_larger_than_pack_takes_all(pack):
    assert sorted(
        ids(select_questions(pack, QuizOptions("mini", count=50, seed=1), can_generate=True))
    ) == sorted(q.id for q in pack.questions)


def test_topic_and_kind_filters(pack):
    by_topic = select_questions(
        pack, QuizOptions("mini", count=50, topics=("basics",), seed=1), can_generate=True
    )
    assert sorted(ids(by_topic)) == ["card-dropout", "mcq-sum", "multi-even"]
    by_kind = select_questions(
        pack, QuizOptions("mini", count=50, kinds=("numeric", "typed"), seed=1), can_generate=True
    )
    assert sorted(ids(by_kind)) == ["numeric-quarter", "typed-adam"]
    both = select_questions(
        pack,
        QuizOptions("mini", count=50, topics=("basics",), kinds=("flashcard",), seed=1),
        can_generate=True,
    )
    assert ids(both) == ["card-dropout"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (QuizOptions("mini", topics=("nope",)), "unknown topic nope"),
        (QuizOptions("mini", kinds=("essay",)), "unknown kind essay"),
        (QuizOptions("mini", topics=("optim",), kinds=("mcq",)), "no question"),
        (QuizOptions("mini", question_ids=("ghost",)), "no question ghost"),
    ],
)
def test_bad_filters_fail_with_one_line(pack, options, message):
    with pytest.raises(StudyAppError, match=message):
        select_questions(pack, options, can_generate=True)


def test_generated_left_out_with_a_reason_when_not_available(pack):
    selection = select_questions(pack, QuizOptions("mini", count=50, seed=1), can_generate=False)
    assert "gen-double" not in ids(selection)
    assert len(selection.questions) == 5
    assert "generated" in selection.notes[0]
    with pytest.raises(StudyAppError, match="not available"):
        select_questions(pack, QuizOptions("mini", kinds=("generated",)), can_generate=False)


def test_question_ids_are_taken_in_order(pack):
    chosen = select_questions(
        pack, QuizOptions("mini", count=2, question_ids=("typed-adam", "mcq-sum")), can_generate=True
    )
    assert ids(chosen) == ["typed-adam", "mcq-sum"]


def test_choose_pack():
    mini = make_pack()
    assert choose_pack([mini], None) is mini
    with pytest.raises(StudyAppError, match="unknown pack 'other'"):
        choose_pack([mini], "other")
    with pytest.raises(StudyAppError, match="no question packs"):
        choose_pack([], None)


@pytest.mark.parametrize("bad", [{"count": 0}, {"total_seconds": 0}, {"per_question_seconds": -1.0}])
def test_options_reject_nonsense(bad):
    with pytest.raises(StudyAppError):
        QuizOptions("mini", **bad)
