"""What a person types becomes checked QuizOptions — the same for the CLI and the setup screen."""

import pytest

from studyapp.content.model import Pack, Topic
from studyapp.errors import StudyAppError
from studyapp.quiz.setup import build_options, split_list
from tests.quiz.conftest import make_pack


def test_build_options_parses_and_defaults_to_the_deep_learning_pack():
    mini = make_pack()
    deep = Pack(id="deep-learning", title="DL", questions=mini.questions, topics=mini.topics)
    options = build_options(
        [mini, deep], count=3, total_time="1m30s", per_question_time="45", topics=["optim"], kinds=(), seed=4
    )
    assert options.pack_id == "deep-learning"
    assert (options.count, options.total_seconds, options.per_question_seconds) == (3, 90, 45)
    assert (options.topics, options.kinds, options.seed) == (("optim",), (), 4)
    assert build_options([mini], total_time="", per_question_time=None).timed is False


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"pack_id": "nope"}, "unknown pack"),
        ({"total_time": "soon"}, "invalid duration"),
        ({"per_question_time": "0s"}, "more than 0"),
        ({"topics": ["missing"]}, "unknown topic"),
        ({"kinds": ["essay"]}, "unknown kind"),
        ({"count": 0}, "at least 1"),
    ],
)
def test_build_options_reports_one_line_errors(kwargs, message):
    with pytest.raises(StudyAppError, match=message):
        build_options([make_pack()], **kwargs)


def test_filters_matching_nothing_is_an_error():
    empty = Pack(id="empty", title="E", questions=make_pack().questions[:1], topics=(Topic("basics", "B"),))
    with pytest.raises(StudyAppError, match="no question"):
        build_options([empty], kinds=["numeric"])


def test_split_list():
    assert split_list(" a, b,,c ") == ("a", "b", "c")
    assert split_list(None) == ()
