"""The teacher's pause as the training queue asks for it: a cheap check, read from the database at most every few seconds.

The engine's :class:`~core.training.job_queue.TrainingQueue` calls its ``paused_check`` for every
waiting job several times a second; :class:`PausedFlag` answers from a copy of the
``queue_paused`` setting no older than ``ttl_s``, so every replica sees the teacher's pause
within that time without a database read per call.
"""

from __future__ import annotations

import threading
import time

from sqlalchemy.exc import SQLAlchemyError

from core.classroom import class_settings
from core.classroom.db import Database

TTL_S = 2.0


class PausedFlag:
    """A callable that says whether the teacher has paused the queue (thread-safe, cached).

    Args:
        db: The class database.
        ttl_s: How old the cached answer may be.

    """

    def __init__(self, db: Database, ttl_s: float = TTL_S) -> None:
        self.db, self.ttl_s = db, ttl_s
        self._lock = threading.Lock()
        self._value, self._read_at = False, float("-inf")

    def __call__(self) -> bool:
        """True while the queue is paused (as of at most ``ttl_s`` seconds ago)."""
        with self._lock:
            if time.monotonic() - self._read_at < self.ttl_s:
                return self._value
        try:
            value = class_settings.queue_paused(self.db)
        except SQLAlchemyError:  # the database is briefly unreachable: keep the last answer rather than fail a job
            value = self._value
        with self._lock:
            self._value, self._read_at = value, time.monotonic()
        return value

    def set(self, paused: bool) -> None:
        """Pauses or resumes the queue and updates the cached answer at once."""
        class_settings.set_queue_paused(self.db, paused)
        with self._lock:
            self._value, self._read_at = bool(paused), time.monotonic()
