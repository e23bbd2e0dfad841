"""`studyapp pack import` / `pack export` through `studyapp.cli.main`, with an isolated data dir."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import yaml

from studyapp.cli import main
from studyapp.errors import StudyAppError
from studyapp.interop import atomic_file
from studyapp.interop.installing import install_pack
from tests.interop.test_markdown_import import SEED


def run(capsys, tmp_path: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(tmp_path / "data"), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def write_csv(tmp_path: Path) -> Path:
    path = tmp_path / "Deep_Cards.csv"
    path.write_text("front,back,tags\nWhat is ReLU?,max(0 x),act\n,no front\n", encoding="utf-8")
    return path


def test_import_csv_writes_a_readable_pack_and_reports_skips(tmp_path, capsys):
    code, out, _ = run(capsys, tmp_path, "pack", "import", str(write_csv(tmp_path)), "--title", "My cards")
    assert code == 0
    assert "imported 1 question(s) into pack 'deep-cards'" in out
    assert "line 3: empty front" in out
    written = yaml.safe_load((tmp_path / "data" / "packs" / "deep-cards.yaml").read_text(encoding="utf-8"))
    assert written["title"] == "My cards"
    assert written["questions"][0]["front"] == "What is ReLU?"


def test_dry_run_json_writes_nothing(tmp_path, capsys):
    code, out, _ = run(
        capsys, tmp_path, "pack", "import", str(write_csv(tmp_path)), "--dry-run", "--json", "--id", "x"
    )
    assert code == 0
    report = json.loads(out)
    assert (report["pack"], report["path"], report["imported"]) == ("x", None, 1)
    assert report["skipped"] == [{"where": "line 3", "reason": "empty front (first column)"}]
    assert not list((tmp_path / "data" / "packs").glob("*"))


def test_refuses_to_overwrite_a_different_pack_unless_replace(tmp_path, capsys):
    source = write_csv(tmp_path)
    assert run(capsys, tmp_path, "pack", "import", str(source))[0] == 0
    assert run(capsys, tmp_path, "pack", "import", str(source))[0] == 0  # same content: fine
    code, _, err = run(capsys, tmp_path, "pack", "import", str(source), "--title", "Changed")
    assert code == 2 and "already exists" in err and "Traceback" not in err
    assert run(capsys, tmp_path, "pack", "import", str(source), "--title", "Changed", "--replace")[0] == 0
    text = (tmp_path / "data" / "packs" / "deep-cards.yaml").read_text(encoding="utf-8")
    assert "title: Changed" in text


@pytest.mark.skipif(not SEED.exists(), reason="seed notes not present")
def test_import_seed_txt_as_markdown(tmp_path, capsys):
    path = tmp_path / "seed.txt"
    shutil.copy(SEED, path)
    code, out, _ = run(capsys, tmp_path, "pack", "import", str(path), "--json")
    report = json.loads(out)
    assert code == 0 and report["imported"] == 7
    written = yaml.safe_load(Path(report["path"]).read_text(encoding="utf-8"))
    assert written["title"] == "Deep Learning"
    assert "&id" not in Path(report["path"]).read_text(encoding="utf-8")  # no YAML anchors


def test_unknown_extension_and_missing_file_are_one_line_errors(tmp_path, capsys):
    odd = tmp_path / "cards.docx"
    odd.write_bytes(b"x")
    code, _, err = run(capsys, tmp_path, "pack", "import", str(odd))
    assert code == 2 and "unknown file type '.docx'" in err
    code, _, err = run(capsys, tmp_path, "pack", "import", str(tmp_path / "missing.csv"))
    assert code == 2 and "no such file" in err


def test_failed_write_leaves_no_file(tmp_path, monkeypatch):
    packs = tmp_path / "packs"
    data = {"id": "p", "title": "P", "topics": [{"id": "t", "title": "T"}], "questions": []}

    def failing_replace(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_file.os, "replace", failing_replace)
    with pytest.raises(StudyAppError, match="No space left"):
        install_pack(data, packs)
    assert os.listdir(packs) == []


def test_interrupted_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "old.txt"
    target.write_text("old", encoding="utf-8")

    def crash(temp: Path) -> None:
        temp.write_text("half", encoding="utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_file.write_atomically(target, crash)
    assert os.listdir(tmp_path) == ["old.txt"] and target.read_text(encoding="utf-8") == "old"


def test_export_an_imported_pack_to_each_format(tmp_path, capsys):
    pytest.importorskip("studyapp.content.library")
    assert run(capsys, tmp_path, "pack", "import", str(write_csv(tmp_path)))[0] == 0
    for name in ("out.apkg", "out.csv", "out.yaml"):
        code, out, err = run(
            capsys, tmp_path, "pack", "export", "deep-cards", "-o", str(tmp_path / name), "--json"
        )
        assert code == 0, err
        assert json.loads(out)["exported"] == 1
    csv_text = (tmp_path / "out.csv").read_text(encoding="utf-8")
    assert csv_text.splitlines()[:2] == ["front,back,tags", "What is ReLU?,max(0 x),act"]
    code, _, err = run(capsys, tmp_path, "pack", "export", "deep-cards", "-o", str(tmp_path / "out.pdf"))
    assert code == 2 and "--format" in err
