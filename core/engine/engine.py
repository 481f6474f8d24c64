"""The one interface every engine offers; the views never know which engine runs."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from core.engine.jobs import JobBook, JobHandle
from core.training.job_queue import TrainingQueue
from core.training.observer import RunObserver
from core.training.train_config import TrainConfig

if TYPE_CHECKING:
    from core.data.datasets import Dataset


class Engine(ABC):
    """Training runs queued here and trained by workers; serving tasks answered by workers.

    Subclasses set :attr:`queue` and :attr:`book` and say how a run is launched and a task called.
    """

    queue: TrainingQueue
    book: JobBook

    def start_training(
        self,
        config: TrainConfig,
        dataset: Dataset | None = None,
        watched: Callable[[], bool] | None = None,
        owner: str | None = None,
        observers: Sequence[RunObserver] = (),
    ) -> JobHandle:
        """Queues a training run and returns its handle at once.

        Args:
            config: What to train.
            dataset: The data, if the caller has it (else the worker loads it from ``config``).
            watched: Says whether the run's tab is still open (see :class:`~core.engine.jobs.JobHandle`).
            owner: Who started it.
            observers: Follow the run to its end (e.g. ``core.classroom.recorders.RunRecorder``).

        Raises:
            ValueError: If the config is invalid.

        """
        job = JobHandle(config, dataset, self.queue, self._launch, watched, owner=owner, observers=observers)
        return self.book.add(job.start())

    @abstractmethod
    def _launch(
        self, config: TrainConfig, dataset: Dataset | None, on_progress: Callable[[Any], None]
    ) -> tuple[Future, Callable[[], None]]:
        """Starts a run that holds a queue slot: its future result and a function that stops it."""

    @abstractmethod
    def call(self, task: str, *args: Any, timeout: float | None = None, **kwargs: Any) -> Any:
        """Runs one task of :data:`core.engine.servant.TASKS` on a serving worker and returns its value."""

    @abstractmethod
    def shutdown(self) -> None:
        """Stops every worker this engine started."""
