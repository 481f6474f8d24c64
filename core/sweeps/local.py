"""A sweep on the engine's training jobs (local worker processes, or the Ray engine's actors).

Trials go to :meth:`core.engine.engine.Engine.start_training` as ordinary jobs, at most
``parallel`` at a time (the engine's training slots), so one student's sweep never fills the
whole queue ahead of the class. Each poll mirrors every running job's progress into its trial;
with early stopping, each new epoch goes through :class:`~core.sweeps.asha.SuccessiveHalving` and a
trial it rejects is stopped with ``job.stop()`` (its model so far is kept).
"""

from __future__ import annotations

import math
import platform
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from core.engine.engine import Engine
from core.engine.jobs import JobHandle
from core.sweeps.asha import SuccessiveHalving
from core.sweeps.spec import SweepSpec
from core.sweeps.sweep import Sweep
from core.training import settings as train_settings
from core.training.observer import RunObserver
from core.training.run_state import RunState

POLL_S = 0.1
_ENDINGS = (RunState.FINISHED, RunState.FAILED)  # a job's end a trial keeps; any other is a stop (by Stop or the rule)


class LocalSweep(Sweep):
    """A sweep whose trials are the engine's own training jobs.

    Args:
        spec: The plan.
        base: The Train page's settings the trials start from.
        engine: Trains the trials (default: :func:`core.engine.get_engine`).
        parallel: Trials at once (default: the engine's training slots).
        watched: Says whether anyone still follows the sweep (the sweep and each job stop once nobody does).
        owner: Whose trials they are (each job's ``owner``).
        observers: Told of the sweep's progress and of its end.

    Raises:
        ValueError: With a sentence if the plan cannot run.

    """

    engine = "local"

    def __init__(
        self,
        spec: SweepSpec,
        base: Mapping[str, Any],
        engine: Engine | None = None,
        parallel: int | None = None,
        watched: Callable[[], bool] | None = None,
        owner: str | None = None,
        observers: Sequence[RunObserver] = (),
    ) -> None:
        super().__init__(spec, base, watched, observers=observers)
        if engine is None:
            from core.engine import get_engine

            engine = get_engine()
        self._engine = engine
        queue = getattr(engine, "queue", None)
        slots = queue.slots if queue is not None else 1
        self.parallel = max(1, min(parallel, slots) if parallel else slots)
        self._watched, self._owner = watched, owner
        self._rule = SuccessiveHalving(spec.epochs, spec.grace_epochs, spec.reduction) if spec.early_stopping else None
        self._pruned: dict[int, str] = {}

    def _execute(self) -> None:
        pending = deque(range(len(self.trials)))
        running: dict[int, JobHandle] = {}
        told_to_stop: set[int] = set()
        while pending or running:
            while pending and len(running) < self.parallel and not self.stopping:
                index = pending.popleft()
                try:
                    config = train_settings.to_config(self.trials[index].settings)
                    running[index] = self._engine.start_training(config, watched=self._watched, owner=self._owner)
                except ValueError as error:
                    self._update(index, state=RunState.FAILED, error=str(error))
            if self.stopping:
                pending.clear()
                for index in running.keys() - told_to_stop:
                    running[index].stop()
                    told_to_stop.add(index)
            time.sleep(POLL_S)
            self._check_watched()
            for index, job in list(running.items()):
                if self._follow(index, job):
                    del running[index]

    def _follow(self, index: int, job: JobHandle) -> bool:
        """Mirrors one job into its trial, applies the stopping rule; True once the job has ended."""
        progress = job.snapshot()
        history = progress.epoch_history
        seen = len(self.trials[index].history)  # only this thread writes trials
        state = RunState.QUEUED if progress.state == RunState.QUEUED else RunState.RUNNING
        self._update(index, state=state, epoch=len(history), history=history)
        if self._rule is not None and index not in self._pruned:
            for epoch in range(seen + 1, len(history) + 1):
                decision = self._rule.on_result(index, epoch, history[epoch - 1].get("val_accuracy", math.nan))
                if not decision.keep:
                    self._pruned[index] = decision.reason
                    job.stop()
                    break
        if not progress.done:
            return False
        stopped = RunState.PRUNED if index in self._pruned else RunState.STOPPED
        state = progress.state if progress.state in _ENDINGS else stopped
        changes: dict[str, Any] = {
            "state": state,
            "error": self._pruned.get(index, "") if state == RunState.PRUNED else progress.error,
            "seconds": progress.elapsed_s,
            "node": platform.node(),
        }
        result = job.result
        if result is not None:
            changes |= {
                "test_accuracy": result.test_accuracy,
                "model_bytes": result.model_bytes,
                "metadata": result.metadata,
                "seconds": result.seconds,
            }
        self._update(index, **changes)
        return True
