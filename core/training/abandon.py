"""Noticing that nobody follows a run any more, so a closed browser tab does not hold a CPU for hours.

:class:`AbandonWatch` asks a ``watched`` callable (the page passes "is my browser session still
connected") and says a run is abandoned once that has answered no for ``after_s`` seconds in a
row. A yes in between starts the count again, so a page that reloads is not punished.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class AbandonWatch:
    """Says when a run has gone unwatched for too long (thread-safe, and final once it said so).

    Args:
        watched: Says whether anyone still follows the run; ``None`` means always.
        after_s: How long ``watched`` must say no before the run counts as abandoned.
        what: The run in words, for :attr:`message` (``run`` or ``sweep``).

    """

    def __init__(self, watched: Callable[[], bool] | None, after_s: float = 60.0, what: str = "run") -> None:
        self._watched, self.after_s, self._what = watched, after_s, what
        self._lock = threading.Lock()
        self._unwatched_since: float | None = None
        self._abandoned = False

    @property
    def message(self) -> str:
        """Why the run was stopped, as the page shows it."""
        return f"Nobody watched this {self._what} for {self.after_s:.0f} s (was the page closed?), so it was stopped."

    def abandoned(self) -> bool:
        """Asks ``watched`` and returns True once it has said no for ``after_s`` seconds."""
        with self._lock:
            if self._abandoned:
                return True
        if self._watched is None or self._watched():  # outside the lock: it may look at the server's sessions
            with self._lock:
                self._unwatched_since = None
            return False
        now = time.monotonic()
        with self._lock:
            self._unwatched_since = self._unwatched_since or now
            self._abandoned = now - self._unwatched_since >= self.after_s
            return self._abandoned
