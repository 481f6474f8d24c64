"""Running ``python -m core`` as a user would: a separate process, offline, in the repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Runs ``python -m core ARGS`` offline in the repository.

    Args:
        args: The command line after ``python -m core``.
        env_extra: Environment variables to add (e.g. ``SIGMOID_LAB_MODELS``).

    Returns:
        The finished process, with text ``stdout`` and ``stderr``.

    """
    env = os.environ | {"SIGMOID_LAB_OFFLINE": "1"} | (env_extra or {})
    return subprocess.run([sys.executable, "-m", "core", *args], cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
