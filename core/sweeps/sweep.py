"""A sweep running in the background: its trials, a thread-safe snapshot, Stop and wait.

:class:`Sweep` is a :class:`~core.training.background.BackgroundRun` (start, snapshot, stop,
abandon on a closed tab, settle, observers) holding what every engine shares;
:class:`core.sweeps.local.LocalSweep` and :class:`core.sweeps.ray_tune.RaySweep` fill in
:meth:`Sweep._execute`, which runs the trials and reports on them with :meth:`Sweep._update`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Self

from core.sweeps.snapshot import SweepSnapshot
from core.sweeps.spec import SweepSpec
from core.sweeps.trial import Trial
from core.training.background import BackgroundRun
from core.training.observer import RunObserver
from core.training.run_state import RunState

NOT_STARTED = "The sweep was stopped before this trial started."


class Sweep(BackgroundRun[SweepSnapshot]):
    """Many training runs of one plan, run in a background thread.

    Args:
        spec: The plan (validated here, before any thread starts).
        base: The Train page's settings the trials start from.
        watched: Says whether anyone still follows the sweep; ``None`` means always.
        abandon_after_s: Once ``watched`` has said no this long, the sweep stops.
        observers: Told of the sweep's progress and, once it has settled, of its end.

    Raises:
        ValueError: With a sentence if the plan cannot run.

    """

    engine = "base"
    what = thread_name = "sweep"
    unexpected = "The sweep stopped unexpectedly"
    expected_errors = ()  # a sweep checks its plan before it starts: any failure after that is a bug, logged

    def __init__(
        self,
        spec: SweepSpec,
        base: Mapping[str, Any],
        watched: Callable[[], bool] | None = None,
        abandon_after_s: float = 60.0,
        observers: Sequence[RunObserver] = (),
    ) -> None:
        settings = spec.validate(base)
        super().__init__(None, watched, abandon_after_s, observers)
        self.spec = spec
        self.base = dict(base)
        values = spec.trial_values()
        self.trials = [
            Trial(number, values[number - 1], trial, epochs=spec.epochs) for number, trial in enumerate(settings, start=1)
        ]
        self._state, self._error = RunState.QUEUED, ""
        self._started = 0.0
        self._ended: float | None = None

    def start(self) -> Self:
        """Starts the background thread; returns the sweep for chaining."""
        self._started = time.monotonic()
        return super().start()

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

    def trial(self, index: int) -> Trial:
        """A copy of trial ``index`` (counting from 0), safe to read from any thread."""
        with self._lock:
            return self.trials[index].copy()

    def _update(self, index: int, **changes: Any) -> None:
        """Changes fields of trial ``index`` (counting from 0) under the lock."""
        with self._lock:
            trial = self.trials[index]
            for key, value in changes.items():
                setattr(trial, key, value)

    def _status(self) -> tuple[RunState, str]:
        return self._state, self._error

    def _change(self, state: RunState | None = None, error: str | None = None) -> None:
        self._state = state if state is not None else self._state
        self._error = error if error is not None else self._error

    def _on_slot(self) -> None:
        with self._lock:
            if self._state == RunState.QUEUED:
                self._state = RunState.RUNNING

    def _work(self) -> RunState:
        self._execute()
        return RunState.STOPPED if self.stopping else RunState.FINISHED

    def _on_end(self) -> None:
        # A trial still open when the sweep ends never reported its end: it was stopped with the sweep.
        with self._lock:
            for trial in self.trials:
                if not trial.done:
                    trial.error = trial.error or (NOT_STARTED if trial.state == RunState.QUEUED else self._error)
                    trial.state = RunState.STOPPED
            self._ended = time.monotonic()

    def _execute(self) -> None:
        """Runs every trial (until :attr:`stopping`, checking :meth:`_check_watched` as it goes); the engines fill this in."""
        raise NotImplementedError
