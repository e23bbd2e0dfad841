"""memory.keep_freed_memory: glibc's thresholds raised on Linux/glibc, a no-op elsewhere."""

import os
import sys

import numpy as np
import pytest

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


def resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not on_glibc(), reason="glibc only")
def test_freed_memory_kept_by_the_thresholds_goes_back_to_the_os_on_release():
    memory.keep_freed_memory()
    memory.release_freed_memory()  # start from a heap with nothing free, whatever ran before
    arrays = [np.ones((256, 256)) for _ in range(200)]  # 100 MiB in 512 KiB blocks, under the trim threshold
    before_free = resident_bytes()
    del arrays
    kept = resident_bytes()
    assert kept > before_free - 20 * 2**20  # the thresholds keep it resident
    assert memory.release_freed_memory() is True
    assert resident_bytes() < kept - 80 * 2**20


def test_release_elsewhere_does_nothing(monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    assert memory.release_freed_memory() is False
