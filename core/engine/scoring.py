"""Scoring a saved model on labelled digits through the engine, for whoever keeps the scores.

The challenge's leaderboard (:mod:`core.classroom.leaderboard`) keeps records only: which entry
was measured on what, and its accuracies. It is handed :func:`accuracy_on` as its ``measure``
by the page, so the class database module never runs a model; the model runs in the engine's
serving worker, as every other answer does.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from core.engine.model_handle import ModelHandle


def accuracy_on(path: Path, images: np.ndarray, digits: np.ndarray) -> tuple[float, int]:
    """A model's accuracy on the digits of its task among ``images``, measured by the engine's worker.

    Args:
        path: The model's ``.keras`` file.
        images: N×28×28 uint8 digits.
        digits: Their digit labels (0–9); those outside the model's task are left out.

    Returns:
        ``(accuracy, images of the task counted)``.

    Raises:
        core.storage.registry.ModelFileError: If the file is missing, corrupt or unsafe.
        core.engine.base.WorkerCrashedError: If the worker died while measuring.

    """
    evaluation = ModelHandle(path).evaluate(images, digits)
    return float(np.mean(evaluation.predicted() == evaluation.labels)), len(evaluation)
