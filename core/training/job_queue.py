"""A first-come, first-served cap on how many training jobs run at once.

On a shared classroom server thirty students may press Start together; each training job
would take a CPU core, so further jobs wait their turn here (and can be cancelled while
waiting) instead of slowing everyone's training and prediction to a crawl.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable

SLOTS_ENV = "SIGMOID_LAB_TRAINING_SLOTS"


class TrainingQueue:
    """Lets at most ``slots`` holders run at once; the others wait in arrival order.

    Args:
        slots: How many jobs may train at the same time (at least 1).
        paused: Says whether the teacher has paused the queue: running jobs finish, no new one
            starts until it says no again. Asked every fraction of a second by each waiting job,
            so it should be cheap (cache a database read).

    """

    def __init__(self, slots: int, paused: Callable[[], bool] | None = None) -> None:
        self.slots = max(1, int(slots))
        self.paused_check = paused
        self._condition = threading.Condition()
        self._waiting: list[object] = []
        self._running: set[object] = set()

    def acquire(self, key: object, cancelled: threading.Event, on_position: Callable[[int], None] | None = None) -> bool:
        """Waits until ``key`` may run.

        Args:
            key: Identifies the job (any hashable object).
            cancelled: When set, the wait ends without a slot.
            on_position: Told the number of jobs ahead whenever it may have changed.

        Returns:
            True once ``key`` holds a slot; False if it was cancelled while waiting.

        """
        with self._condition:
            self._waiting.append(key)
        try:
            while True:
                paused = self.is_paused()  # outside the lock: it may read a database
                with self._condition:
                    if cancelled.is_set():
                        return False
                    ahead = self._waiting.index(key)
                    if ahead == 0 and len(self._running) < self.slots and not paused:
                        self._running.add(key)
                        return True
                    ahead += max(0, len(self._running) - self.slots + 1)
                if on_position:  # outside the lock: a slow or failing callback must not block the others
                    on_position(ahead)
                with self._condition:
                    self._condition.wait(timeout=0.2)  # also wakes to notice cancellation
        finally:
            with self._condition:
                self._waiting.remove(key)
                self._condition.notify_all()

    def is_paused(self) -> bool:
        """True while the teacher holds new jobs back."""
        return bool(self.paused_check and self.paused_check())

    def release(self, key: object) -> None:
        """Frees the slot held by ``key`` (no-op if it holds none)."""
        with self._condition:
            self._running.discard(key)
            self._condition.notify_all()

    def status(self) -> tuple[int, int]:
        """``(running, waiting)`` counts."""
        with self._condition:
            return len(self._running), len(self._waiting)


def configured_slots() -> int:
    """Training slots from ``SIGMOID_LAB_TRAINING_SLOTS`` (default: one per CPU core)."""
    text = os.environ.get(SLOTS_ENV, "").strip()
    if text.isdigit() and int(text) > 0:
        return int(text)
    if text:
        logging.getLogger(__name__).warning("%s=%r is not a positive whole number; using one slot per CPU core.", SLOTS_ENV, text)
    return os.cpu_count() or 1


default_queue = TrainingQueue(configured_slots())
