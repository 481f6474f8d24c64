"""The limits' values: what one run, one network and one student may use, and where those numbers come from.

This module only says what the limits *are*; :mod:`core.classroom.quotas` holds settings,
uploads and counts to them. A class starts from :data:`CLASS_DEFAULTS`; the teacher changes any
of them with :func:`set_limit` (stored in the ``settings`` table) and :func:`limits_for` reads
the ones in force. Personal mode uses generous limits that still refuse what would exhaust the
machine: a network whose weights and training state would not fit in a quarter of the memory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace

from core.classroom import class_settings
from core.classroom.db import Database
from core.classroom.identity import Mode
from core.modeling.limits import MAX_PARAMETERS
from core.modeling.size import BYTES_PER_NUMBER, COPIES_WHILE_TRAINING

PREFIX = "limit."


@dataclass(frozen=True)
class Limits:
    """The limits in force (their values; :mod:`core.classroom.quotas` applies them).

    Attributes:
        epochs: Most epochs one run may train.
        training_images: Most training images one run may use.
        parameters: Most parameters (weights) one network may have, counted before it is built.
        runs_at_once: Runs one student may have queued or training at the same time.
        saved_models: Models one student may keep saved.
        upload_mb: Largest uploaded file, in megabytes (10⁶ bytes).

    """

    epochs: int = 50
    training_images: int = 60_000
    parameters: int = 2_000_000
    runs_at_once: int = 1
    saved_models: int = 10
    upload_mb: int = 20


CLASS_DEFAULTS = Limits()
LABELS = {
    "epochs": "epochs per run",
    "training_images": "training images per run",
    "parameters": "parameters per network",
    "runs_at_once": "runs at once per student",
    "saved_models": "saved models per student",
    "upload_mb": "MB per upload",
}


def memory_bytes() -> int:
    """This machine's physical memory in bytes (8 GiB if the system does not say)."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 8 * 2**30


def personal_limits() -> Limits:
    """Personal mode's limits: generous, but a network must fit in a quarter of the memory.

    Networks stay within the lab's own limit (:data:`core.modeling.limits.MAX_PARAMETERS`),
    which the training job checks again; a small machine's memory lowers it.
    """
    parameters = min(MAX_PARAMETERS, memory_bytes() // 4 // (BYTES_PER_NUMBER * COPIES_WHILE_TRAINING))
    return Limits(
        epochs=1000, training_images=1_000_000, parameters=parameters, runs_at_once=4, saved_models=10_000, upload_mb=500
    )


def limits_for(db: Database, mode: Mode) -> Limits:
    """The limits in force: personal mode's, or the class defaults with the teacher's changes."""
    if mode == "personal":
        return personal_limits()
    stored = class_settings.read_all(db, PREFIX)
    changes = {f.name: int(stored[PREFIX + f.name]) for f in fields(Limits) if PREFIX + f.name in stored}
    return replace(CLASS_DEFAULTS, **changes)


def set_limit(db: Database, name: str, value: int | None) -> None:
    """The teacher sets one class limit (None puts back its default).

    Raises:
        ValueError: For an unknown limit or a value below 1.

    """
    if name not in LABELS:
        raise ValueError(f"There is no limit called {name!r}; the limits are: {', '.join(LABELS)}.")
    if value is None:
        class_settings.forget(db, PREFIX + name)
        return
    if int(value) < 1:
        raise ValueError(f"The limit on {LABELS[name]} must be at least 1.")
    class_settings.write(db, PREFIX + name, int(value))
