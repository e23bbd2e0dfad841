"""Where user state lives: one data dir (platformdirs default, `--data-dir` or `STUDYAPP_DATA_DIR`)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from studyapp.errors import StudyAppError

APP_NAME = "studyapp"
ENV_DATA_DIR = "STUDYAPP_DATA_DIR"


@dataclass(frozen=True)
class DataPaths:
    """The files and folders under one data dir."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "studyapp.sqlite3"

    @property
    def packs(self) -> Path:
        """User packs: YAML files installed by `pack add` / `pack import`."""
        return self.root / "packs"

    @property
    def cache(self) -> Path:
        return self.root / "cache"

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None) -> DataPaths:
        """Pick the data dir: the argument, else $STUDYAPP_DATA_DIR, else the platform's user data dir."""
        chosen = data_dir or os.environ.get(ENV_DATA_DIR)
        if chosen:
            root = Path(chosen).expanduser()
        else:
            from platformdirs import user_data_path

            root = user_data_path(APP_NAME, appauthor=False)
        return cls(root)

    def ensure(self) -> DataPaths:
        """Create the data dir and its `packs/` folder, or fail with one readable line."""
        try:
            self.packs.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StudyAppError(f"cannot use data dir {self.root}: {exc.strerror or exc}") from exc
        if not os.access(self.root, os.W_OK):
            raise StudyAppError(f"cannot use data dir {self.root}: not writable")
        return self


def bundled_content_dir() -> Path:
    """The packs shipped with studyapp: inside the wheel, or `content/` in a source checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "bundled_content"
    return installed if installed.is_dir() else here.parent / "content"
