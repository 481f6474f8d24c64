"""The default engine: spawned worker processes on this machine, nothing to install or start.

``SIGMOID_LAB_TRAINING_SLOTS`` workers train (one run each at a time; more runs wait in the
queue), one more keeps models warm and answers drawings, evaluations and looks inside. Workers
are reused, so TensorFlow is imported once per worker, and retired after
``SIGMOID_LAB_WORKER_RECYCLE`` runs so their memory cannot grow without bound. A worker that dies
fails its task with a sentence and a new one takes its place on the next task.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from core.engine.engine import Engine
from core.engine.jobs import JobBook
from core.engine.pool import Worker
from core.training.job_queue import TrainingQueue, configured_slots
from core.training.train_config import TrainConfig

if TYPE_CHECKING:
    from core.data.datasets import Dataset

RECYCLE_ENV = "SIGMOID_LAB_WORKER_RECYCLE"
SERVING_THREADS = 2  # a drawing's answer need not wait behind a whole evaluation


def _recycle_after() -> int:
    text = os.environ.get(RECYCLE_ENV, "").strip()
    return int(text) if text.isdigit() and int(text) > 0 else 20


class LocalEngine(Engine):
    """Training and serving workers on this machine.

    Args:
        slots: Runs that train at once (default ``SIGMOID_LAB_TRAINING_SLOTS`` or the CPU count).
        warm: Start the workers (and their TensorFlow import) now rather than on first use.

    """

    def __init__(self, slots: int | None = None, warm: bool = True) -> None:
        self.queue = TrainingQueue(slots or configured_slots())
        self.book = JobBook()
        self.recycle_after = _recycle_after()
        self._lock = threading.Lock()
        self._slot_freed = threading.Condition(self._lock)
        self._trainers: list[Worker | None] = [None] * self.queue.slots
        self._busy: set[int] = set()
        self._server: Worker | None = None
        self._generation = 0
        if warm:
            threading.Thread(target=self._warm, name="engine-warm", daemon=True).start()

    def _warm(self) -> None:
        self.call("warm")
        with self._lock:
            for slot in range(len(self._trainers)):
                self._trainers[slot] = self._trainers[slot] or self._spawn("trainer")
                self._trainers[slot].submit("warm")  # type: ignore[union-attr]

    def _spawn(self, kind: str, threads: int = 1) -> Worker:
        self._generation += 1
        return Worker(f"sigmoid-lab-{kind}-{self._generation}", threads)

    def _serving_worker(self) -> Worker:
        with self._lock:
            if self._server is None or not self._server.alive:
                self._server = self._spawn("server", SERVING_THREADS)
            return self._server

    def call(self, task: str, *args: Any, timeout: float | None = None, **kwargs: Any) -> Any:
        """Runs one task on the serving worker and returns its value (or raises its error)."""
        return self._serving_worker().submit(task, *args, **kwargs).result(timeout)

    def _launch(
        self, config: TrainConfig, dataset: Dataset | None, on_progress: Callable[[Any], None]
    ) -> tuple[Future, Callable[[], None]]:
        with self._lock:
            # The queue lets a run through once a slot is released; the worker's own bookkeeping
            # (below, in _finished) may lag a moment behind it.
            self._slot_freed.wait_for(lambda: len(self._busy) < len(self._trainers))
            slot = next(i for i in range(len(self._trainers)) if i not in self._busy)
            worker = self._trainers[slot]
            if worker is None or not worker.alive:
                worker = self._trainers[slot] = self._spawn("trainer")
            self._busy.add(slot)
        future = worker.submit("train", config, dataset, on_progress=on_progress)
        future.add_done_callback(lambda _: self._finished(slot, worker))
        return future, lambda: worker.stop(future.task_id)  # type: ignore[attr-defined]

    def _finished(self, slot: int, worker: Worker) -> None:
        retire = worker.tasks_done >= self.recycle_after
        with self._lock:
            if retire and self._trainers[slot] is worker:
                self._trainers[slot] = None  # the next run starts a fresh worker
            self._busy.discard(slot)
            self._slot_freed.notify_all()
        if retire:
            threading.Thread(target=worker.close, name="engine-retire", daemon=True).start()

    def workers(self) -> list[Worker]:
        """The live worker processes (for benchmarks and tests)."""
        with self._lock:
            return [w for w in [self._server, *self._trainers] if w is not None and w.alive]

    def shutdown(self) -> None:
        """Stops every worker."""
        with self._lock:
            workers = [w for w in [self._server, *self._trainers] if w is not None]
            self._server, self._trainers = None, [None] * len(self._trainers)
        for worker in workers:
            worker.close()
