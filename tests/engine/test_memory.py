"""memory.keep_freed_memory: glibc's thresholds raised on Linux/glibc, a no-op elsewhere."""

import os
import sys

from studyapp.engine import memory


def on_glibc() -> bool:
    try:
        return sys.platform.startswith("linux") and os.confstr("CS_GNU_LIBC_VERSION").startswith("glibc")
    except (ValueError, OSError):
        return False


def test_thresholds_are_taken_on_glibc_and_setting_them_again_is_harmless():
    assert memory.keep_freed_memory() is on_glibc()
    assert memory.keep_freed_memory() is on_glibc()


def test_other_platforms_are_left_alone(monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    assert memory.keep_freed_memory() is False
