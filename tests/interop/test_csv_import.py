"""CSV / TSV and Anki plain-text imports: columns, headers, tags → topics, skipped rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyapp.errors import StudyAppError
from studyapp.interop.builder import ImportOptions
from studyapp.interop.csv_import import import_csv


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def cards(result) -> list[tuple[str, str]]:
    return [(q["front"], q["back"]) for q in result.data["questions"]]


def test_headerless_csv_columns_are_front_back_tags_then_explanation(tmp_path):
    path = write(tmp_path, "my_cards.csv", 'What is ReLU?,"max(0, x)",act,Cheap to compute\nQ2,A2\n')
    result = import_csv(path)
    assert cards(result) == [("What is ReLU?", "max(0, x)"), ("Q2", "A2")]
    first, second = result.data["questions"]
    assert first["topics"] == ["act"]
    assert first["explanation"] == "Cheap to compute"
    assert second["topics"] == ["my-cards"]  # default topic from the file name
    assert result.data["id"] == "my-cards"
    assert {"id": "my-cards", "title": "my cards"} in result.data["topics"]
    assert result.report.imported == 2


def test_header_row_question_answer_and_extra_columns(tmp_path):
    text = "Question;Answer;Source;Tags\nWhy BN?;Stabilizes activations;Ioffe 2015;Deep_Learning\n"
    result = import_csv(write(tmp_path, "bn.csv", text), ImportOptions(pack_id="norm", title="Norms"))
    (question,) = result.data["questions"]
    assert (question["front"], question["back"]) == ("Why BN?", "Stabilizes activations")
    assert question["explanation"] == "Source: Ioffe 2015"
    assert question["topics"] == ["deep-learning"]
    assert (result.data["id"], result.data["title"]) == ("norm", "Norms")


def test_tsv_keeps_commas_and_multiline_quoted_fields(tmp_path):
    path = write(tmp_path, "t.tsv", 'front\tback\nA, B\t"line 1\nline 2"\nC\tD\n')
    result = import_csv(path)
    assert cards(result) == [("A, B", "line 1\nline 2"), ("C", "D")]


def test_sniffs_semicolon_and_pipe(tmp_path):
    assert cards(import_csv(write(tmp_path, "s.csv", "a;b\nc;d\n"))) == [("a", "b"), ("c", "d")]
    assert cards(import_csv(write(tmp_path, "p.csv", "a|b\nc|d\n"))) == [("a", "b"), ("c", "d")]


def test_skipped_rows_report_their_line(tmp_path):
    path = write(tmp_path, "s.csv", 'front,back\nok,yes\n"multi\nline",\n,orphan\nlonely\n')
    result = import_csv(path)
    assert cards(result) == [("ok", "yes")]
    assert [(s.where, s.reason) for s in result.report.skipped] == [
        ("line 3", "empty back"),
        ("line 5", "empty front (first column)"),
        ("line 6", "empty back (no answer column)"),
    ]
    assert [t["id"] for t in result.data["topics"]] == ["s"]  # skipped rows declare no topics


def test_topic_option_is_the_default_topic(tmp_path):
    result = import_csv(write(tmp_path, "x.csv", "a,b\n"), ImportOptions(topic="Optimizers"))
    assert result.data["topics"] == [{"id": "optimizers", "title": "Optimizers"}]


def test_duplicate_fronts_get_unique_stable_ids(tmp_path):
    path = write(tmp_path, "d.csv", "Same?,one\nSame?,two\n")
    first = [q["id"] for q in import_csv(path).data["questions"]]
    again = [q["id"] for q in import_csv(path).data["questions"]]
    assert first == again and len(set(first)) == 2
    assert all(i.startswith("same-") for i in first)


def test_anki_plain_text_headers(tmp_path):
    text = (
        "#separator:tab\n"
        "#html:true\n"
        "#tags:shared\n"
        "#notetype column:1\n"
        "#deck column:2\n"
        "#tags column:5\n"
        "Basic\tDL\tWhat is <b>Adam</b>?\tMomentum<br>+ RMSProp &amp; bias correction\topt dl::adam\n"
        "Basic\tDL::Norm\tWhat is LN?\t<div>normalizes</div><div>per sample</div>\t\n"
        "Cloze\tDL\t{{c1::ReLU}} is max(0, {{c2::x::input}})\tNote <i>this</i>\t\n"
    )
    result = import_csv(write(tmp_path, "anki.txt", text))
    fronts = [q["front"] for q in result.data["questions"]]
    backs = [q["back"] for q in result.data["questions"]]
    assert fronts == ["What is **Adam**?", "What is LN?", "[...] is max(0, x)", "ReLU is max(0, [input])"]
    assert backs[:2] == ["Momentum\n+ RMSProp & bias correction", "normalizes\nper sample"]
    assert backs[2:] == ["**ReLU** is max(0, x)", "ReLU is max(0, **x**)"]
    questions = result.data["questions"]
    assert questions[0]["topics"] == ["shared", "opt", "dl-adam"]
    assert questions[1]["topics"] == ["shared"]  # the file-wide #tags apply to every note
    assert questions[2]["explanation"] == "Note *this*"


def test_anki_plain_text_without_html_keeps_markup_as_text(tmp_path):
    text = "#separator:comma\n#html:false\n<b>x</b>,[bold]y[/bold]\n"
    assert cards(import_csv(write(tmp_path, "a.txt", text))) == [("<b>x</b>", "[bold]y[/bold]")]


def test_anki_deck_is_the_topic_when_a_note_has_no_tags(tmp_path):
    text = "#separator:Semicolon\n#deck column:1\nDL::Optimizers;q;a\n"
    (question,) = import_csv(write(tmp_path, "a.txt", text)).data["questions"]
    assert question["topics"] == ["dl-optimizers"]
    assert (question["front"], question["back"]) == ("q", "a")


def test_progress_callback_every_thousand_rows_and_at_the_end(tmp_path):
    path = write(tmp_path, "big.csv", "".join(f"q{i},a{i}\n" for i in range(2500)))
    calls: list[tuple[int, int]] = []
    result = import_csv(path, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1000, 2500), (2000, 2500), (2500, 2500)]
    assert result.report.imported == 2500


def test_invalid_pack_id_and_non_utf8_are_readable_errors(tmp_path):
    with pytest.raises(StudyAppError, match="invalid pack id"):
        import_csv(write(tmp_path, "a.csv", "a,b\n"), ImportOptions(pack_id="Bad Id"))
    latin = tmp_path / "l.csv"
    latin.write_bytes("caf\xe9,b\n".encode("latin-1"))
    with pytest.raises(StudyAppError, match="not UTF-8"):
        import_csv(latin)
