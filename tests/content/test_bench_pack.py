"""The benchmark's generated pack is one `studyapp pack add` accepts: every kind, references checked."""

import importlib.util
from pathlib import Path

from studyapp.content.pack_files import check_pack_file

GEN_PACK = Path(__file__).resolve().parents[2] / "bench" / "gen_pack.py"


def test_the_generated_benchmark_pack_passes_the_checks_of_pack_add(tmp_path):
    spec = importlib.util.spec_from_file_location("gen_pack", GEN_PACK)
    gen_pack = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen_pack)
    path = tmp_path / "bench-pack.yaml"
    path.write_text(gen_pack.pack_text(count=60), encoding="utf-8")
    pack, _ = check_pack_file(path)
    kinds = {question.kind for question in pack.questions}
    assert len(pack.questions) == 60 and kinds == {"flashcard", "mcq", "multi", "typed", "numeric", "generated"}
