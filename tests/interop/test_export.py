"""Exports: card sides of every kind, .apkg round trip through our importer, CSV and YAML."""

from __future__ import annotations

import csv
import sqlite3
import zipfile

import pytest
import yaml

from studyapp.interop import card_text
from studyapp.interop.anki_export import MODEL_ID, deck_id, export_apkg
from studyapp.interop.anki_import import import_anki
from studyapp.interop.card_text import card_sides
from studyapp.interop.csv_export import export_csv
from studyapp.interop.pack_yaml import dump_pack_yaml, export_yaml, pack_to_data
from tests.interop.fixture_pack import fixture_pack


@pytest.fixture
def no_generated(monkeypatch):
    monkeypatch.setattr(card_text, "load_instantiate", lambda: None)


def test_card_sides_of_each_kind():
    pack = fixture_pack()
    by_id = {q.id: q for q in pack.questions}
    assert card_sides(by_id["sigmoid-max"]) == (
        "Largest value of σ'?\n\na) 1\nb) 0.5\nc) 0.25",
        "c) 0.25\n\nσ'(0) = 0.25.",
    )
    assert card_sides(by_id["relu-like"])[1] == "- a) Leaky ReLU\n- c) GELU"
    assert card_sides(by_id["adam-name"]) == ("Adam stands for?", "adaptive moment")
    assert card_sides(by_id["ema-horizon"])[1] == "10 steps"


def note_rows(apkg):
    with zipfile.ZipFile(apkg) as archive:
        data = archive.read("collection.anki2")
    db = apkg.with_suffix(".sqlite")
    db.write_bytes(data)
    connection = sqlite3.connect(db)
    rows = connection.execute("select guid, mid, tags, flds from notes order by id").fetchall()
    connection.close()
    return rows


def test_apkg_round_trip_counts_guids_and_text(tmp_path, no_generated):
    pack = fixture_pack()
    first, second = tmp_path / "a.apkg", tmp_path / "b.apkg"
    report = export_apkg(pack, first)
    export_apkg(pack, second)
    assert report.exported == 5
    assert [(s.where, "not available" in s.reason) for s in report.skipped] == [("gen-sigmoid", True)]
    rows_a, rows_b = note_rows(first), note_rows(second)
    assert [r[0] for r in rows_a] == [r[0] for r in rows_b]  # GUIDs are stable across exports
    assert len({r[0] for r in rows_a}) == 5
    assert {r[1] for r in rows_a} == {MODEL_ID}
    # the HTML in the pack text is escaped, so it is text in Anki too
    assert "&lt;b&gt;during&lt;/b&gt;" in rows_a[0][3] and "<b>dropout</b>" in rows_a[0][3]

    imported = import_anki(first)
    questions = imported.data["questions"]
    assert imported.report.imported == 5 and imported.report.skipped == []
    assert questions[0]["front"] == pack.questions[0].front
    assert questions[0]["back"] == pack.questions[0].back + "\n\n" + pack.questions[0].explanation
    assert [q["front"] for q in questions[1:]] == [card_sides(q)[0] for q in pack.questions[1:5]]
    assert questions[1]["topics"] == ["activations"]
    assert imported.data["title"] == "Fixture DL"


def test_deck_id_is_stable_and_differs_between_packs():
    assert deck_id("a") == deck_id("a") != deck_id("b")
    assert 0 < deck_id("a") < 2**31


def test_generated_questions_export_fixed_instances(tmp_path, monkeypatch):
    def instantiate(question, seed):
        from studyapp.content.model import Numeric

        return Numeric(id=question.id, topics=question.topics, prompt=f"x = {seed}?", value=float(seed))

    monkeypatch.setattr(card_text, "load_instantiate", lambda: instantiate)
    report = export_apkg(fixture_pack(), tmp_path / "g.apkg")
    assert report.exported == 5 + 3 and report.skipped == []
    fronts = [r[3].split("\x1f")[0] for r in note_rows(tmp_path / "g.apkg")]
    assert fronts[-3:] == ["x = 0?", "x = 1?", "x = 2?"]


def test_csv_export(tmp_path, no_generated):
    target = tmp_path / "out.csv"
    report = export_csv(fixture_pack(), target)
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["front", "back", "tags"]
    assert len(rows) == 1 + report.exported == 6
    flashcard = fixture_pack().questions[0]
    assert rows[1][1] == f"{flashcard.back}\n\n{flashcard.explanation}"
    assert rows[2][2] == "activations"


def test_yaml_export_writes_every_field_back(tmp_path):
    target = tmp_path / "out.yaml"
    export_yaml(fixture_pack(), target)
    text = target.read_text(encoding="utf-8")
    assert "back: |-\n" in text and "1/(1−p)" in text  # block scalar, Unicode kept
    data = yaml.safe_load(text)
    assert list(data)[:2] == ["id", "title"]
    by_id = {q["id"]: q for q in data["questions"]}
    assert by_id["sigmoid-max"]["answer"] == "c" and by_id["sigmoid-max"]["difficulty"] == "easy"
    assert by_id["relu-like"]["answers"] == ["a", "c"]
    assert by_id["ema-horizon"] == {
        "id": "ema-horizon",
        "kind": "numeric",
        "topics": ["dropout"],
        "difficulty": "hard",
        "prompt": "EMA horizon for β = 0.9?",
        "value": 10,
        "tolerance": 0.5,
        "unit": "steps",
    }
    assert by_id["gen-sigmoid"]["params"] == {"x": {"uniform": [-4, 4], "decimals": 1}}
    assert by_id["dropout-what"]["lab"] == {"name": "dropout", "set": {"p": 0.5}}
    assert data == pack_to_data(fixture_pack())


def test_yaml_quotes_strings_that_would_read_as_other_types():
    text = dump_pack_yaml({"choices": ["1", "yes", "null", "0.5"]})
    assert yaml.safe_load(text) == {"choices": ["1", "yes", "null", "0.5"]}
