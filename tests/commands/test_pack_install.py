"""`pack add` and `pack remove`: user packs in the data dir's packs/, bundled packs untouchable."""

from __future__ import annotations

import json
import sqlite3

import pytest

from studyapp.paths import DataPaths
from tests.commands.conftest import BUNDLED_PACK, USER_PACK


def test_add_copies_the_original_text_as_id_yaml(cli, data_dir, user_pack_file):
    code, out, err = cli("pack", "add", str(user_pack_file))
    assert code == 0, err
    target = data_dir / "packs" / "my-pack.yaml"
    assert out == f"added pack 'my-pack' (My pack, 6 questions) → {target}\n"
    assert target.read_text(encoding="utf-8") == USER_PACK  # comments kept
    code, out, _ = cli("pack", "list", "--json")
    assert {p["id"]: p["origin"] for p in json.loads(out)["packs"]}["my-pack"] == "user"


def test_adding_the_same_pack_again_is_a_no_op(cli, user_pack_file):
    assert cli("pack", "add", str(user_pack_file))[0] == 0
    code, out, _ = cli("pack", "add", str(user_pack_file), "--json")
    assert code == 0 and json.loads(out)["unchanged"] is True


def test_a_different_pack_with_that_id_needs_replace(cli, data_dir, user_pack_file):
    assert cli("pack", "add", str(user_pack_file))[0] == 0
    changed = USER_PACK.replace("title: My pack", "title: Changed")
    user_pack_file.write_text(changed, encoding="utf-8")
    code, out, err = cli("pack", "add", str(user_pack_file))
    assert code == 2 and out == "" and err.count("\n") == 1 and "--replace" in err
    assert (data_dir / "packs" / "my-pack.yaml").read_text(encoding="utf-8") == USER_PACK
    code, out, _ = cli("pack", "add", str(user_pack_file), "--replace")
    assert code == 0 and out.startswith("replaced pack 'my-pack'")
    assert (data_dir / "packs" / "my-pack.yaml").read_text(encoding="utf-8") == changed


def test_replace_also_drops_an_older_yml_file_with_that_id(cli, data_dir, user_pack_file):
    (data_dir / "packs").mkdir(parents=True)
    old = data_dir / "packs" / "old-name.yml"
    old.write_text(USER_PACK.replace("title: My pack", "title: Old"), encoding="utf-8")
    assert cli("pack", "add", str(user_pack_file))[0] == 2
    assert cli("pack", "add", str(user_pack_file), "--replace")[0] == 0
    assert sorted(p.name for p in (data_dir / "packs").iterdir()) == ["my-pack.yaml"]


def test_an_id_used_by_a_bundled_pack_or_another_folder_is_refused(cli, data_dir, tmp_path):
    clash = tmp_path / "clash.yaml"
    clash.write_text(BUNDLED_PACK.replace("Bundled demo", "Mine"), encoding="utf-8")
    code, _, err = cli("pack", "add", str(clash), "--replace")
    assert code == 2 and "used by a bundled pack" in err
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "my-pack.yaml").write_text(USER_PACK, encoding="utf-8")
    other = tmp_path / "other.yaml"
    other.write_text(USER_PACK.replace("title: My pack", "title: Other"), encoding="utf-8")
    code, _, err = cli("--pack-dir", str(extra), "pack", "add", str(other), "--replace")
    assert code == 2 and f"already used by {extra / 'my-pack.yaml'}" in err
    assert list((data_dir / "packs").iterdir()) == []


def test_an_invalid_pack_lists_every_problem_and_writes_nothing(cli, data_dir, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        USER_PACK.replace("answer: c", "answer: e").replace("value: 2", "value: two"), encoding="utf-8"
    )
    code, out, err = cli("pack", "add", str(bad))
    assert code == 2 and out == ""
    first, *problems = err.splitlines()
    assert first == "studyapp: error: not added: 2 problems:"
    assert [p.split(": ", 1)[1] for p in problems] == [
        "answer 'e' but there are only 3 choices (a-c)",
        "must be a finite number",
    ]
    assert all(p.startswith(f"{bad}:") for p in problems)
    assert list((data_dir / "packs").iterdir()) == []


def test_remove_deletes_the_user_pack_file(cli, data_dir, user_pack_file):
    assert cli("pack", "add", str(user_pack_file))[0] == 0
    code, out, _ = cli("pack", "remove", "my-pack")
    assert code == 0
    assert "removed pack 'my-pack'" in out and "review history stays" in out
    assert list((data_dir / "packs").iterdir()) == []
    code, _, err = cli("pack", "remove", "my-pack")
    assert code == 2 and "no user pack 'my-pack'" in err


def test_remove_takes_a_pack_that_fails_to_load_too(cli, data_dir):
    (data_dir / "packs").mkdir(parents=True)
    (data_dir / "packs" / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    assert cli("pack", "remove", "broken")[0] == 0
    assert not (data_dir / "packs" / "broken.yaml").exists()


def test_remove_refuses_bundled_packs_other_folders_and_bad_ids(cli, bundled_dir, tmp_path):
    code, _, err = cli("pack", "remove", "bundled-demo")
    assert code == 2 and "bundled with studyapp" in err
    assert (bundled_dir / "bundled-demo.yaml").exists()
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "my-pack.yaml").write_text(USER_PACK, encoding="utf-8")
    code, _, err = cli("--pack-dir", str(extra), "pack", "remove", "my-pack")
    assert code == 2 and "not in the data dir" in err
    assert (extra / "my-pack.yaml").exists()
    victim = tmp_path / "x.yaml"
    victim.write_text(USER_PACK, encoding="utf-8")
    code, _, err = cli("pack", "remove", "../x")
    assert code == 2 and "not a valid pack id" in err and victim.exists()


def test_remove_keeps_review_history(cli, data_dir, user_pack_file):
    database = pytest.importorskip("studyapp.store.database", reason="the store is not there yet")
    assert cli("pack", "add", str(user_pack_file))[0] == 0
    data_dir.mkdir(exist_ok=True)
    conn = database.open_database(DataPaths(data_dir).database)
    conn.execute(
        "INSERT INTO reviews (pack_id, question_id, rating, reviewed_at, duration_ms, state_before, "
        "stability_after, due_after, previous) VALUES ('my-pack', 'card', 3, 1.0, 1000, 0, 2.5, 2.0, NULL)"
    )
    conn.close()
    assert cli("pack", "remove", "my-pack")[0] == 0
    with sqlite3.connect(DataPaths(data_dir).database) as check:
        rows = check.execute("SELECT pack_id, question_id, rating FROM reviews").fetchall()
    assert rows == [("my-pack", "card", 3)]
