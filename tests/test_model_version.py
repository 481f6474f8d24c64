"""core.storage.version: one number per saved file version, used by the engine, the leaderboard and the pages."""

import os

import pytest

from core.engine.base import ModelRef
from core.storage.version import model_version


def test_a_save_again_changes_the_version_and_the_engine_keys_by_the_same_number(tmp_path):
    path = tmp_path / "m.keras"
    path.write_bytes(b"one")
    first = model_version(path)
    assert first == model_version(path) == ModelRef.of(path).version and 0 <= first < 2**63
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert model_version(path) != first


def test_a_missing_file_says_so(tmp_path):
    with pytest.raises(FileNotFoundError):
        model_version(tmp_path / "gone.keras")
