from studyapp.content.library import Library
from studyapp.errors import StudyAppError
from studyapp.paths import DataPaths
from tests.content.conftest import GOOD_PACK


def test_discovers_user_and_extra_packs_and_lists_broken_ones(tmp_path):
    paths = DataPaths(tmp_path / "data").ensure()
    (paths.packs / "demo.yaml").write_text(GOOD_PACK)
    (paths.packs / "broken.yaml").write_text("id: [\n")
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "other.yml").write_text(GOOD_PACK.replace("id: demo", "id: other"))
    (extra / "dupe.yaml").write_text(GOOD_PACK)
    library = Library.discover(paths, extra_dirs=[extra])
    user = {p.id: p.origin for p in library.packs if p.origin == "user"}
    assert user == {"demo": "user", "other": "user"}
    assert any("broken.yaml" in p for p in library.problems)
    assert any("dupe.yaml" in p and "already used" in p for p in library.problems)
    assert library.get("other").source == extra / "other.yml"


def test_unknown_pack_is_one_readable_line(tmp_path):
    library = Library.discover(DataPaths(tmp_path).ensure())
    try:
        library.get("nope")
    except StudyAppError as exc:
        assert str(exc).startswith("unknown pack 'nope'; known packs:")
    else:
        raise AssertionError("expected StudyAppError")
