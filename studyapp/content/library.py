"""The packs a user has: bundled ones, the data dir's `packs/`, and any `--pack-dir`.

A pack that fails to load is listed in `problems` (never raised), so one broken file never hides the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from studyapp.content.loader import PackError
from studyapp.content.model import Pack
from studyapp.content.pack_cache import load_pack_cached
from studyapp.errors import StudyAppError
from studyapp.paths import DataPaths, bundled_content_dir

PACK_SUFFIXES = (".yaml", ".yml")


@dataclass
class Library:
    packs: list[Pack] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @classmethod
    def discover(
        cls,
        paths: DataPaths,
        extra_dirs: Iterable[str | Path] = (),
        on_parse: Callable[[Path, int], None] | None = None,
    ) -> Library:
        """Load every pack file: bundled first, then user packs; later duplicates of an id are problems.

        `on_parse(path, length of its text)` hears of each file the cache cannot serve, before it is parsed.
        """
        sources = [(bundled_content_dir(), "bundled"), (paths.packs, "user")]
        sources += [(Path(d).expanduser(), "user") for d in extra_dirs]
        library = cls()
        seen: dict[str, Path | None] = {}
        for folder, origin in sources:
            for file in pack_files(folder):
                try:
                    pack = load_pack_cached(file, paths.cache, origin=origin, on_parse=on_parse)
                except PackError as exc:
                    library.problems.extend(exc.problems)
                    continue
                if pack.id in seen:
                    library.problems.append(f"{file}: pack id '{pack.id}' is already used by {seen[pack.id]}")
                    continue
                seen[pack.id] = file
                library.packs.append(pack)
        return library

    def get(self, pack_id: str) -> Pack:
        for pack in self.packs:
            if pack.id == pack_id:
                return pack
        known = ", ".join(p.id for p in self.packs) or "none"
        raise StudyAppError(f"unknown pack '{pack_id}'; known packs: {known}")


def pack_files(folder: Path) -> list[Path]:
    """The pack files directly in `folder`, sorted by name (missing folder: none)."""
    try:
        return sorted(p for p in folder.iterdir() if p.suffix in PACK_SUFFIXES and p.is_file())
    except OSError:
        return []
