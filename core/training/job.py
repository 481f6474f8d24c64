"""Training in a background thread, so a web page can poll it while the user clicks around.

:class:`TrainingJob` runs ``model.fit`` in a daemon thread and offers a thread-safe
:class:`~core.training.progress.Progress` snapshot. ``stop()`` ends training at the next batch and
keeps the model; a loss that becomes NaN ends the job as failed with a plain explanation.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from core.data import datasets as data_module
from core.modeling import models
from core.training.job_queue import TrainingQueue, default_queue
from core.training.progress import Progress
from core.training.result import TrainingResult
from core.training.train_config import TrainConfig, check_fits, fit_to_data

logger = logging.getLogger(__name__)
_job_ids = itertools.count(1)
_SEEDING = threading.Lock()


class TrainingJob:
    """One training run in a background thread.

    Args:
        config: What to train.
        dataset: Data to train on; loaded in the background from ``config`` when omitted.
        queue: Caps how many jobs train at once; a job waits in state ``queued``.
        watched: Says whether anyone still follows the job (the page passes "is my browser
            session still connected"); ``None`` means always.
        abandon_after_s: Once ``watched`` has said no for this long, training stops at the
            next batch (keeping the model), so a closed tab does not hold a CPU for hours.

    Raises:
        ValueError: If the config is invalid (checked before the thread starts).

    """

    def __init__(
        self,
        config: TrainConfig,
        dataset: data_module.Dataset | None = None,
        queue: TrainingQueue | None = None,
        watched: Callable[[], bool] | None = None,
        abandon_after_s: float = 60.0,
    ) -> None:
        config.validate()
        self._watched = watched
        self._abandon_after_s = abandon_after_s
        self._unwatched_since: float | None = None
        self.id = next(_job_ids)
        self.config = config
        self.result: TrainingResult | None = None
        self.dataset = dataset
        self._queue = queue or default_queue
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._progress = Progress(epochs=config.epochs)
        self._thread = threading.Thread(target=self._run, name=f"training-job-{self.id}", daemon=True)

    def start(self) -> TrainingJob:
        """Starts the background thread; returns the job for chaining."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Asks training to end at the next batch boundary; the model trained so far is kept."""
        self._stop.set()
        with self._lock:
            if not self._progress.done:
                self._progress.state = "stopping"

    def wait(self, timeout: float | None = None) -> Progress:
        """Blocks until the job ends (or ``timeout`` seconds pass) and returns its progress."""
        self._thread.join(timeout)
        return self.snapshot()

    def snapshot(self) -> Progress:
        """A copy of the progress, safe to read from any thread."""
        with self._lock:
            progress = replace(self._progress)
            progress.batch_loss = list(progress.batch_loss)
            progress.batch_accuracy = list(progress.batch_accuracy)
            progress.epoch_history = [dict(r) for r in progress.epoch_history]
            return progress

    def _abandoned(self) -> bool:
        if self._watched is None or self._watched():
            self._unwatched_since = None
            return False
        now = time.monotonic()
        self._unwatched_since = self._unwatched_since or now
        if now - self._unwatched_since < self._abandon_after_s:
            return False
        self._stop.set()
        with self._lock:
            self._progress.error = (
                f"Nobody watched this run for {self._abandon_after_s:.0f} s (was the page closed?), so it was stopped."
            )
        return True

    def _set(self, **changes: Any) -> None:
        with self._lock:
            for key, value in changes.items():
                setattr(self._progress, key, value)

    def _run(self) -> None:
        def waiting(ahead: int) -> None:
            self._set(queue_position=ahead)
            self._abandoned()

        try:
            if not self._queue.acquire(self.id, self._stop, waiting):
                if not self.snapshot().error:
                    self._set(error="Cancelled while waiting in the queue.")
                self._set(state="stopped")
                return
            self._train()
        except (ValueError, ConnectionError) as error:
            self._set(state="failed", error=str(error))
        except Exception as error:  # the thread must always end in a state the page can show
            logger.exception("training job %s crashed", self.id)
            self._set(state="failed", error=f"Training stopped unexpectedly: {type(error).__name__}: {error}")
        finally:
            self._queue.release(self.id)

    def _train(self) -> None:
        import keras
        import tensorflow as tf

        from core.training.callback import ProgressCallback

        config = self.config
        self._set(state="loading", queue_position=0)
        dataset = self.dataset or data_module.load_dataset(
            config.task,
            config.data,
            config.validation_split,
            config.seed,
            config.balance,
            config.test_data,
            config.shapes_count,
        )
        self.dataset = dataset
        check_fits(config, dataset)
        with _SEEDING:
            # Keras' seeds are process-wide: seed, build and set up the shuffling in one go, so
            # two students' jobs starting together cannot swap random numbers. What stays random
            # afterwards (dropout, augmentation) belongs to the layers built here.
            keras.utils.set_random_seed(config.seed)
            model = models.compile_model(
                models.build_model(fit_to_data(config, dataset)),
                dataset.task.num_classes,
                config.optimizer,
                config.learning_rate,
            )
            training_data = (
                tf.data.Dataset.from_tensor_slices((dataset.x_train, dataset.y_train))
                .shuffle(len(dataset.x_train), seed=config.seed, reshuffle_each_iteration=True)
                .batch(config.batch_size)
            )
        batches = -(-len(dataset.x_train) // config.batch_size)
        callbacks: list[Any] = [
            ProgressCallback(
                self._progress, self._lock, self._stop, config.batch_size, batches, self._abandoned, len(dataset.x_train)
            )
        ]
        has_validation = len(dataset.x_val) > 0
        if config.early_stopping and has_validation:
            callbacks.append(keras.callbacks.EarlyStopping(patience=config.early_stopping, restore_best_weights=True))
        if self._stop.is_set():
            self._set(state="stopped")
            return
        started = time.perf_counter()
        model.fit(
            training_data,
            validation_data=(dataset.x_val, dataset.y_val) if has_validation else None,
            validation_batch_size=config.batch_size,
            epochs=config.epochs,
            callbacks=callbacks,
            shuffle=False,  # the dataset above shuffles, with its own seed
            verbose=0,
        )
        seconds = time.perf_counter() - started
        if self.snapshot().state == "failed":
            return
        test_loss, test_accuracy = (
            model.evaluate(dataset.x_test, dataset.y_test, batch_size=1024, verbose=0)
            if len(dataset.x_test)
            else (float("nan"),) * 2
        )
        self.result = TrainingResult(
            model, dataset, config, self.snapshot().epoch_history, float(test_loss), float(test_accuracy), seconds
        )
        self._set(state="stopped" if self._stop.is_set() else "finished", eta_s=0.0)
