import json

import pytest

from studyapp.content import loader, pack_cache
from studyapp.content.library import Library
from studyapp.content.loader import PackError, load_pack
from studyapp.content.pack_cache import load_pack_cached, slot_path
from studyapp.paths import DataPaths, bundled_content_dir
from tests.content.conftest import GOOD_PACK


def _assert_same(cached, fresh):
    assert cached == fresh
    assert cached.questions == fresh.questions
    assert [type(q) for q in cached.questions] == [type(q) for q in fresh.questions]
    for mine, gold in zip(cached.questions, fresh.questions, strict=True):
        assert vars(mine) == vars(gold)
    assert (cached.source, cached.origin) == (fresh.source, fresh.origin)


def test_cache_gives_exactly_the_fresh_pack(write_pack, tmp_path, monkeypatch):
    path = write_pack(GOOD_PACK)
    cache = tmp_path / "cache"
    first = load_pack_cached(path, cache, origin="user")
    assert slot_path(path, cache).is_file()
    fresh = load_pack(path, origin="user")
    monkeypatch.setattr(loader, "load_pack_text", None)  # a second load must not touch the loader
    second = load_pack_cached(path, cache, origin="user")
    _assert_same(first, fresh)
    _assert_same(second, fresh)
    assert type(second.questions[2].correct) is frozenset
    assert second.questions[0].lab.settings == {"p": 0.25}


def test_bundled_pack_round_trips(tmp_path):
    for path in sorted(bundled_content_dir().glob("*.yaml")):
        load_pack_cached(path, tmp_path, origin="bundled")
        fresh = load_pack(path, origin="bundled")
        _assert_same(load_pack_cached(path, tmp_path, origin="bundled"), fresh)


def test_source_and_origin_come_from_the_call_not_the_cache(write_pack, tmp_path, monkeypatch):
    path = write_pack(GOOD_PACK)
    load_pack_cached(path, tmp_path, origin="user")
    monkeypatch.setattr(loader, "load_pack_text", None)
    served = load_pack_cached(path, tmp_path, origin="bundled")
    assert (served.source, served.origin) == (path, "bundled")


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"",
        lambda raw: b"not json at all",
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: raw.replace(b'"What is 2+2?"', b'"What is 3+3?"'),  # body changed, digest not
        lambda raw: b'{"key": "0", "sha256": "0"}\n' + raw.partition(b"\n")[2],  # another key
        lambda raw: b"[1, 2]\n" + raw.partition(b"\n")[2],  # header of the wrong shape
        lambda raw: b"\xff\xfe" + raw,  # not UTF-8
    ],
)
def test_damaged_slot_is_ignored_and_rewritten(write_pack, tmp_path, damage):
    path = write_pack(GOOD_PACK)
    slot = slot_path(path, tmp_path)
    load_pack_cached(path, tmp_path)
    good = slot.read_bytes()
    slot.write_bytes(damage(good))
    _assert_same(load_pack_cached(path, tmp_path), load_pack(path))
    assert slot.read_bytes() == good


def _rewrite_body(slot, change):
    """Change the cached JSON and sign it again, as a slot from another model would look."""
    header, _, body = slot.read_bytes().partition(b"\n")
    data = change(json.loads(body))
    body = json.dumps(data).encode()
    header = json.loads(header)
    header["sha256"] = pack_cache.hashlib.sha256(body).hexdigest()
    slot.write_bytes(json.dumps(header).encode() + b"\n" + body)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: {**d, "questions": [{k: v for k, v in q.items() if k != "id"} for q in d["questions"]]},
        lambda d: {**d, "questions": [{**q, "surprise": 1} for q in d["questions"]]},
        lambda d: {**d, "questions": [{**q, "@": "Unknown"} for q in d["questions"]]},
        lambda d: {**d, "@": "Topic"},
        lambda d: d["questions"],
    ],
)
def test_slot_that_does_not_fit_the_model_is_ignored(write_pack, tmp_path, change):
    path = write_pack(GOOD_PACK)
    slot = slot_path(path, tmp_path)
    load_pack_cached(path, tmp_path)
    _rewrite_body(slot, change)
    _assert_same(load_pack_cached(path, tmp_path), load_pack(path))


