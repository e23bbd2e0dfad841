"""A cache of loaded packs as JSON, so a pack that has not changed is not parsed and validated again.

Contract: `load_pack_cached(path, cache_dir)` returns exactly the `Pack` that `loader.load_pack(path)` would.
Each pack file has one slot `cache_dir/packs/<hash of its path>.json`: a header line
`{"key": K, "sha256": D}` and the pack's model objects as JSON. K is the SHA-256 of the file's bytes, the
pack format version, the studyapp version, this cache's format and the loading code's file stamps; D is the
SHA-256 of the JSON body. A slot whose key or digest does not match, or whose body does not decode into
the model's classes field for field, is ignored and rewritten. Writes are atomic (temp file + rename);
a cache that cannot be written is skipped. Invalid packs are never cached.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import Any

from studyapp import __version__
from studyapp.content import model
from studyapp.content.safe_yaml import YamlError, read_text
from studyapp.content.schema import FORMAT_VERSION

CACHE_FORMAT = 2  # 2: questions carry their real `line` (slots of 1 have 0)
_CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        model.Pack,
        model.Topic,
        model.Reference,
        model.LabLink,
        model.ParamSpec,
        *model.QUESTION_KINDS.values(),
    )
}
_FIELDS = {name: frozenset(f.name for f in fields(cls)) for name, cls in _CLASSES.items()}
_TUPLES = {  # fields the model keeps as tuples (JSON gives lists)
    name: tuple(f.name for f in fields(cls) if str(f.type).startswith("tuple"))
    for name, cls in _CLASSES.items()
}
_CODE = tuple(
    Path(__file__).with_name(f"{name}.py")
    for name in ("model", "schema", "safe_yaml", "loader", "pack_cache")
)
_NOT_CACHED = ("source", "origin")  # Pack fields that come from where the file is, not what it says
_TAG = "@"
_SET = "@set"


class _BadCache(Exception):
    """The slot is not a faithful copy of this pack; load from the file instead."""


def load_pack_cached(
    path: Path | str,
    cache_dir: Path,
    *,
    origin: str = "user",
    on_parse: Callable[[Path, int], None] | None = None,
) -> model.Pack:
    """`loader.load_pack(path, origin=origin)`, served from `cache_dir` when the file has not changed.

    `on_parse(path, length of its text)` is called before a file must be parsed (the cache cannot serve it).
    """
    path = Path(path)
    with _gc_paused():
        try:
            text = read_text(path)
        except YamlError as exc:
            from studyapp.content.loader import PackError

            raise PackError([exc.problem]) from exc
        key = cache_key(text)
        slot = slot_path(path, cache_dir)
        try:
            return _read(slot, key, source=path, origin=origin)
        except Exception:  # missing, stale or damaged: whatever is wrong with a slot, load the file
            pass
        from studyapp.content.loader import load_pack_text

        if on_parse is not None:
            on_parse(path, len(text))
        pack = load_pack_text(text, path, origin=origin)
        _write(slot, key, pack)
        return pack


def cache_key(text: str) -> str:
    """SHA-256 over the pack text and everything that decides what a load of it returns."""
    stamps = []
    for code in _CODE:
        try:
            stat = code.stat()
            stamps.append(f"{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            stamps.append("?")
    digest = hashlib.sha256(f"{CACHE_FORMAT}|{FORMAT_VERSION}|{__version__}|{'|'.join(stamps)}\n".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def slot_path(path: Path, cache_dir: Path) -> Path:
    """The one cache file for the pack file at `path`."""
    name = hashlib.sha256(os.fsencode(path.resolve())).hexdigest()[:32]
    return cache_dir / "packs" / f"{name}.json"


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Loading builds many small acyclic objects; cyclic GC passes over them only cost time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read(slot: Path, key: str, *, source: Path, origin: str) -> model.Pack:
    header, _, body = slot.read_bytes().partition(b"\n")
    if json.loads(header) != {"key": key, "sha256": hashlib.sha256(body).hexdigest()}:
        raise _BadCache
    pack = json.loads(body, object_hook=_decode)
    if type(pack) is not model.Pack:
        raise _BadCache
    pack.__dict__.update(source=source, origin=origin)
    return pack


def _decode(obj: dict[str, Any]) -> Any:
    """`json.loads` `object_hook`: undo `_encode` (a model object, a frozenset, or a plain mapping)."""
    tag = obj.pop(_TAG, None)
    if tag is None:
        return obj
    if tag == _SET:
        return frozenset(obj["items"])
    if tag == "Pack":
        obj.update(dict.fromkeys(_NOT_CACHED))
    if obj.keys() != _FIELDS[tag]:
        raise _BadCache
    for name in _TUPLES[tag]:
        obj[name] = tuple(obj[name])
    instance = object.__new__(_CLASSES[tag])
    object.__setattr__(instance, "__dict__", obj)  # as pickle does: the fields, without __init__
    return instance


def _encode(value: Any) -> Any:
    """`json.dumps` `default=`: a model object as its fields plus a class tag; a frozenset as sorted items."""
    name = type(value).__name__
    if _CLASSES.get(name) is type(value):
        fields_ = dict(value.__dict__)
        if name == "Pack":
            for unwanted in _NOT_CACHED:
                del fields_[unwanted]
        return {_TAG: name, **fields_}
    if isinstance(value, frozenset):
        return {_TAG: _SET, "items": sorted(value)}
    raise TypeError(f"cannot cache {name}")


def _write(slot: Path, key: str, pack: model.Pack) -> None:
    """Store `pack` in `slot` atomically; any failure (read-only dir, full disk, odd value) skips caching."""
    import tempfile  # only needed here, and slow to import on the start-up path

    try:
        body = json.dumps(
            pack, default=_encode, ensure_ascii=False, allow_nan=False, separators=(",", ":")
        ).encode()
        header = json.dumps({"key": key, "sha256": hashlib.sha256(body).hexdigest()}).encode()
        slot.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=slot.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(header + b"\n" + body)
            os.replace(temp, slot)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError, TypeError):
        return
