"""A training run in the background whose snapshot is a :class:`~core.training.progress.Progress`.

Both the job that trains in this process (:class:`core.training.job.TrainingJob`) and the handle
that mirrors a worker's run (:class:`core.engine.jobs.JobHandle`) are this: a
:class:`~core.training.background.BackgroundRun` that keeps its state, error and queue place
in one ``Progress`` record, copied out whole for the page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from core.training.background import BackgroundRun
from core.training.job_queue import TrainingQueue
from core.training.observer import RunObserver
from core.training.progress import Progress
from core.training.run_state import RunState


class ProgressRun(BackgroundRun[Progress]):
    """A background run of ``epochs`` epochs, reported as :class:`Progress`.

    Args:
        epochs: Epochs asked for (the progress bar's length).
        queue: Caps how many runs train at once; the run waits here in state ``QUEUED``.
        watched: Says whether anyone still follows the run; ``None`` means always.
        abandon_after_s: Once ``watched`` has said no this long, the run stops at its next batch.
        observers: Told of the run's progress and of its end.

    """

    def __init__(
        self,
        epochs: int,
        queue: TrainingQueue | None = None,
        watched: Callable[[], bool] | None = None,
        abandon_after_s: float = 60.0,
        observers: Sequence[RunObserver] = (),
    ) -> None:
        super().__init__(queue, watched, abandon_after_s, observers)
        self._progress = Progress(epochs=epochs)

    def snapshot(self) -> Progress:
        """A copy of the progress, safe to read from any thread."""
        with self._lock:
            return self._progress.copy()

    def _status(self) -> tuple[RunState, str]:
        return self._progress.state, self._progress.error

    def _change(self, state: RunState | None = None, error: str | None = None) -> None:
        if state is not None:
            self._progress.state = state
        if error is not None:
            self._progress.error = error

    def _set(self, **changes: Any) -> None:
        """Sets fields of the progress under the lock."""
        with self._lock:
            for key, value in changes.items():
                setattr(self._progress, key, value)

    def _on_queue(self, ahead: int, paused: bool) -> None:
        self._set(queue_position=ahead, paused=paused)

    def _on_slot(self) -> None:
        self._set(state=RunState.LOADING, queue_position=0, paused=False)
