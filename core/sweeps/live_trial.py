"""A running Ray Tune trial as the engine's job book holds it, so the teacher's console sees and stops it.

On the local engine a sweep's trials are the engine's own jobs, in its
:class:`~core.engine.jobs.JobBook` under the student's id. A trial on Ray Tune is no job, so
:class:`core.sweeps.ray_tune.RaySweep` puts a :class:`LiveTrial` in the book while the trial
trains: the same ``id``, ``owner``, ``snapshot()`` and ``stop()`` a job offers, read from the
sweep's own record of the trial. No Ray here: stopping goes through the sweep.
"""

from __future__ import annotations

from typing import Protocol

from core.engine.jobs import next_run_id
from core.sweeps.trial import Trial
from core.training.progress import Progress
from core.training.run_state import RunState


class TrialSource(Protocol):
    """What a live trial asks of its sweep."""

    def trial(self, index: int) -> Trial:
        """A copy of trial ``index``."""
        ...

    def stop_trial(self, index: int) -> None:
        """Stops trial ``index`` alone (the model so far is kept; the sweep goes on)."""
        ...


class LiveTrial:
    """One Tune trial of a sweep, while it trains, as a run of ``owner``'s.

    Args:
        sweep: The sweep the trial belongs to.
        index: The trial's place in the sweep (counting from 0).
        owner: Whose trial it is (the sweep's owner, as Tune's trial config carries it).

    """

    def __init__(self, sweep: TrialSource, index: int, owner: str | None) -> None:
        self.id = next_run_id()
        self.owner = owner
        self.index = index
        self._sweep = sweep
        self._stopping = False

    def snapshot(self) -> Progress:
        """The trial as a job's progress: its state, epochs and curves (one "batch" per epoch)."""
        trial = self._sweep.trial(self.index)
        state = RunState.STOPPED if trial.state == RunState.PRUNED else trial.state
        if self._stopping and not state.ended:
            state = RunState.STOPPING
        current = trial.epoch if trial.done else min(trial.epoch + 1, trial.epochs)
        return Progress(
            state=state,
            epoch=current,
            epochs=trial.epochs,
            batch=1 if trial.done else 0,
            batches=1,
            epoch_history=[dict(record) for record in trial.history],
            elapsed_s=trial.seconds,
            error=trial.error,
        )

    def stop(self) -> None:
        """Stops this trial at its next batch (its model so far is kept); the sweep's other trials go on."""
        self._stopping = True
        self._sweep.stop_trial(self.index)
