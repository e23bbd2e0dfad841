"""`pack validate`, `pack new` and `pack schema`."""

from __future__ import annotations

import json

from studyapp.content import model
from studyapp.content.loader import load_pack
from studyapp.content.schema import json_schema
from tests.commands.conftest import USER_PACK


def _line_of(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_validate_prints_every_problem_with_its_line_and_exits_1(cli, tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(USER_PACK, encoding="utf-8")
    bad_text = USER_PACK.replace("answer: c", "answer: e").replace("value: 2", "value: two")
    bad = tmp_path / "bad.yaml"
    bad.write_text(bad_text, encoding="utf-8")

    code, out, err = cli("pack", "validate", str(good), str(bad))
    assert code == 1
    assert out.splitlines() == [
        f"{bad}:{_line_of(bad_text, 'answer: e')}: answer 'e' but there are only 3 choices (a-c)",
        f"{bad}:{_line_of(bad_text, 'value: two')}: must be a finite number",
    ]
    assert err == "checked 2 pack file(s): 1 invalid, 2 problem(s)\n"

    code, out, _ = cli("pack", "validate", str(good), str(bad), "--json")
    assert code == 1
    result = json.loads(out)
    assert result[str(good)] == [] and len(result[str(bad)]) == 2


def test_validate_all_good_exits_0_and_folders_are_expanded(cli, tmp_path):
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "a.yaml").write_text(USER_PACK, encoding="utf-8")
    (folder / "b.yml").write_text(USER_PACK.replace("id: my-pack", "id: b"), encoding="utf-8")
    (folder / "notes.txt").write_text("not a pack", encoding="utf-8")
    code, out, err = cli("pack", "validate", str(folder))
    assert (code, out) == (0, "")
    assert err == "checked 2 pack file(s): all valid\n"


def test_validate_unreadable_paths_are_problems_too(cli, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, _ = cli("pack", "validate", str(tmp_path / "missing.yaml"), str(empty), "--json")
    assert code == 1
    result = json.loads(out)
    assert result[str(tmp_path / "missing.yaml")][0].startswith(f"{tmp_path / 'missing.yaml'}: cannot read:")
    assert "no pack files" in result[str(empty)][0]


def test_validate_checks_computations_and_lab_names(cli, tmp_path):
    text = USER_PACK.replace("compute: sigmoid_derivative", "compute: sigmoid_derivitive")
    text = text.replace("lab: {name: dropout, set: {p: 0.25}}", "lab: {name: dropout, set: {rate: 0.25}}")
    path = tmp_path / "refs.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, _ = cli("pack", "validate", str(path))
    assert code == 1
    lab, computation = out.splitlines()
    assert lab.startswith(f"{path}:{_line_of(text, 'set: {rate: 0.25}')}: question card: lab:")
    assert "'rate'" in lab
    assert computation.startswith(f"{path}:{_line_of(text, 'compute: sigmoid_derivitive')}: ")
    assert "unknown computation 'sigmoid_derivitive'" in computation


def test_new_writes_a_scaffold_with_every_kind_that_validates(cli, tmp_path, data_dir):
    target = tmp_path / "out" / "my-new-pack.yaml"
    target.parent.mkdir()
    code, out, err = cli("pack", "new", "my-new-pack", "-o", str(target))
    assert code == 0, err
    assert str(target) in out
    text = target.read_text(encoding="utf-8")
    first, *_ = text.splitlines()
    schema_file = (data_dir / "pack-schema.json").resolve()
    assert first == f"# yaml-language-server: $schema={schema_file.as_uri()}"
    assert json.loads(schema_file.read_text(encoding="utf-8")) == json.loads(json.dumps(json_schema()))
    pack = load_pack(target)
    assert pack.id == "my-new-pack"
    assert {q.kind for q in pack.questions} == set(model.QUESTION_KINDS)
    generated = next(q for q in pack.questions if isinstance(q, model.Generated))
    assert generated.compute == "sigmoid_derivative" and [p.name for p in generated.params] == ["x"]
    assert text.count("\n  # ") >= 6  # each kind is introduced by a comment
    assert cli("pack", "validate", str(target))[0] == 0


def test_new_defaults_to_id_yaml_in_the_current_folder_and_never_overwrites(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli("pack", "new", "123")[0] == 0  # an all-digit id stays a string
    assert load_pack(tmp_path / "123.yaml").id == "123"
    (tmp_path / "123.yaml").write_text("mine", encoding="utf-8")
    code, out, err = cli("pack", "new", "123")
    assert code == 2 and out == "" and err.count("\n") == 1 and "already exists" in err
    assert (tmp_path / "123.yaml").read_text(encoding="utf-8") == "mine"


def test_new_refuses_an_id_that_is_not_a_slug(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for bad in ("../evil", "Upper", "a/b", ""):
        code, _, err = cli("pack", "new", bad)
        assert code == 2 and "not a valid pack id" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bundled"]


def test_schema_prints_and_writes_the_json_schema(cli, tmp_path):
    code, out, _ = cli("pack", "schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema == json.loads(json.dumps(json_schema()))
    target = tmp_path / "schema.json"
    assert cli("pack", "schema", "-o", str(target))[0] == 0
    assert json.loads(target.read_text(encoding="utf-8")) == schema
