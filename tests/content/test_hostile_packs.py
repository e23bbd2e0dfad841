"""Hostile and broken pack files through the CLI: `pack validate` exits 1 and `pack add` exits 2, each
with a clear `file:line: message`, no traceback, and nothing written into the data dir.

Loader-level cases live in test_hostile_yaml.py; these add the CLI contract and the cases it lacks
(duplicate keys, values the YAML constructors reject, path-traversal ids, lab presets, Rich markup)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from studyapp.cli import main
from studyapp.interop import atomic_file
from tests.commands.conftest import USER_PACK


@pytest.fixture(autouse=True)
def no_bundled_packs(tmp_path, monkeypatch):
    folder = tmp_path / "bundled"
    folder.mkdir()
    monkeypatch.setattr("studyapp.content.library.bundled_content_dir", lambda: folder)




def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def _written_since(before: set[str], folder: Path) -> set[str]:
    """What appeared under `folder`: `pack add` may create the empty data dir and packs/, nothing else."""
    return _files(folder) - before


@pytest.fixture
def refused(cli, data_dir, tmp_path):
    """`refused(path)` checks both commands refuse the file with one line; returns that problem line."""

    def check(path: Path) -> str:
        code, out, err = cli("pack", "validate", str(path))
        assert code == 1
        (problem,) = out.splitlines()
        assert problem.startswith(f"{path}:") and err.count("\n") == 1
        before = _files(tmp_path)
        code, out, err = cli("pack", "add", str(path))
        assert code == 2 and out == ""
        assert err == f"studyapp: error: not added: {problem}\n"
        assert "Traceback" not in err
        assert _written_since(before, tmp_path) <= {"data", "data/packs"}
        return problem

    return check


def _write(tmp_path: Path, text: str | bytes, name: str = "hostile.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_python_object_tag_is_refused_and_never_run(refused, tmp_path):
    marker = tmp_path / "pwned"
    problem = refused(_write(tmp_path, f"!!python/object/apply:os.system ['touch {marker}']\n"))
    assert ":1: YAML:" in problem and "python/object/apply:os.system" in problem
    assert not marker.exists()


def test_billion_laughs_is_refused(refused, tmp_path):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    assert "aliases expand to too many nodes" in refused(_write(tmp_path, "\n".join(lines) + "\n"))


def test_size_cap_comes_from_the_environment(refused, tmp_path, monkeypatch, cli):
    monkeypatch.setenv("STUDYAPP_MAX_PACK_BYTES", "1000")
    path = _write(tmp_path, USER_PACK)
    size = path.stat().st_size
    assert refused(path) == f"{path}: file is {size:,} bytes, over the 1,000-byte limit"
    monkeypatch.setenv("STUDYAPP_MAX_PACK_BYTES", "lots")
    code, _, err = cli("pack", "validate", str(path))
    assert code == 2 and err.count("\n") == 1 and "STUDYAPP_MAX_PACK_BYTES='lots'" in err


def test_deep_nesting_is_refused(refused, tmp_path):
    assert "nesting deeper than 50 levels" in refused(_write(tmp_path, "[" * 10_000 + "]" * 10_000 + "\n"))


def test_non_utf8_bytes_are_refused_with_their_line(refused, tmp_path):
    path = _write(tmp_path, b"id: ok\ntitle: caf\xe9\n")
    assert refused(path) == f"{path}:2: not valid UTF-8 (byte 0xe9 at offset 17)"


def test_a_key_given_twice_is_refused(refused, tmp_path):
    text = USER_PACK.replace("    answer: c\n", "    answer: c\n    answer: a\n")
    line = text.splitlines().index("    answer: a") + 1
    assert refused(_write(tmp_path, text)).startswith(f"{tmp_path / 'hostile.yaml'}:{line}: YAML:")
    assert "key 'answer' is given twice" in refused(_write(tmp_path, text))


@pytest.mark.parametrize("value", ["2024-13-45", "1" * 5000, '!!int "x"'], ids=["date", "long-int", "tag"])
def test_values_the_yaml_constructors_reject_are_marked_problems(refused, tmp_path, value):
    text = USER_PACK.replace('version: "2"', f"version: {value}")
    line = text.splitlines().index(f"version: {value}") + 1
    problem = refused(_write(tmp_path, text))
    assert problem.startswith(f"{tmp_path / 'hostile.yaml'}:{line}: YAML: cannot read this value (")
    assert len(problem) < 200


def test_schema_problems_are_all_reported_together_with_their_lines(cli, tmp_path, data_dir):
    text = (
        USER_PACK.replace("id: many", "id: pick")  # duplicate question id
        .replace("kind: typed", "kind: essay")  # unknown kind
        .replace("    unit: x\n", "    unit: x\n    colour: red\n")  # unknown key
        .replace("value: 2", "value: [2]")  # wrong type
        .replace("    answer: c\n", "")  # missing answer
    )
    path = _write(tmp_path, text)
    lines = text.splitlines()

    def line_of(fragment: str) -> int:
        return next(i for i, line in enumerate(lines, 1) if fragment in line)

    code, out, _ = cli("pack", "validate", str(path))
    assert code == 1
    found = {problem.split(": ", 1)[1]: int(problem.split(":")[1]) for problem in out.splitlines()}
    expected = {
        "missing required key 'answer'": line_of("id: pick"),
        "duplicate question id 'pick' (first used by question 2)": line_of("id: pick") + 7,
        "unknown kind 'essay' (kinds: flashcard, mcq, multi, typed, numeric, generated)": line_of(
            "kind: essay"
        ),
        "must be a finite number": line_of("value: [2]"),
    }
    for message, line in expected.items():
        assert found.pop(message) == line, message
    (unknown_key,) = found.items()
    assert unknown_key[0].startswith("unknown key 'colour'") and unknown_key[1] == line_of("colour: red")

    code, out, err = cli("pack", "add", str(path))
    assert code == 2 and err.splitlines()[0] == "studyapp: error: not added: 5 problems:"
    assert len(err.splitlines()) == 6
    assert list((data_dir / "packs").iterdir()) == []


@pytest.mark.parametrize("where", ["pack", "question"])
def test_path_traversal_ids_are_refused(refused, tmp_path, where):
    text = (
        USER_PACK.replace("id: my-pack", "id: ../evil")
        if where == "pack"
        else USER_PACK.replace("id: word", "id: ../evil")
    )
    assert "'../evil' is not a valid id" in refused(_write(tmp_path, text))
    assert not (tmp_path / "evil.yaml").exists()


def test_add_of_a_pack_with_id_dot_dot_slash_x_writes_nothing_anywhere(cli, tmp_path, data_dir):
    (tmp_path / "deep").mkdir()
    source = _write(tmp_path / "deep", USER_PACK.replace("id: my-pack", 'id: "../x"'))
    before = _files(tmp_path)
    code, _, err = cli("pack", "add", str(source), "--replace")
    assert code == 2 and "'../x' is not a valid id" in err
    assert _written_since(before, tmp_path) <= {"data", "data/packs"}
    assert not (data_dir / "x.yaml").exists() and not (tmp_path / "deep" / "x.yaml").exists()


def test_a_failed_write_leaves_the_packs_dir_unchanged(cli, tmp_path, data_dir, monkeypatch):
    source = _write(tmp_path, USER_PACK, "good.yaml")

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_file.os, "replace", full_disk)
    code, _, err = cli("pack", "add", str(source))
    assert code == 2 and err.count("\n") == 1 and "No space left on device" in err
    assert os.listdir(data_dir / "packs") == []


def test_lab_presets_out_of_bounds_are_accepted_and_clamped_when_opened(cli, tmp_path):
    labs = pytest.importorskip("studyapp.labs")
    try:
        lab = labs.get_lab("dropout")
    except ImportError:
        pytest.skip("the dropout lab is not written yet")
    high = lab.param("p").high
    path = _write(tmp_path, USER_PACK.replace("set: {p: 0.25}", "set: {p: 50}"))
    assert cli("pack", "validate", str(path))[0] == 0
    code, out, _ = cli("--pack-dir", str(tmp_path), "pack", "show", "my-pack", "--json")
    assert code == 0
    preset = json.loads(out)["questions"][0]["lab"]["set"]
    assert preset == {"p": 50}  # kept as written in the pack
    assert lab.settings(preset)["p"] == high < 50


def test_rich_markup_in_pack_text_is_kept_literally(cli, tmp_path):
    text = USER_PACK.replace(
        'front: "[bold]What[/bold] does dropout do?"', 'front: "[bold]x[/bold] [@click=app.quit]quit[/]"'
    )
    _write(tmp_path, text)
    code, out, _ = cli("--pack-dir", str(tmp_path), "pack", "show", "my-pack", "--json")
    assert code == 0
    assert json.loads(out)["questions"][0]["front"] == "[bold]x[/bold] [@click=app.quit]quit[/]"


def test_a_refused_import_writes_nothing(cli, tmp_path):
    source = _write(tmp_path, "front,back\nWhat is ReLU?,max(0 x)\n", "cards.csv")
    before = _files(tmp_path)
    code, out, err = cli("pack", "import", str(source), "--id", "../x")
    assert code == 2 and out == "" and err.count("\n") == 1 and "invalid pack id '../x'" in err
    assert _written_since(before, tmp_path) <= {"data", "data/packs"}
    assert _files(tmp_path / "data" / "packs") == set()
