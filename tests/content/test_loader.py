import json

import pytest

from studyapp.content import model
from studyapp.content.loader import PackError, load_pack, pack_from_data, validate_file
from studyapp.content.schema import json_schema
from tests.content.conftest import GOOD_PACK


def test_every_kind_loads_into_its_model_class(write_pack):
    pack = load_pack(write_pack(GOOD_PACK), origin="bundled")
    assert (pack.id, pack.title, pack.version, pack.origin) == ("demo", "Demo pack", "1.0", "bundled")
    kinds = [type(q) for q in pack.questions]
    assert kinds == [
        model.Flashcard,
        model.MultipleChoice,
        model.MultiSelect,
        model.Typed,
        model.Numeric,
        model.Generated,
    ]
    card, pick, many, word, number, gen = pack.questions
    assert card.lab == model.LabLink("dropout", {"p": 0.25})
    assert pick.correct == 2 and pick.answer_text == "c) z"
    assert many.correct == frozenset({0, 2})
    assert word.answers == ("ReLU", "rectified linear unit")
    assert (number.value, number.tolerance) == (0.25, 0.001)
    assert [p.distribution for p in gen.params] == ["uniform", "randint", "choice"]
    assert gen.params[0].low == -2 and gen.params[0].decimals == 1


def _problems(write_pack, text):
    with pytest.raises(PackError) as info:
        load_pack(write_pack(text))
    return info.value.problems


def test_problems_are_all_reported_with_their_lines(write_pack):
    text = GOOD_PACK.replace("    answer: c\n", "    answer: q\n    colour: red\n")
    text = text.replace("kind: typed", "kind: essay").replace("id: number", "id: card")
    problems = _problems(write_pack, text)
    lines = text.splitlines()

    def line_of(fragment):
        return next(i for i, line in enumerate(lines, 1) if fragment in line)

    by_message = {p.split(": ", 1)[1]: int(p.split(":")[1]) for p in problems}
    assert by_message["answer 'q' but there are only 3 choices (a-c)"] == line_of("answer: q")
    assert any(
        m.startswith("unknown key 'colour'") and ln == line_of("colour: red") for m, ln in by_message.items()
    )
    assert any(
        m.startswith("unknown kind 'essay'") and ln == line_of("kind: essay") for m, ln in by_message.items()
    )
    assert any(m.startswith("duplicate question id 'card'") for m in by_message)
    assert len(problems) == 4


def test_missing_answer_and_undeclared_topic_and_bad_slug(write_pack):
    text = GOOD_PACK.replace("    value: 0.25\n", "").replace(
        "topics: [basics]\n    front", "topics: [nope]\n    front"
    )
    text = text.replace("id: word", "id: ../../etc")
    messages = [p.split(": ", 1)[1] for p in _problems(write_pack, text)]
    assert "missing required key 'value'" in messages
    assert "topic 'nope' is not declared in the pack's topics" in messages
    assert any("'../../etc' is not a valid id" in m for m in messages)


def test_answer_letter_beyond_choices(write_pack):
    problems = _problems(write_pack, GOOD_PACK.replace("answer: c", "answer: e"))
    assert problems[0].endswith("answer 'e' but there are only 3 choices (a-c)")


def test_wrong_types_are_reported(write_pack):
    text = GOOD_PACK.replace("tolerance: 0.001", "tolerance: lots").replace('version: "1.0"', "version: [1]")
    messages = [p.split(": ", 1)[1] for p in _problems(write_pack, text)]
    assert "must be a number ≥ 0" in messages
    assert any("must be a string" in m for m in messages)


def test_error_string_is_one_line_with_count(write_pack):
    text = GOOD_PACK.replace("answer: c", "answer: q").replace("kind: typed", "kind: essay")
    with pytest.raises(PackError) as info:
        load_pack(write_pack(text))
    assert "\n" not in str(info.value)
    assert str(info.value).endswith("(and 1 more problems)")


def test_validate_file_and_pack_from_data(write_pack, tmp_path):
    assert validate_file(write_pack(GOOD_PACK)) == []
    with pytest.raises(PackError) as info:
        pack_from_data({"id": "x", "title": "t", "topics": [], "questions": []}, "import.csv")
    assert info.value.problems[0].startswith("import.csv: topics: needs at least 1")


def test_json_schema_covers_every_kind():
    schema = json.loads(json.dumps(json_schema()))
    kinds = {q["properties"]["kind"]["const"] for q in schema["$defs"]["question"]["oneOf"]}
    assert kinds == set(model.QUESTION_KINDS)
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"id", "title", "topics", "questions"}
