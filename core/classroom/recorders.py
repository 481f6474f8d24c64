"""Live runs followed into the class database: observers a page hands to the run it starts.

A training run or a sweep is a background run (:class:`core.training.background.BackgroundRun`)
that tells its observers of its progress about once a second and, once, that it has settled
(:mod:`core.training.observer`). The observers here write what the class must know into the
database: :class:`RunRecorder` a run's row (running, then how it ended, with its metrics and
curves), :class:`SweepRecorder` a sweep's trials' rows and the sweep's end. They run in the
server, not in a tab, so a run whose tab was closed is still recorded when it ends. A start that
fails is recorded as failed by :meth:`RunRecorder.launch` / :meth:`SweepRecorder.launch`, so no
row is left counting as a run going.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from core.classroom import runs, sweep_records
from core.classroom.db import Database
from core.classroom.sweep_records import SweepRecord, TrialView
from core.training.run_state import RunState

RunT = TypeVar("RunT")
Start = Callable[[Sequence[Any]], RunT]  # start(observers) -> the started run


class RecordedRun(Protocol):
    """What :class:`RunRecorder` reads of a training run (``core.engine.jobs.JobHandle``)."""

    @property
    def result(self) -> Any:
        """The run's result (test metrics, metadata), or None."""
        ...

    def snapshot(self) -> Any:
        """The run's progress: ``state``, ``error``, ``epoch_history``."""
        ...


class RecordedSweep(Protocol):
    """What :class:`SweepRecorder` reads of a sweep (``core.sweeps.sweep.Sweep``)."""

    def snapshot(self) -> Any:
        """The sweep's snapshot: ``state`` and ``trials`` (each a :class:`TrialView`)."""
        ...


class RunRecorder:
    """Keeps one training run's row (made by :func:`core.classroom.runs.start_run`) up to date."""

    def __init__(self, db: Database, run_id: int) -> None:
        self.db, self.run_id = db, run_id
        self._marked_running = False

    def launch(self, start: Start[RunT]) -> RunT:
        """Starts the run with this recorder as its observer; a start that fails marks the row failed."""
        try:
            return start([self])
        except BaseException:
            runs.update_run(self.db, self.run_id, state=RunState.FAILED)  # never left counting as a run going
            raise

    def on_progress(self, run: RecordedRun) -> None:
        """Marks the row running once the run trains (waiting and loading the data stay ``queued``)."""
        if not self._marked_running and run.snapshot().state not in (RunState.QUEUED, RunState.LOADING):
            runs.update_run(self.db, self.run_id, state=RunState.RUNNING)
            self._marked_running = True

    def on_settle(self, run: RecordedRun) -> None:
        """Writes how the run ended, its test metrics and its curves."""
        progress, result = run.snapshot(), run.result
        metrics: dict[str, Any] = {"error": progress.error} if progress.error else {}
        if result is not None:
            metrics |= {
                "test_accuracy": result.test_accuracy,
                "test_images": result.test_count,
                "test_source": result.test_source,
                "real_test_metrics": result.metadata.get("real_test_metrics"),
                "epochs_trained": len(result.history),
            }
        runs.update_run(self.db, self.run_id, state=progress.state, metrics=metrics, curves={"epochs": progress.epoch_history})


class SweepRecorder:
    """Mirrors a sweep's trials into their run rows (one write per change) and marks the sweep's end."""

    def __init__(self, db: Database, record: SweepRecord) -> None:
        self.db, self.record = db, record
        self._seen: dict[int, str] = {}

    def launch(self, start: Start[RunT]) -> RunT:
        """Starts the sweep with this recorder as its observer; a start that fails marks it and its trials failed."""
        try:
            return start([self])
        except BaseException:
            sweep_records.end_sweep(self.db, self.record.id, RunState.FAILED)
            raise

    def _trials(self, trials: Sequence[TrialView]) -> None:
        sweep_records.record_progress(self.db, self.record, trials, self._seen)

    def on_progress(self, sweep: RecordedSweep) -> None:
        """Writes the trials whose state changed."""
        self._trials(sweep.snapshot().trials)

    def on_settle(self, sweep: RecordedSweep) -> None:
        """Writes the trials' last changes, then the sweep's end (a trial that never reported is marked failed)."""
        snapshot = sweep.snapshot()
        self._trials(snapshot.trials)
        sweep_records.end_sweep(self.db, self.record.id, snapshot.state)
