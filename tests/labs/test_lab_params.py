"""Lab parameters: text and values are parsed, typed and clamped; bad ones are one-line errors."""

import pytest

from studyapp.errors import StudyAppError
from studyapp.labs.base import Param

VECTOR = Param("grad", "vector", [3.0, 4.0], "gradient", low=-100, high=100, max_len=4)
NUMBER = Param("lr", "float", 0.1, "learning rate", low=1e-4, high=1.0)
COUNT = Param("depth", "int", 10, "layers", low=1, high=60)
FLAG = Param("batchnorm", "bool", False, "use batch norm")
MODE = Param("mode", "choice", "norm", "how", choices=("norm", "value"))


def test_vector_from_text_or_list_is_clamped_and_truncated():
    assert VECTOR.clamp("3,1") == [3.0, 1.0]
    assert VECTOR.clamp([500, -500, 1, 2, 3]) == [100.0, -100.0, 1.0, 2.0]


def test_numbers_are_clamped_and_ints_rounded():
    assert NUMBER.clamp(5) == 1.0 and NUMBER.clamp("0") == 1e-4
    assert COUNT.clamp(1e12) == 60 and COUNT.clamp(2.6) == 3 and isinstance(COUNT.clamp(2.6), int)


def test_bool_text_is_read_as_a_person_means_it():
    assert FLAG.clamp("false") is False and FLAG.clamp("on") is True and FLAG.clamp(1) is True


@pytest.mark.parametrize(
    ("param", "value"),
    [
        (VECTOR, "a,b"),
        (VECTOR, []),
        (NUMBER, "nan"),
        (NUMBER, [1]),
        (COUNT, "inf"),
        (MODE, "l3"),
        (FLAG, "maybe"),
    ],
)
def test_bad_values_are_study_app_errors(param, value):
    with pytest.raises(StudyAppError, match=param.name):
        param.clamp(value)
