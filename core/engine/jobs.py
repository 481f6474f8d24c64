"""A training run as the web server sees it: queued here, trained elsewhere, progress mirrored.

:class:`JobHandle` offers what the Train page needs (``snapshot``, ``stop``, ``wait``,
``result``) whichever engine trains. Its thread waits for a slot in the queue, hands the run to
the engine's ``launch`` function, mirrors the progress the worker sends and, if the browser tab
that started it has gone for ``abandon_after_s``, stops it (keeping the model so far).
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
import weakref
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TYPE_CHECKING, Any

from core.engine.base import RunResult, WorkerCrashedError
from core.engine.progress_sync import apply_delta, copy_progress
from core.training.job_queue import TrainingQueue
from core.training.progress import Progress
from core.training.train_config import TrainConfig

if TYPE_CHECKING:
    from core.data.datasets import Dataset

logger = logging.getLogger(__name__)
_job_ids = itertools.count(1)
# launch(config, dataset, on_progress) -> (future of the RunResult, a function that asks the run to stop)
Launch = Callable[[TrainConfig, "Dataset | None", Callable[[Any], None]], tuple[Future, Callable[[], None]]]


class JobHandle:
    """One training run, wherever it trains.

    Args:
        config: What to train (validated before anything is queued).
        dataset: The data, if the caller has it already; else the worker loads it from ``config``.
        queue: Caps how many runs train at once; a run waits here in state ``queued``.
        launch: Starts the run on the engine.
        watched: Says whether anyone still follows the run; ``None`` means always.
        abandon_after_s: Once ``watched`` has said no this long, the run stops at its next batch.
        owner: Who started it (a person's id in class mode), so the teacher's console can find it.

    Raises:
        ValueError: If the config is invalid.

    """

    def __init__(
        self,
        config: TrainConfig,
        dataset: Dataset | None,
        queue: TrainingQueue,
        launch: Launch,
        watched: Callable[[], bool] | None = None,
        abandon_after_s: float = 60.0,
        owner: str | None = None,
    ) -> None:
        config.validate()
        self.id = next(_job_ids)
        self.owner = owner
        self.config, self.dataset = config, dataset
        self._queue, self._launch = queue, launch
        self._watched, self._abandon_after_s, self._unwatched_since = watched, abandon_after_s, None
        self._progress = Progress(epochs=config.epochs)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._remote_stop: Callable[[], None] = lambda: None
        self._final_state: str | None = None
        self._thread = threading.Thread(target=self._run, name=f"job-{self.id}", daemon=True)
        self.result: RunResult | None = None

    def start(self) -> JobHandle:
        """Starts waiting for a slot; returns the handle for chaining."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Ends the run at its next batch (or leaves the queue); the model so far is kept."""
        self._stop.set()
        with self._lock:
            if not self._progress.done:
                self._progress.state = "stopping"
        self._remote_stop()

    def snapshot(self) -> Progress:
        """A copy of the progress, safe to read from any thread."""
        with self._lock:
            return copy_progress(self._progress)

    @property
    def settled(self) -> bool:
        """True once the run has ended and its results are in.

        The worker reports "finished" before it has measured the test images and sent the model, so a
        run that trained is settled only when its result has arrived (a failed run, or one stopped
        before its first batch, has none to wait for).
        """
        progress = self.snapshot()
        return progress.done and (self.result is not None or progress.state == "failed" or not progress.batch_loss)

    def wait(self, timeout: float | None = None) -> Progress:
        """Blocks until the run ends (or ``timeout`` seconds pass) and returns its progress."""
        self._thread.join(timeout)
        return self.snapshot()

    def _set(self, **changes: Any) -> None:
        with self._lock:
            for key, value in changes.items():
                setattr(self._progress, key, value)

    def _on_progress(self, payload: dict[str, Any]) -> None:
        with self._lock:
            before = self._progress.state
            stopping = self._stop.is_set() and payload.get("state") == "running"
            apply_delta(self._progress, payload)
            if stopping:
                self._progress.state = "stopping"  # the worker has not seen the Stop yet
            if self._progress.done:
                # The worker says its training ended, but the run is done for the page only once
                # the result (test scores, the model) has arrived: until then it keeps its state.
                self._final_state, self._progress.state = self._progress.state, before

    def _check_watched(self) -> None:
        if self._watched is None or self._stop.is_set():
            return
        if self._watched():
            self._unwatched_since = None
            return
        self._unwatched_since = self._unwatched_since or time.monotonic()
        if time.monotonic() - self._unwatched_since >= self._abandon_after_s:
            self.stop()
            self._set(error=f"Nobody watched this run for {self._abandon_after_s:.0f} s (was the page closed?), so it was stopped.")

    def _waiting(self, ahead: int) -> None:
        self._set(queue_position=ahead, paused=self._queue.is_paused())
        self._check_watched()

    def _run(self) -> None:
        try:
            if not self._queue.acquire(self.id, self._stop, self._waiting):
                with self._lock:
                    self._progress.error = self._progress.error or "Cancelled while waiting in the queue."
                    self._progress.state = "stopped"
                return
            self._set(state="loading", queue_position=0, paused=False)
            future, self._remote_stop = self._launch(self.config, self.dataset, self._on_progress)
            if self._stop.is_set():
                self._remote_stop()
            while True:
                try:
                    self.result = future.result(timeout=1.0)
                    break
                except FutureTimeout:
                    self._check_watched()
            self._set(state=self._final_state or ("stopped" if self.result is None else "finished"))
        except (ValueError, WorkerCrashedError, ConnectionError) as error:
            self._set(state="failed", error=str(error))
        except Exception as error:  # the run must end in a state the page can show
            logger.exception("training job %s crashed", self.id)
            self._set(state="failed", error=f"Training stopped unexpectedly: {type(error).__name__}: {error}")
        finally:
            self._queue.release(self.id)


class JobBook:
    """The runs an engine has started and that someone still holds, by owner (for the teacher's console)."""

    def __init__(self) -> None:
        self._jobs: weakref.WeakValueDictionary[int, JobHandle] = weakref.WeakValueDictionary()
        self._lock = threading.Lock()

    def add(self, job: JobHandle) -> JobHandle:
        """Records a run; it leaves the book when its session forgets it."""
        with self._lock:
            self._jobs[job.id] = job
        return job

    def jobs(self, owner: str | None = None) -> list[JobHandle]:
        """The recorded runs, oldest first; only ``owner``'s when given."""
        with self._lock:
            found = sorted(self._jobs.values(), key=lambda job: job.id)
        return [job for job in found if owner is None or job.owner == owner]
