"""Write a file all-or-nothing: into a temp file in the same folder, then `os.replace` onto the target."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from studyapp.errors import StudyAppError


def write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """Call `write(temp_path)`, then move the temp file onto `target`; on any failure remove the temp file
    and leave `target` as it was."""
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
        os.close(handle)
    except OSError as exc:
        raise StudyAppError(f"cannot write {target}: {exc.strerror or exc}") from exc
    temp = Path(temp_name)
    try:
        write(temp)
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise StudyAppError(f"cannot write {target}: {exc.strerror or exc}") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_text_atomically(target: Path, text: str) -> None:
    write_atomically(target, lambda temp: temp.write_text(text, encoding="utf-8"))
