"""Anki packages and collections → flashcards: note types, cloze, tags, HTML, and unsafe archives."""

from __future__ import annotations

import genanki
import pytest

from studyapp.errors import StudyAppError
from studyapp.interop import anki_import
from studyapp.interop.anki_import import import_anki
from tests.interop.anki_fixtures import read_member, write_legacy_collection, write_package, zip_members


def fronts_backs(result) -> list[tuple[str, str]]:
    return [(q["front"], q["back"]) for q in result.data["questions"]]


def test_basic_reversed_and_cloze_notes(tmp_path):
    notes = [
        genanki.Note(
            model=genanki.BASIC_MODEL, fields=["What is <b>ReLU</b>?", "max(0, x)<br>cheap"], tags=["act"]
        ),
        genanki.Note(model=genanki.BASIC_AND_REVERSED_CARD_MODEL, fields=["SGD", "stochastic GD"]),
        genanki.Note(
            model=genanki.CLOZE_MODEL, fields=["{{c1::Adam}} = momentum + {{c2::RMSProp::rms}}", "x"]
        ),
    ]
    result = import_anki(write_package(tmp_path / "deck.apkg", notes))
    assert fronts_backs(result) == [
        ("What is **ReLU**?", "max(0, x)\ncheap"),
        ("SGD", "stochastic GD"),
        ("stochastic GD", "SGD"),  # the reversed card is its own flashcard
        ("[...] = momentum + RMSProp", "**Adam** = momentum + RMSProp"),
        ("Adam = momentum + [rms]", "Adam = momentum + **RMSProp**"),
    ]
    questions = result.data["questions"]
    assert questions[0]["topics"] == ["act"]
    assert questions[1]["topics"] == ["dl-basics"]  # no tags: the deck is the topic
    assert questions[3]["explanation"] == "x"
    assert result.data["title"] == "DL / Basics"
    assert result.report.imported == 5
    assert len({q["id"] for q in questions}) == 5


def test_optional_reverse_only_when_its_field_is_filled(tmp_path):
    model = genanki.BASIC_OPTIONAL_REVERSED_CARD_MODEL
    notes = [
        genanki.Note(model=model, fields=["a", "b", ""]),
        genanki.Note(model=model, fields=["c", "d", "y"]),
    ]
    assert fronts_backs(import_anki(write_package(tmp_path / "o.apkg", notes))) == [
        ("a", "b"),
        ("c", "d"),
        ("d", "c"),
    ]


def test_ids_are_stable_when_the_answer_is_edited(tmp_path):
    def ids(back: str) -> list[str]:
        note = genanki.Note(model=genanki.BASIC_MODEL, fields=["Q?", back], guid="fixedguid")
        return [q["id"] for q in import_anki(write_package(tmp_path / "s.apkg", [note])).data["questions"]]

    assert ids("old answer") == ids("new answer")


def test_hand_built_collection_with_custom_type_and_fallback(tmp_path):
    models = {
        "100": {
            "name": "Vocab",
            "type": 0,
            "flds": [
                {"name": "Term", "ord": 0},
                {"name": "Meaning", "ord": 1},
                {"name": "Example", "ord": 2},
            ],
            "tmpls": [
                {
                    "name": "Card 1",
                    "ord": 0,
                    "qfmt": "{{Term}}",
                    "afmt": "{{FrontSide}}{{Meaning}}{{Example}}",
                }
            ],
        },
        "200": {
            "name": "Odd",
            "type": 0,
            "flds": [{"name": "A", "ord": 0}, {"name": "B", "ord": 1}, {"name": "C", "ord": 2}],
            "tmpls": [{"name": "Card 1", "ord": 0, "qfmt": "static text", "afmt": "static"}],
        },
    }
    notes = [
        (1, "g1", 100, " marked dl::opt ", ["momentum", "EMA of<br>gradients", "β = 0.9"], 5),
        (2, "g2", 200, "", ["first", "second", "third"], 5),
        (3, "g3", 100, "", ["", "orphan meaning", ""], 5),
        (4, "g4", 999, "", ["x", "y"], 5),
    ]
    path = write_legacy_collection(tmp_path / "collection.anki2", models, notes, {"5": {"name": "Words"}})
    result = import_anki(path)
    assert fronts_backs(result) == [
        ("momentum", "EMA of\ngradients\n\nβ = 0.9"),
        ("first", "second\n\nthird"),
    ]
    assert result.data["questions"][0]["topics"] == ["dl-opt"]  # Anki's 'marked' tag is dropped
    assert result.data["questions"][1]["topics"] == ["words"]
    assert [s.where for s in result.report.skipped] == ["note 3", "note 4"]


