"""A training run as the web server sees it: queued here, trained elsewhere, progress mirrored.

:class:`JobHandle` offers what the Train page needs (``snapshot``, ``stop``, ``wait``,
``settled``, ``result``) whichever engine trains. It is a
:class:`~core.training.progress_run.ProgressRun`: its thread waits for a slot in the queue, hands
the run to the engine's ``launch`` function, mirrors the progress the worker sends and, if the
browser tab that started it has gone for ``abandon_after_s``, stops it (keeping the model so far).
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from core.engine.base import RunResult, WorkerCrashedError
from core.engine.progress_sync import apply_delta
from core.training.job_queue import TrainingQueue
from core.training.observer import RunObserver
from core.training.progress import Progress
from core.training.progress_run import ProgressRun
from core.training.run_state import RunState
from core.training.train_config import TrainConfig

if TYPE_CHECKING:
    from core.data.datasets import Dataset

logger = logging.getLogger(__name__)
# launch(config, dataset, on_progress) -> (future of the RunResult, a function that asks the run to stop)
Launch = Callable[[TrainConfig, "Dataset | None", Callable[[Any], None]], tuple[Future, Callable[[], None]]]
RESULT_POLL_S = 1.0  # how often the handle looks up from the result to check that the tab is still open


class JobHandle(ProgressRun):
    """One training run, wherever it trains.

    Args:
        config: What to train (validated before anything is queued).
        dataset: The data, if the caller has it already; else the worker loads it from ``config``.
        queue: Caps how many runs train at once; a run waits here in state ``QUEUED``.
        launch: Starts the run on the engine.
        watched: Says whether anyone still follows the run; ``None`` means always.
        abandon_after_s: Once ``watched`` has said no this long, the run stops at its next batch.
        owner: Who started it (a person's id in class mode), so the teacher's console can find it.
        observers: Told of the run's progress and, once it has settled, of its end.

    Raises:
        ValueError: If the config is invalid.

    """

    thread_name = "job"
    expected_errors = (ValueError, WorkerCrashedError, ConnectionError)

    def __init__(
        self,
        config: TrainConfig,
        dataset: Dataset | None,
        queue: TrainingQueue,
        launch: Launch,
        watched: Callable[[], bool] | None = None,
        abandon_after_s: float = 60.0,
        owner: str | None = None,
        observers: Sequence[RunObserver] = (),
    ) -> None:
        config.validate()
        super().__init__(config.epochs, queue, watched, abandon_after_s, observers)
        self.owner = owner
        self.config, self.dataset = config, dataset
        self._launch = launch
        self._remote_stop: Callable[[], None] = lambda: None
        self._final_state: RunState | None = None
        self.result: RunResult | None = None

    def _on_stop(self) -> None:
        self._remote_stop()

    def _on_progress(self, payload: dict[str, Any]) -> None:
        with self._lock:
            before = self._progress.state
            stopping = self._stop.is_set() and payload.get("state") == RunState.RUNNING
            apply_delta(self._progress, payload)
            if stopping:
                self._progress.state = RunState.STOPPING  # the worker has not seen the Stop yet
            if self._progress.done:
                # The worker says its training ended, but the run is done for the page only once
                # the result (test scores, the model) has arrived: until then it keeps its state.
                self._final_state, self._progress.state = self._progress.state, before

    def _work(self) -> RunState:
        future, self._remote_stop = self._launch(self.config, self.dataset, self._on_progress)
        if self._stop.is_set():
            self._remote_stop()
        while True:
            try:
                self.result = future.result(timeout=RESULT_POLL_S)
                break
            except FutureTimeout:
                self._check_watched()
        return self._final_state or (RunState.STOPPED if self.result is None else RunState.FINISHED)


class LiveRun(Protocol):
    """What the book holds of a run: a :class:`JobHandle`, or a live handle such as a Ray Tune trial's.

    Attributes:
        id: Unique among the book's runs and growing with time (:func:`next_run_id` for a run that is no job).
        owner: Who started it (a person's id in class mode).

    """

    id: int
    owner: str | None

    def snapshot(self) -> Progress:
        """A copy of the run's progress."""
        ...

    def stop(self) -> None:
        """Asks the run to end at its next chance (what it has is kept)."""
        ...


RunT = TypeVar("RunT", bound=LiveRun)


def next_run_id() -> int:
    """A new id from the jobs' own count, so a run that is no :class:`JobHandle` sorts among them by age."""
    return next(JobHandle._ids)


class JobBook:
    """The runs an engine has started and that someone still holds, by owner (for the teacher's console).

    Besides the engine's own jobs it holds any :class:`LiveRun` added to it, e.g. the trials of a
    sweep on Ray Tune (:class:`core.sweeps.live_trial.LiveTrial`), so the console sees and stops them too.
    """

    def __init__(self) -> None:
        self._jobs: weakref.WeakValueDictionary[int, LiveRun] = weakref.WeakValueDictionary()
        self._lock = threading.Lock()

    def add(self, job: RunT) -> RunT:
        """Records a run; it leaves the book when whoever holds it (its session, its sweep) forgets it."""
        with self._lock:
            self._jobs[job.id] = job
        return job

    def jobs(self, owner: str | None = None) -> list[LiveRun]:
        """The recorded runs, oldest first; only ``owner``'s when given."""
        with self._lock:
            found = sorted(self._jobs.values(), key=lambda job: job.id)
        return [job for job in found if owner is None or job.owner == owner]
