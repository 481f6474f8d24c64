"""Loss and accuracy curves from a job's progress, shaped for plotting.

Per-batch values are noisy, so they are smoothed with an exponential moving average (as
TensorBoard does); per-epoch training and validation values are plotted at each epoch's end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from core.i18n import N_
from core.training.progress import Progress

# Legend names: short, so a chart half a 1024-pixel screen wide shows them whole (translated where drawn).
TRAIN_BATCH = N_("train (batches, smoothed)")
TRAIN_EPOCH = N_("train (epochs)")
VALIDATION_EPOCH = N_("validation (epochs)")
MAX_POINTS = 1000


def smooth(values: Sequence[float], weight: float = 0.8) -> list[float]:
    """Exponential moving average with start-up bias correction.

    Args:
        values: The raw series.
        weight: How much of the previous average to keep, 0 (no smoothing) to below 1.

    Returns:
        The smoothed series, as long as the input.

    Raises:
        ValueError: If ``weight`` is outside [0, 1).
    """
    if not 0 <= weight < 1:
        raise ValueError("The smoothing weight must be at least 0 and below 1.")
    smoothed, average = [], 0.0
    for step, value in enumerate(values, start=1):
        average = weight * average + (1 - weight) * value
        smoothed.append(average / (1 - weight**step))  # early points are not dragged toward 0
    return smoothed


def curve_frame(progress: Progress, metric: str, weight: float = 0.8) -> pd.DataFrame:
    """Long-format points of one metric: columns ``epoch``, ``value``, ``series``.

    Args:
        progress: A job snapshot.
        metric: ``loss`` or ``accuracy``.
        weight: Smoothing of the per-batch series.

    Returns:
        Per-batch points at fractional epochs, per-epoch points at whole epochs.

    Raises:
        ValueError: For a metric other than loss or accuracy.
    """
    if metric not in ("loss", "accuracy"):
        raise ValueError("Plot either 'loss' or 'accuracy'.")
    per_batch = progress.batch_loss if metric == "loss" else progress.batch_accuracy
    batches = max(progress.batches, 1)
    # Hundreds of thousands of batches would swamp the browser: plot at most MAX_POINTS of the
    # smoothed curve (evenly spaced, always ending at the latest batch).
    smoothed = smooth(per_batch, weight)
    keep = range(len(smoothed) - 1, -1, -max(1, -(-len(smoothed) // MAX_POINTS)))
    rows = [((step + 1) / batches, smoothed[step], TRAIN_BATCH) for step in reversed(keep)]
    epochs = epoch_frame(progress.epoch_history, {metric: TRAIN_EPOCH, f"val_{metric}": VALIDATION_EPOCH})
    batch_points = pd.DataFrame(rows, columns=["epoch", "value", "series"])
    return pd.concat([batch_points, epochs], ignore_index=True).dropna()


def epoch_frame(history: Sequence[Mapping[str, float]], series: Mapping[str, str]) -> pd.DataFrame:
    """Per-epoch points of a run's history, in long format for a chart: columns ``epoch``, ``value``, ``series``.

    Args:
        history: One dict of metrics per epoch (``loss``, ``val_accuracy`` ...).
        series: Which metrics to take, each with the name its line gets, e.g.
            ``{"loss": "train", "val_loss": "validation"}``.

    Returns:
        One row per epoch and metric present in that epoch, epochs counted from 1.

    """
    rows = [
        (float(epoch), float(record[key]), name)
        for epoch, record in enumerate(history, start=1)
        for key, name in series.items()
        if key in record
    ]
    return pd.DataFrame(rows, columns=["epoch", "value", "series"])
