"""The Ray actors behind :class:`core.engine.ray_engine.RayEngine`; they host the same tasks as local workers.

Importing this module needs Ray; only the Ray engine imports it.
"""

from __future__ import annotations

import threading
from typing import Any

import ray

from core.engine.base import TaskContext


@ray.remote(num_cpus=1, max_concurrency=2)
class TrainerActor:
    """One training run on one CPU; ``poll`` and ``stop`` are answered while ``run`` trains."""

    def __init__(self) -> None:
        import core  # noqa: F401  (TensorFlow's thread settings before it loads)
        from core.engine.worker_main import limit_memory

        limit_memory()  # the same cap as a local worker: one run cannot take a node's memory
        self._deltas: list[Any] = []
        self._lock = threading.Lock()
        self._context = TaskContext(emit=self._keep)

    def _keep(self, delta: Any) -> None:
        with self._lock:
            self._deltas.append(delta)

    def run(self, config: Any, dataset: Any) -> Any:
        """Trains ``config`` (see :func:`core.engine.training_task.train`)."""
        from core.engine.training_task import train

        return train(self._context, config, dataset)

    def poll(self) -> list[Any]:
        """The progress deltas recorded since the previous poll."""
        with self._lock:
            deltas, self._deltas = self._deltas, []
        return deltas

    def stop(self) -> None:
        """Ends the run at its next batch, keeping the model."""
        self._context.stop.set()


@ray.remote(num_cpus=0, max_concurrency=4)  # mostly idle between answers: it takes no training CPU
class ServerActor:
    """Keeps models warm and runs the serving tasks of :data:`core.engine.servant.TASKS`."""

    def __init__(self) -> None:
        import core  # noqa: F401
        from core.engine.worker_main import limit_memory

        limit_memory()  # uploads are checked and loaded here: the same cap as the local serving worker

    def call(self, task: str, args: tuple[Any, ...], kwargs: dict[str, Any], language: str = "en") -> Any:
        """Runs one task by name, its sentences in ``language`` (the asking session's)."""
        from core import i18n
        from core.engine import servant

        i18n.use(language)
        return servant.TASKS[task](TaskContext(), *args, **kwargs)
