"""The body of a worker process: receive tasks over a pipe, run them, send back progress and results.

Messages from the server: ``("task", id, name, args, kwargs, language)`` (the asking session's language: the
task's sentences are in it), ``("stop", id)``, ``("exit",)``.
Messages to the server: ``("progress", id, payload)``, ``("done", id, value)``,
``("error", id, exception)``. A reader thread takes messages as they come, so a Stop reaches a
task that is busy training; tasks run on a small thread pool (TensorFlow releases the GIL while it
computes, so an evaluation does not hold up a drawing's answer); a drawing's answer runs on the
reader thread itself, which saves a hand-off between threads.

Each worker runs under a memory cap (:func:`limit_memory`, ``SIGMOID_LAB_WORKER_MEMORY_MB``, default
8 GB of data memory): a task that would need more fails with a sentence instead of taking the
machine's memory from every other student. Model files are checked before they are built
(:mod:`core.storage.model_check`), so the cap is the last line, not the first.
"""

from __future__ import annotations

import logging
import os
import pickle
import threading
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from typing import Any

from core import i18n
from core.i18n import _

logger = logging.getLogger(__name__)
MEMORY_ENV = "SIGMOID_LAB_WORKER_MEMORY_MB"
DEFAULT_MEMORY_MB = 8192  # a warm serving worker uses about 1.7 GB of data memory


def limit_memory() -> int | None:
    """Caps this process's data memory (``RLIMIT_DATA``) at ``SIGMOID_LAB_WORKER_MEMORY_MB`` (0: no cap).

    Data memory is what the heap and TensorFlow's buffers take; unlike the address space it does
    not count TensorFlow's large reserved-but-unused mappings, so a cap near real use is safe.

    Returns:
        The cap in bytes, or ``None`` when there is none (turned off, or no ``resource`` module).

    """
    try:
        import resource

        megabytes = int(os.environ.get(MEMORY_ENV) or DEFAULT_MEMORY_MB)
    except (ImportError, ValueError):
        return None
    if megabytes <= 0:
        return None
    _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    cap = megabytes << 20 if hard == resource.RLIM_INFINITY else min(megabytes << 20, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (cap, hard))
    return cap


def _out_of_memory(error: BaseException) -> bool:
    return isinstance(error, MemoryError) or type(error).__name__ == "ResourceExhaustedError"


def _sendable(error: BaseException) -> BaseException:
    """The exception itself if it survives pickling, else a RuntimeError with its sentence."""
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")


def serve(conn: Connection, threads: int = 1) -> None:
    """Runs until the server says exit or goes away (its end of the pipe closes).

    Args:
        conn: This worker's end of the pipe.
        threads: Tasks run at once (1 for training workers, a few for the serving worker).

    """
    cap = limit_memory()
    import core  # noqa: F401  (sets TensorFlow's thread and logging environment before it loads)
    from core.engine import servant
    from core.engine.base import TaskContext

    inline = {"outputs"}  # a drawing's answer (~0.5 ms): run it here rather than pay a thread hand-off
    send_lock = threading.Lock()
    stops: dict[int, threading.Event] = {}

    def send(message: tuple[Any, ...]) -> None:
        with send_lock:
            conn.send(message)

    def run(task_id: int, name: str, args: tuple[Any, ...], kwargs: dict[str, Any], language: str) -> None:
        i18n.use(language)  # this thread's texts (a pool thread serves many sessions, so set for every task)
        context = TaskContext(emit=lambda payload: send(("progress", task_id, payload)), stop=stops[task_id])
        try:
            send(("done", task_id, servant.TASKS[name](context, *args, **kwargs)))
        except Exception as error:  # every task ends with an answer, or the server would wait forever
            if _out_of_memory(error):
                limit = f" ({cap / 2**30:.0f} GB)" if cap else ""
                error = RuntimeError(
                    _("This needed more memory than a worker may use{limit}, so it was stopped.").format(limit=limit)
                )
            elif not isinstance(error, ValueError):
                logger.exception("task %s (%s) failed", task_id, name)
            send(("error", task_id, _sendable(error)))
        finally:
            stops.pop(task_id, None)

    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="task") as pool:
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):  # the server has gone: finish nothing, just leave
                break
            if message[0] == "task":
                task_id, name, args, kwargs, language = message[1:]
                stops[task_id] = threading.Event()
                if name in inline:
                    run(task_id, name, args, kwargs, language)
                else:
                    pool.submit(run, task_id, name, args, kwargs, language)
            elif message[0] == "stop" and message[1] in stops:
                stops[message[1]].set()
            elif message[0] == "exit":
                break
