"""A saved model file's version: the one number that changes whenever the file is saved again.

Everything that caches or measures a model keys it by this number: the engine's workers keep a
model warm per version (``core.engine.base.ModelRef``), the leaderboard measures an entry again
when its version changed (stored in ``challenge_submissions.model_version``, a ``BIGINT``), and
the pages cache an evaluation or a look inside per version. Reading it is one ``stat``: no hash
of the file's bytes, so it is cheap enough for every rerun of a page.
"""

from __future__ import annotations

import os
from pathlib import Path

_BIGINT = 2**63 - 1  # the database column is a signed 64-bit integer


def model_version(path: str | Path) -> int:
    """The file's version: its modification time in nanoseconds mixed with its size.

    A save writes a new file and renames it into place, so both change; mixing in the size also
    tells apart two saves within the file system's timestamp resolution that differ in size.

    Raises:
        FileNotFoundError: If the file is gone.

    """
    stat = os.stat(path)
    return (stat.st_mtime_ns ^ stat.st_size) & _BIGINT
