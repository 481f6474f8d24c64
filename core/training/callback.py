"""The Keras callback behind live progress, Stop and divergence detection."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

import keras

from core.training.progress import DIVERGED_LOSS, DIVERGED_MESSAGE, Progress
from core.training.run_state import RunState


def _describe(loss: float) -> str:
    if math.isnan(loss):
        return "NaN (not a number)"
    if math.isinf(loss):
        return "infinite"
    return f"{loss:.3g}, far above what a working model reaches"


class ProgressCallback(keras.callbacks.Callback):
    """Records per-batch and per-epoch metrics, honours stop requests and catches divergence.

    Args:
        progress: The shared record to update.
        lock: Guards ``progress``; readers take it too.
        stop_event: Set by another thread to end training at the next batch boundary.
        batch_size: Images per batch (the last batch of an epoch may hold fewer).
        batches: Batches per epoch.
        abandoned: Says whether the run has been left (its tab closed); then training stops.
        samples: Training images per epoch (default: ``batch_size × batches``), for the last batch's size.

    """

    def __init__(
        self,
        progress: Progress,
        lock: threading.Lock,
        stop_event: threading.Event,
        batch_size: int,
        batches: int,
        abandoned: Callable[[], bool] | None = None,
        samples: int | None = None,
    ) -> None:
        super().__init__()
        self._samples = samples or batch_size * batches
        self._abandoned = abandoned
        self._progress = progress
        self._lock = lock
        self._stop_event = stop_event
        self._batch_size = batch_size
        self._batches = batches
        self._start = 0.0
        self._seen_batches = 0
        self._first_batch_end: float | None = None  # the first batch includes tracing: time from its end
        self._previous_means = (0.0, 0.0)

    def on_train_begin(self, logs: dict | None = None) -> None:
        self._start = time.perf_counter()
        with self._lock:
            self._progress.batches = self._batches
            if self._progress.state in (RunState.QUEUED, RunState.LOADING):
                self._progress.state = RunState.RUNNING

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self._previous_means = (0.0, 0.0)
        with self._lock:
            self._progress.epoch = epoch + 1
            self._progress.batch = 0

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        logs = logs or {}
        mean_loss, mean_accuracy = float(logs.get("loss", math.nan)), float(logs.get("accuracy", math.nan))
        # Keras reports the running mean over the epoch, weighted by batch size; undo it to get this
        # batch's own value (the last batch of an epoch may be smaller than the others).
        done = batch + 1
        before = batch * self._batch_size
        size = max(1, min(self._batch_size, self._samples - before))
        loss = ((before + size) * mean_loss - before * self._previous_means[0]) / size
        accuracy = ((before + size) * mean_accuracy - before * self._previous_means[1]) / size
        self._previous_means = (mean_loss, mean_accuracy)
        self._seen_batches += 1
        diverged = not math.isfinite(mean_loss) or mean_loss > DIVERGED_LOSS
        now = time.perf_counter()
        elapsed = now - self._start
        remaining = self._progress.epochs * self._batches - self._seen_batches
        if self._first_batch_end is None:
            self._first_batch_end = now
        timed = self._seen_batches - 1  # batches timed after the first, which also builds the graph
        with self._lock:
            progress = self._progress
            progress.batch = done
            progress.batch_loss.append(loss)
            progress.batch_accuracy.append(min(1.0, max(0.0, accuracy)))
            progress.elapsed_s = elapsed
            steady = now - self._first_batch_end
            progress.samples_per_s = timed * self._batch_size / steady if timed and steady > 0 else 0.0
            # Until a few batches are timed the estimate is noise: the page says "estimating…".
            progress.eta_s = max(0.0, remaining) * steady / timed if timed >= 3 and steady > 0 else None
            if diverged:
                progress.state = RunState.FAILED
                progress.error = DIVERGED_MESSAGE.format(value=_describe(mean_loss))
        if self._abandoned is not None and not self._stop_event.is_set() and self._abandoned():
            self._stop_event.set()
        if diverged or self._stop_event.is_set():
            self.model.stop_training = True

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        record = {
            key: float(value) for key, value in (logs or {}).items() if key in ("loss", "accuracy", "val_loss", "val_accuracy")
        }
        with self._lock:
            if self._progress.state != RunState.FAILED and math.isfinite(record.get("loss", 0.0)):
                self._progress.epoch_history.append(record)