def test_edited_pack_is_not_served_stale(write_pack, tmp_path):
    path = write_pack(GOOD_PACK)
    load_pack_cached(path, tmp_path)
    write_pack(GOOD_PACK.replace("What is 2+2?", "What is 3+3?"))
    pack = load_pack_cached(path, tmp_path)
    assert pack.questions[0].front == "What is 3+3?"
    _assert_same(pack, load_pack(path))


@pytest.mark.parametrize("setting", ["__version__", "FORMAT_VERSION", "CACHE_FORMAT"])
def test_another_version_misses(write_pack, tmp_path, monkeypatch, setting):
    path = write_pack(GOOD_PACK)
    key = pack_cache.cache_key(path.read_text())
    monkeypatch.setattr(pack_cache, setting, "999")
    assert pack_cache.cache_key(path.read_text()) != key


def test_changed_loading_code_misses(tmp_path, monkeypatch):
    code = tmp_path / "loader.py"
    code.write_text("# v1")
    monkeypatch.setattr(pack_cache, "_CODE", (code,))
    key = pack_cache.cache_key("id: x")
    code.write_text("# v2, another size")
    assert pack_cache.cache_key("id: x") != key


def test_invalid_pack_raises_and_is_not_cached(write_pack, tmp_path):
    path = write_pack(GOOD_PACK.replace("answer: c", "answer: q"))
    with pytest.raises(PackError) as first:
        load_pack_cached(path, tmp_path)
    assert first.value.problems == loader.validate_file(path)
    assert not (tmp_path / "packs").exists()


def test_unreadable_pack_is_a_pack_error(tmp_path):
    with pytest.raises(PackError, match="cannot read"):
        load_pack_cached(tmp_path / "missing.yaml", tmp_path)


def test_unwritable_cache_still_loads(write_pack, tmp_path):
    path = write_pack(GOOD_PACK)
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache dir should be")
    _assert_same(load_pack_cached(path, blocker), load_pack(path))


def test_write_leaves_no_temporary_files(write_pack, tmp_path):
    path = write_pack(GOOD_PACK)
    load_pack_cached(path, tmp_path / "cache")
    load_pack_cached(path, tmp_path / "cache")
    assert [p.name for p in (tmp_path / "cache" / "packs").iterdir()] == [slot_path(path, tmp_path).name]


def test_gc_state_is_restored(write_pack, tmp_path):
    import gc

    path = write_pack(GOOD_PACK)
    assert gc.isenabled()
    load_pack_cached(path, tmp_path)
    assert gc.isenabled()
    with pytest.raises(PackError):
        load_pack_cached(tmp_path / "missing.yaml", tmp_path)
    assert gc.isenabled()


def test_library_uses_the_data_dir_cache(tmp_path, write_pack):
    paths = DataPaths.resolve(tmp_path / "data").ensure()
    (paths.packs / "demo.yaml").write_text(GOOD_PACK, encoding="utf-8")
    first = Library.discover(paths)
    assert not first.problems
    slots = list((paths.cache / "packs").iterdir())
    assert len(slots) == len(first.packs)
    again = Library.discover(paths)
    assert again.packs == first.packs
    assert [(p.source, p.origin) for p in again.packs] == [(p.source, p.origin) for p in first.packs]


def test_on_parse_hears_of_a_miss_but_not_of_a_hit(tmp_path):
    from studyapp.content.pack_cache import load_pack_cached

    path = tmp_path / "pack.yaml"
    path.write_text(
        "id: p\ntitle: P\ntopics: [{id: t, title: T}]\n"
        "questions: [{id: q, kind: flashcard, topics: [t], front: f, back: b}]\n",
        encoding="utf-8",
    )
    heard = []
    load_pack_cached(path, tmp_path / "cache", on_parse=lambda p, size: heard.append((p, size)))
    load_pack_cached(path, tmp_path / "cache", on_parse=lambda p, size: heard.append((p, size)))
    assert heard == [(path, len(path.read_text(encoding="utf-8")))]
