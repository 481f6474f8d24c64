"""Live training progress: a Keras callback that keeps a thread-safe snapshot for the UI."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import keras

# Cross-entropy of clipped probabilities stays below about 16 per image; far beyond that the
# weights have blown up even if the numbers are still finite.
DIVERGED_LOSS = 100.0
DIVERGED_MESSAGE = (
    "Training diverged: the loss became {value}. The learning rate is probably too high; "
    "try one ten times smaller (e.g. 0.001 for Adam)."
)


@dataclass
class Progress:
    """What a training job has done so far; copied out whole for the UI to read.

    Attributes:
        state: ``queued``, ``loading``, ``running``, ``stopping``, ``finished``,
            ``stopped`` or ``failed``.
        epoch: The current epoch, counting from 1 (0 before training starts).
        epochs: Epochs asked for.
        batch: Batches done in the current epoch.
        batches: Batches per epoch.
        batch_loss, batch_accuracy: One value per training batch (of that batch alone).
        epoch_history: One dict per finished epoch: ``loss``, ``accuracy`` and, with a
            validation split, ``val_loss`` and ``val_accuracy``.
        elapsed_s: Seconds since training started.
        eta_s: Estimated seconds left (``None`` until the first batch).
        samples_per_s: Training throughput.
        error: Why the job failed, in plain words (empty otherwise).
        queue_position: Jobs ahead of this one while queued.

    """

    state: str = "queued"
    epoch: int = 0
    epochs: int = 0
    batch: int = 0
    batches: int = 0
    batch_loss: list[float] = field(default_factory=list)
    batch_accuracy: list[float] = field(default_factory=list)
    epoch_history: list[dict[str, float]] = field(default_factory=list)
    elapsed_s: float = 0.0
    eta_s: float | None = None
    samples_per_s: float = 0.0
    error: str = ""
    queue_position: int = 0

    @property
    def fraction_done(self) -> float:
        """Share of all batches done, 0 to 1."""
        total = self.epochs * self.batches
        if not total:
            return 0.0
        return min(1.0, ((max(self.epoch, 1) - 1) * self.batches + self.batch) / total)

    @property
    def done(self) -> bool:
        """True once the job can change no more."""
        return self.state in ("finished", "stopped", "failed")


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
        batch_size: For the samples-per-second figure.
        batches: Batches per epoch.

    """

    def __init__(
        self,
        progress: Progress,
        lock: threading.Lock,
        stop_event: threading.Event,
        batch_size: int,
        batches: int,
        abandoned: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__()
        self._abandoned = abandoned
        self._progress = progress
        self._lock = lock
        self._stop_event = stop_event
        self._batch_size = batch_size
        self._batches = batches
        self._start = 0.0
        self._seen_batches = 0
        self._previous_means = (0.0, 0.0)

    def on_train_begin(self, logs: dict | None = None) -> None:
        self._start = time.perf_counter()
        with self._lock:
            self._progress.batches = self._batches
            if self._progress.state in ("queued", "loading"):
                self._progress.state = "running"

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self._previous_means = (0.0, 0.0)
        with self._lock:
            self._progress.epoch = epoch + 1
            self._progress.batch = 0

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        logs = logs or {}
        mean_loss, mean_accuracy = float(logs.get("loss", math.nan)), float(logs.get("accuracy", math.nan))
        # Keras reports the running mean over the epoch; undo it to get this batch's own value.
        done = batch + 1
        loss = done * mean_loss - batch * self._previous_means[0]
        accuracy = done * mean_accuracy - batch * self._previous_means[1]
        self._previous_means = (mean_loss, mean_accuracy)
        self._seen_batches += 1
        diverged = not math.isfinite(mean_loss) or mean_loss > DIVERGED_LOSS
        elapsed = time.perf_counter() - self._start
        remaining = self._progress.epochs * self._batches - self._seen_batches
        with self._lock:
            progress = self._progress
            progress.batch = done
            progress.batch_loss.append(loss)
            progress.batch_accuracy.append(min(1.0, max(0.0, accuracy)))
            progress.elapsed_s = elapsed
            progress.samples_per_s = self._seen_batches * self._batch_size / max(elapsed, 1e-9)
            progress.eta_s = max(0.0, remaining) * elapsed / self._seen_batches
            if diverged:
                progress.state = "failed"
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
            if self._progress.state != "failed" and math.isfinite(record.get("loss", 0.0)):
                self._progress.epoch_history.append(record)
