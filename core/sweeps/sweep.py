"""A sweep running in the background: its trials, a thread-safe snapshot, Stop and wait.

:class:`Sweep` holds what every engine shares; :class:`core.sweeps.local.LocalSweep` and
:class:`core.sweeps.ray_tune.RaySweep` fill in :meth:`Sweep._execute`, which runs the trials and
reports on them with :meth:`Sweep._update`.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Mapping
from typing import Any

from core.sweeps.snapshot import SweepSnapshot
from core.sweeps.spec import SweepSpec
from core.sweeps.trial import Trial

logger = logging.getLogger(__name__)
_sweep_ids = itertools.count(1)
NOT_STARTED = "The sweep was stopped before this trial started."


class Sweep:
    """Many training runs of one plan, run in a background thread.

    Args:
        spec: The plan (validated here, before any thread starts).
        base: The Train page's settings the trials start from.

    Raises:
        ValueError: With a sentence if the plan cannot run.

    """

    engine = "base"

    def __init__(self, spec: SweepSpec, base: Mapping[str, Any]) -> None:
        settings = spec.validate(base)
        self.id = next(_sweep_ids)
        self.spec = spec
        self.base = dict(base)
        values = spec.trial_values()
        self.trials = [
            Trial(number, values[number - 1], trial, epochs=spec.epochs) for number, trial in enumerate(settings, start=1)
        ]
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._state, self._error = "queued", ""
        self._started = 0.0
        self._ended: float | None = None
        self._thread = threading.Thread(target=self._run, name=f"sweep-{self.id}", daemon=True)

    def start(self) -> Sweep:
        """Starts the background thread; returns the sweep for chaining."""
        self._started = time.monotonic()
        self._thread.start()
        return self

    def stop(self) -> None:
        """Ends the sweep: waiting trials never start, running ones stop; finished trials are kept."""
        self._stop.set()
        with self._lock:
            if self._state in ("queued", "running"):
                self._state = "stopping"

    @property
    def stopping(self) -> bool:
        """True once :meth:`stop` was called."""
        return self._stop.is_set()

    def snapshot(self) -> SweepSnapshot:
        """A copy of the sweep's state, safe to read from any thread."""
        with self._lock:
            end = self._ended if self._ended is not None else time.monotonic()
            return SweepSnapshot(
                self._state,
                self.engine,
                self.spec.keys,
                [trial.copy() for trial in self.trials],
                self._error,
                end - self._started if self._started else 0.0,
            )

    def wait(self, timeout: float | None = None) -> SweepSnapshot:
        """Blocks until the sweep ends (or ``timeout`` seconds pass) and returns its snapshot."""
        self._thread.join(timeout)
        return self.snapshot()

    def _update(self, index: int, **changes: Any) -> None:
        """Changes fields of trial ``index`` (counting from 0) under the lock."""
        with self._lock:
            trial = self.trials[index]
            for key, value in changes.items():
                setattr(trial, key, value)

    def _run(self) -> None:
        with self._lock:
            if self._state == "queued":
                self._state = "running"
        try:
            self._execute()
            final, error = ("stopped" if self._stop.is_set() else "finished"), ""
        except Exception as exc:  # the sweep must end in a state the page can show
            logger.exception("sweep %s failed", self.id)
            final, error = "failed", f"The sweep stopped unexpectedly: {type(exc).__name__}: {exc}"
        with self._lock:
            for trial in self.trials:
                if not trial.done:
                    trial.error = trial.error or (NOT_STARTED if trial.state == "queued" else error)
                    trial.state = "stopped"
            self._state, self._error, self._ended = final, error, time.monotonic()

    def _execute(self) -> None:
        """Runs every trial (until :attr:`stopping`); the engines fill this in."""
        raise NotImplementedError