def test_newer_format_only_is_reported_clearly(tmp_path):
    package = zip_members(tmp_path / "new.apkg", {"collection.anki21b": b"\x28\xb5\x2f\xfd", "media": b""})
    with pytest.raises(StudyAppError, match="newer Anki format"):
        import_anki(package)


def test_newer_format_with_the_compatibility_dummy_is_reported(tmp_path):
    models = {"1": {"name": "Basic", "type": 0, "flds": [{"name": "Front", "ord": 0}], "tmpls": []}}
    dummy = [(1, "g", 1, "", ["Please update to the latest Anki version, then import the file again."], 1)]
    legacy = write_legacy_collection(tmp_path / "c.anki2", models, dummy).read_bytes()
    package = zip_members(tmp_path / "new.apkg", {"collection.anki2": legacy, "collection.anki21b": b"zstd"})
    with pytest.raises(StudyAppError, match="newer Anki format"):
        import_anki(package)


def test_legacy_collection_is_used_when_both_are_present(tmp_path):
    inner = write_package(
        tmp_path / "inner.apkg", [genanki.Note(model=genanki.BASIC_MODEL, fields=["q", "a"])]
    )
    legacy = read_member(inner, "collection.anki2")
    package = zip_members(
        tmp_path / "both.apkg", {"collection.anki21": legacy, "collection.anki21b": b"zstd"}
    )
    assert fronts_backs(import_anki(package)) == [("q", "a")]


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/passwd", "media/../../x", "C:\\\\x"])
def test_unsafe_member_names_are_refused_and_nothing_is_written(tmp_path, name):
    inner = write_package(
        tmp_path / "inner.apkg", [genanki.Note(model=genanki.BASIC_MODEL, fields=["q", "a"])]
    )
    members = {"collection.anki2": read_member(inner, "collection.anki2"), name: b"boom"}
    work = tmp_path / "work"
    work.mkdir()
    package = zip_members(work / "bad.apkg", members)
    with pytest.raises(StudyAppError, match="unsafe member name"):
        import_anki(package)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["bad.apkg", "inner.apkg", "work"]


def test_zip_bomb_collection_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(anki_import, "MAX_COLLECTION_BYTES", 10_000)
    package = zip_members(tmp_path / "bomb.apkg", {"collection.anki2": b"\0" * 1_000_000})
    with pytest.raises(StudyAppError, match="larger than"):
        import_anki(package)


def test_too_many_members_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(anki_import, "MAX_MEMBERS", 5)
    package = zip_members(tmp_path / "many.apkg", {str(i): b"" for i in range(6)})
    with pytest.raises(StudyAppError, match="6 members"):
        import_anki(package)


def test_garbage_files_are_readable_errors(tmp_path):
    not_sqlite = tmp_path / "x.anki2"
    not_sqlite.write_bytes(b"hello, not a database" * 100)
    with pytest.raises(StudyAppError, match="not a readable Anki collection"):
        import_anki(not_sqlite)
    no_collection = zip_members(tmp_path / "empty.apkg", {"media": b"{}"})
    with pytest.raises(StudyAppError, match="no Anki collection"):
        import_anki(no_collection)
