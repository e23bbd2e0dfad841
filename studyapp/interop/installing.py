"""`pack import` as domain code: pick the importer by extension, check the pack dict against the strict
schema, and install it as `<packs dir>/<id>.yaml` (atomically; never over a different pack unless asked).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from studyapp.content.safe_yaml import max_bytes_limit
from studyapp.errors import StudyAppError
from studyapp.interop.anki_import import import_anki
from studyapp.interop.atomic_file import write_text_atomically
from studyapp.interop.builder import DEFAULT_OPTIONS, ImportOptions, ImportResult
from studyapp.interop.csv_import import ANKI_HEADER, import_csv
from studyapp.interop.markdown_import import import_markdown
from studyapp.interop.pack_yaml import dump_pack_yaml
from studyapp.interop.report import Progress

Importer = Callable[[Path, ImportOptions, Progress | None], ImportResult]
IMPORTERS: dict[str, Importer] = {
    ".csv": import_csv,
    ".tsv": import_csv,
    ".md": import_markdown,
    ".markdown": import_markdown,
    ".apkg": import_anki,
    ".anki2": import_anki,
    ".anki21": import_anki,
}


def _sniff_txt(path: Path) -> Importer:
    """A .txt file is Anki plain text when it starts with `#key:value` headers, Markdown when it has
    Markdown headings (`## …`), else CSV/TSV."""
    with path.open("rb") as handle:
        head = handle.read(64 * 1024).decode("utf-8", errors="replace")
    if ANKI_HEADER.match(head.lstrip("\ufeff")):
        return import_csv
    return import_markdown if re.search(r"^ {0,3}#{1,6}\s+\S", head, re.MULTILINE) else import_csv


def import_file(path: Path, options: ImportOptions = DEFAULT_OPTIONS, progress: Progress | None = None):
    """Run the importer for `path`'s extension; fail with one line when nothing could be imported."""
    suffix = path.suffix.lower()
    importer = IMPORTERS.get(suffix)
    if importer is None and suffix != ".txt":
        known = ", ".join([*IMPORTERS, ".txt"])
        raise StudyAppError(f"{path}: unknown file type {path.suffix or '(none)'!r}; expected one of {known}")
    if not path.is_file():
        raise StudyAppError(f"cannot read {path}: no such file")
    result = (importer or _sniff_txt(path))(path, options, progress)
    if not result.data["questions"]:
        reasons = "; ".join(str(item) for item in result.report.skipped[:3])
        raise StudyAppError(f"nothing to import from {path}" + (f" ({reasons})" if reasons else ""))
    return result


def validate_pack_data(data: dict, source_name: str) -> bool:
    """Check the dict against the strict pack schema; raise StudyAppError listing the first problems.

    Returns False when the schema loader (`studyapp.content.loader`) is not installed yet."""
    try:
        from studyapp.content.loader import PackError, pack_from_data
    except ImportError:
        return False
    try:
        pack_from_data(data, source_name)
    except PackError as exc:
        problems = "; ".join(exc.problems[:5]) or str(exc)
        raise StudyAppError(f"the imported pack is not valid: {problems}") from exc
    return True


def install_pack(data: dict, packs_dir: Path, replace: bool = False) -> Path:
    """Write the pack as YAML to `packs_dir/<id>.yaml`; a different existing pack needs `replace`."""
    text = dump_pack_yaml(data)
    limit = max_bytes_limit()
    if len(text.encode("utf-8")) > limit:
        raise StudyAppError(
            f"the imported pack is over the {limit:,}-byte pack limit once written; split the source file"
        )
    target = packs_dir / f"{data['id']}.yaml"
    for existing in (target, target.with_suffix(".yml")):
        if (
            existing.exists()
            and not replace
            and existing.read_text(encoding="utf-8", errors="replace") != text
        ):
            raise StudyAppError(
                f"a different pack {data['id']!r} already exists at {existing}; use --replace or choose --id"
            )
    write_text_atomically(target, text)
    return target
