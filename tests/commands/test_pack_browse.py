"""`pack list` and `pack show`: bundled, user and --pack-dir packs together, marked by origin."""

from __future__ import annotations

import json

from tests.commands.conftest import USER_PACK


def test_list_marks_origin_and_reports_broken_files(cli, data_dir, tmp_path):
    packs = data_dir / "packs"
    packs.mkdir(parents=True)
    (packs / "my-pack.yaml").write_text(USER_PACK, encoding="utf-8")
    (packs / "broken.yaml").write_text("id: ok\ntitle: [unclosed\n", encoding="utf-8")
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "other.yaml").write_text(USER_PACK.replace("id: my-pack", "id: other"), encoding="utf-8")

    code, out, err = cli("--pack-dir", str(extra), "pack", "list", "--json")
    assert code == 0 and err == ""
    listed = {p["id"]: p for p in json.loads(out)["packs"]}
    assert {i: p["origin"] for i, p in listed.items()} == {
        "bundled-demo": "bundled",
        "my-pack": "user",
        "other": "user",
    }
    assert (listed["my-pack"]["questions"], listed["my-pack"]["topics"]) == (6, 2)
    assert listed["other"]["source"] == str(extra / "other.yaml")
    (problem,) = json.loads(out)["problems"]
    assert problem.startswith(f"{packs / 'broken.yaml'}:3: YAML")

    code, out, err = cli("--pack-dir", str(extra), "pack", "list")
    assert code == 0
    lines = out.splitlines()
    assert any(line.startswith("bundled") and "bundled-demo" in line for line in lines)
    assert any(
        line.startswith("user") and "my-pack" in line and "(6 questions, 2 topics)" in line for line in lines
    )
    assert err.splitlines() == [problem]


def test_show_json_has_metadata_and_every_question_field(cli, data_dir):
    (data_dir / "packs").mkdir(parents=True)
    (data_dir / "packs" / "my-pack.yaml").write_text(USER_PACK, encoding="utf-8")
    code, out, _ = cli("pack", "show", "my-pack", "--json")
    assert code == 0
    shown = json.loads(out)
    assert (shown["id"], shown["title"], shown["origin"], shown["version"]) == (
        "my-pack",
        "My pack",
        "user",
        "2",
    )
    assert shown["authors"] == ["Ada"]
    assert [t["id"] for t in shown["topics"]] == ["dropout", "activation-functions"]
    questions = {q["id"]: q for q in shown["questions"]}
    assert [q["kind"] for q in shown["questions"]] == [
        "flashcard",
        "mcq",
        "multi",
        "typed",
        "numeric",
        "generated",
    ]
    assert all(q["difficulty"] in ("easy", "medium") for q in questions.values())
    assert questions["pick"]["difficulty"] == "easy"
    assert questions["card"]["lab"] == {"name": "dropout", "set": {"p": 0.25}}
    assert questions["pick"]["choices"] == ["1", "0.5", "0.25"] and questions["pick"]["answer"] == "c"
    assert questions["pick"]["explanation"] == "σ'(0) = 0.25."
    assert questions["many"]["answers"] == ["a", "c"]
    assert questions["word"]["answers"] == ["ReLU"]
    assert (questions["number"]["value"], questions["number"]["tolerance"], questions["number"]["unit"]) == (
        2,
        0.01,
        "x",
    )
    assert questions["gen"]["params"] == {"x": {"uniform": [-3, 3], "decimals": 2}}
    assert questions["gen"]["compute"] == "sigmoid_derivative"


def test_show_text_is_a_readable_summary(cli):
    code, out, _ = cli("pack", "show", "bundled-demo")
    assert code == 0
    assert out.splitlines()[0].startswith("bundled-demo: Bundled demo (bundled,")
    assert "basics: Basics (1 questions)" in out
    assert any(line.split()[:3] == ["one", "flashcard", "medium"] for line in out.splitlines())


def test_show_unknown_pack_is_one_line(cli):
    code, out, err = cli("pack", "show", "nope")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "unknown pack 'nope'" in err and "bundled-demo" in err
