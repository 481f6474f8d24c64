"""The server's side of one worker process: send tasks, route progress, notice a crash.

A worker is a spawned process (a fresh interpreter: nothing of the web server's state, no fork
of its threads) that imports TensorFlow once and then runs task after task. A reader thread here
turns its messages into finished futures and progress callbacks. If the process dies, every task
it held fails with :class:`~core.engine.base.WorkerCrashedError` and the owner replaces it.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from core import i18n
from core.engine import worker_main
from core.engine.base import WorkerCrashedError

logger = logging.getLogger(__name__)
_task_ids = itertools.count(1)
CRASH_MESSAGE = (
    "The worker process doing this job stopped unexpectedly (it may have run out of memory). "
    "A new worker has taken its place: try again, perhaps with a smaller model."
)


class Worker:
    """One worker process and the thread that listens to it.

    Args:
        name: For logs and the process title.
        threads: Tasks the worker runs at once.

    """

    def __init__(self, name: str, threads: int = 1) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self.process = context.Process(target=worker_main.serve, args=(child, threads), name=name, daemon=True)
        self.process.start()
        child.close()
        self.name = name
        self.tasks_done = 0
        self._pending: dict[int, tuple[Future, Callable[[Any], None] | None]] = {}
        self._lock = threading.Lock()
        self._alive = True
        self._reader = threading.Thread(target=self._read, name=f"{name}-reader", daemon=True)
        self._reader.start()

    @property
    def alive(self) -> bool:
        """False once the process has ended or its pipe broke."""
        return self._alive and self.process.is_alive()

    @property
    def busy(self) -> int:
        """Tasks sent and not yet answered."""
        with self._lock:
            return len(self._pending)

    def submit(self, task: str, *args: Any, on_progress: Callable[[Any], None] | None = None, **kwargs: Any) -> Future:
        """Sends one task; the future holds its value or its exception.

        Returns:
            A future with ``task_id`` set as an attribute (for :meth:`stop`).

        """
        future: Future = Future()
        future.task_id = task_id = next(_task_ids)  # type: ignore[attr-defined]
        with self._lock:
            if not self._alive:
                future.set_exception(WorkerCrashedError(CRASH_MESSAGE))
                return future
            self._pending[task_id] = (future, on_progress)
            try:
                # The caller's language goes along: a sentence the worker raises is in the student's words.
                self._conn.send(("task", task_id, task, args, kwargs, i18n.current()))
            except (OSError, ValueError) as error:  # broken pipe, or arguments that cannot be pickled
                del self._pending[task_id]
                future.set_exception(error if isinstance(error, ValueError) else WorkerCrashedError(CRASH_MESSAGE))
        return future

    def stop(self, task_id: int) -> None:
        """Asks a running task to stop (training ends at its next batch)."""
        with self._lock:
            if self._alive and task_id in self._pending:
                with contextlib.suppress(OSError):  # a broken pipe: the reader thread fails the task
                    self._conn.send(("stop", task_id))

    def close(self, timeout: float = 10.0) -> None:
        """Asks the worker to leave after its current tasks, and ends it if it does not."""
        with self._lock:
            if self._alive:
                with contextlib.suppress(OSError):
                    self._conn.send(("exit",))
        self.process.join(timeout)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout)

    def _read(self) -> None:
        while True:
            try:
                kind, task_id, value = self._conn.recv()
            except (EOFError, OSError):
                break
            except Exception:  # a reply that cannot be unpickled here: fail that task, keep listening
                logger.exception("%s sent a message that could not be read", self.name)
                continue
            with self._lock:
                entry = self._pending.get(task_id) if kind == "progress" else self._pending.pop(task_id, None)
                if kind != "progress" and entry is not None:
                    self.tasks_done += 1
            if entry is None:
                continue
            future, on_progress = entry
            if kind == "progress":
                try:
                    if on_progress is not None:
                        on_progress(value)
                except Exception:  # a failing listener must not silence the worker
                    logger.exception("progress listener of task %s failed", task_id)
            elif kind == "done":
                future.set_result(value)
            else:
                future.set_exception(value)
        with self._lock:
            self._alive = False
            pending, self._pending = self._pending, {}
        if pending:
            logger.error("%s ended with %d task(s) unfinished (exit code %s)", self.name, len(pending), self.process.exitcode)
        for future, _ in pending.values():
            future.set_exception(WorkerCrashedError(CRASH_MESSAGE))
