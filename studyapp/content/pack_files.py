"""User pack files: check what a pack names (computations, labs), install a pack file into the data dir's
`packs/` and remove one from there.

Installing copies the original text (comments kept) atomically to `packs/<id>.yaml`; the id is a checked
slug, so nothing is ever written or removed outside `packs/`. Bundled packs are never replaced or removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from studyapp.content.library import PACK_SUFFIXES, Library
from studyapp.content.loader import PackError, load_pack_text, with_lines
from studyapp.content.model import Generated, Pack
from studyapp.content.safe_yaml import YamlError, compose_yaml, read_text
from studyapp.content.schema import SLUG, Problem
from studyapp.errors import StudyAppError


def reference_problems(pack: Pack, text: str) -> list[str]:
    """What a schema-valid pack (read from `text`) names but cannot use, as `file:line: message`: generated
    questions whose computation or parameters do not match the registry, lab links to unknown labs,
    settings or choices. Preset numbers out of a lab's bounds are fine: the lab clamps them when it opens."""
    from studyapp.generated import check_template
    from studyapp.labs import get_lab

    problems: list[Problem] = []
    for index, question in enumerate(pack.questions):
        if isinstance(question, Generated):
            try:
                check_template(question)
            except StudyAppError as exc:  # its message names the question
                problems.append((("questions", index, "compute"), str(exc)))
        if question.lab is not None:
            try:
                get_lab(question.lab.name).settings(question.lab.settings)
            except StudyAppError as exc:
                problems.append((("questions", index, "lab"), f"question {question.id}: lab: {exc}"))
    return with_lines(problems, str(pack.source), compose_yaml(text)) if problems else []


def check_pack_file(path: Path) -> tuple[Pack, str]:
    """Load the pack at `path` and check what it names; returns (pack, original text) or raises
    `PackError` listing every problem."""
    try:
        text = read_text(path)
    except YamlError as exc:
        raise PackError([exc.problem]) from exc
    pack = load_pack_text(text, path)
    problems = reference_problems(pack, text)
    if problems:
        raise PackError(problems)
    return pack, text


@dataclass(frozen=True)
class Installed:
    pack: Pack
    path: Path
    replaced: tuple[Path, ...] = ()
    unchanged: bool = False


def install_pack_file(source: Path, library: Library, packs_dir: Path, *, replace: bool = False) -> Installed:
    """Copy the checked pack file `source` to `packs_dir/<id>.yaml`.

    Refused: an id used by a bundled pack or a pack outside `packs_dir`; a different pack with the same id
    in `packs_dir` unless `replace` (which then removes the old file). The same text again is a no-op."""
    from studyapp.interop.atomic_file import write_text_atomically

    pack, text = check_pack_file(source)
    target = _in_packs_dir(packs_dir, pack.id)
    owner = next((p for p in library.packs if p.id == pack.id), None)
    if owner is not None and owner.origin == "bundled":
        raise StudyAppError(f"pack id '{pack.id}' is used by a bundled pack; give your pack another id")
    if owner is not None and not _inside(owner.source, packs_dir):
        raise StudyAppError(f"pack id '{pack.id}' is already used by {owner.source}; choose another id")
    existing = [p for p in _files_for(pack.id, library, packs_dir) if p.exists()]
    if existing == [target] and _read_same(target, text):
        return Installed(pack, target, unchanged=True)
    if existing and not replace:
        raise StudyAppError(f"a different pack '{pack.id}' is at {existing[0]}; use --replace to replace it")
    write_text_atomically(target, text)
    stale = tuple(p for p in existing if p != target)
    for path in stale:
        path.unlink(missing_ok=True)
    return Installed(pack, target, replaced=tuple(existing))


def remove_pack_file(pack_id: str, library: Library, packs_dir: Path) -> Path:
    """Delete the user pack `pack_id` from `packs_dir` (a file that fails to load counts too); returns it.

    Review history is not touched: it is keyed by pack id and comes back if the pack is added again."""
    if not SLUG.match(pack_id):
        raise StudyAppError(f"{pack_id!r} is not a valid pack id (lowercase letters, digits and '-')")
    owner = next((p for p in library.packs if p.id == pack_id), None)
    if owner is not None and owner.origin == "bundled":
        raise StudyAppError(f"pack '{pack_id}' is bundled with studyapp and cannot be removed")
    if owner is not None and not _inside(owner.source, packs_dir):
        raise StudyAppError(f"pack '{pack_id}' is not in the data dir: it comes from {owner.source}")
    files = [p for p in _files_for(pack_id, library, packs_dir) if p.exists()]
    if not files:
        raise StudyAppError(f"no user pack '{pack_id}' in {packs_dir}")
    for path in files:
        try:
            path.unlink()
        except OSError as exc:
            raise StudyAppError(f"cannot remove {path}: {exc.strerror or exc}") from exc
    return files[0]


def _in_packs_dir(packs_dir: Path, pack_id: str) -> Path:
    """`packs_dir/<id>.yaml` for a slug id (checked again here: the path can never leave `packs_dir`)."""
    if not SLUG.match(pack_id):
        raise StudyAppError(f"{pack_id!r} is not a valid pack id (lowercase letters, digits and '-')")
    return packs_dir / f"{pack_id}.yaml"


def _files_for(pack_id: str, library: Library, packs_dir: Path) -> list[Path]:
    """Files in `packs_dir` that hold `pack_id`: `<id>.yaml` / `<id>.yml` and any loaded file with that id."""
    named = [_in_packs_dir(packs_dir, pack_id).with_suffix(suffix) for suffix in PACK_SUFFIXES]
    loaded = [
        p.source
        for p in library.packs
        if p.id == pack_id and p.source is not None and _inside(p.source, packs_dir)
    ]
    return list(dict.fromkeys([*named, *loaded]))


def _inside(path: Path | None, folder: Path) -> bool:
    return path is not None and path.resolve().parent == folder.resolve()


def _read_same(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8-sig") == text
    except (OSError, UnicodeDecodeError):
        return False
