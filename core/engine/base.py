"""What every engine offers, and the plain data that travels between the server and workers."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from core.storage.version import model_version
from core.training.train_config import TrainConfig


class WorkerCrashedError(RuntimeError):
    """A worker process died (out of memory, killed) while doing this job; a new one replaces it."""


@dataclass
class TaskContext:
    """What a task running in a worker may use: a way to report progress and a flag that says stop."""

    emit: Callable[[Any], None] = lambda payload: None
    stop: threading.Event = field(default_factory=threading.Event)


@dataclass(frozen=True)
class ModelRef:
    """A model file as a worker should load it: the path and its version (so a re-save reloads)."""

    path: str
    version: int

    @classmethod
    def of(cls, path: str | Path) -> ModelRef:
        """The reference of the file as it is now.

        Raises:
            FileNotFoundError: If the file is gone.

        """
        return cls(str(Path(path).resolve()), model_version(path))


@dataclass
class Examples:
    """A few test images with the trained model's answers, for the results panel."""

    images: np.ndarray
    true_labels: list[str]
    predicted: list[str]
    confidences: list[float]


@dataclass
class RunResult:
    """What a finished or stopped run sends back: data and the model file, never a Keras object.

    Attributes:
        config: The run's settings.
        history: One record per finished epoch.
        test_loss, test_accuracy: On the run's own test split.
        test_count: How many test images that was.
        test_source: Which test set, in words (e.g. "200 held-out digits of the offline sample").
        seconds: Training time.
        metadata: Everything :mod:`core.storage` saves beside the model.
        model_bytes: The trained model as a ``.keras`` file.
        examples: A few test images with answers.

    """

    config: TrainConfig
    history: list[dict[str, float]]
    test_loss: float
    test_accuracy: float
    test_count: int
    test_source: str
    seconds: float
    metadata: dict[str, Any]
    model_bytes: bytes = field(repr=False)
    examples: Examples | None = None
