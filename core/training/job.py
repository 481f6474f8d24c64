"""Training in a background thread, so a web page can poll it while the user clicks around.

:class:`TrainingJob` runs ``model.fit`` in a daemon thread (a
:class:`~core.training.progress_run.ProgressRun`) and offers a thread-safe
:class:`~core.training.progress.Progress` snapshot. ``stop()`` ends training at the next batch and
keeps the model; a loss that becomes NaN ends the job as failed with a plain explanation.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from core.data import datasets as data_module
from core.modeling import models
from core.training.job_queue import TrainingQueue, default_queue
from core.training.observer import RunObserver
from core.training.progress_run import ProgressRun
from core.training.result import TrainingResult
from core.training.run_state import RunState
from core.training.train_config import TrainConfig, check_fits, fit_to_data

logger = logging.getLogger(__name__)
_SEEDING = threading.Lock()


class TrainingJob(ProgressRun):
    """One training run in a background thread, in this process.

    Args:
        config: What to train.
        dataset: Data to train on; loaded in the background from ``config`` when omitted.
        queue: Caps how many jobs train at once; a job waits in state ``QUEUED``.
        watched: Says whether anyone still follows the job (the page passes "is my browser
            session still connected"); ``None`` means always.
        abandon_after_s: Once ``watched`` has said no for this long, training stops at the
            next batch (keeping the model), so a closed tab does not hold a CPU for hours.
        observers: Told of the job's progress and of its end.

    Raises:
        ValueError: If the config is invalid (checked before the thread starts).

    """

    thread_name = "training-job"

    def __init__(
        self,
        config: TrainConfig,
        dataset: data_module.Dataset | None = None,
        queue: TrainingQueue | None = None,
        watched: Callable[[], bool] | None = None,
        abandon_after_s: float = 60.0,
        observers: Sequence[RunObserver] = (),
    ) -> None:
        config.validate()
        super().__init__(config.epochs, queue or default_queue, watched, abandon_after_s, observers)
        self.config = config
        self.result: TrainingResult | None = None
        self.dataset = dataset

    def _work(self) -> RunState:
        import keras
        import tensorflow as tf

        from core.training.callback import ProgressCallback

        config = self.config
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
                self._progress, self._lock, self._stop, config.batch_size, batches, self._check_watched, len(dataset.x_train)
            )
        ]
        has_validation = len(dataset.x_val) > 0
        if config.early_stopping and has_validation:
            callbacks.append(keras.callbacks.EarlyStopping(patience=config.early_stopping, restore_best_weights=True))
        if self._stop.is_set():
            return RunState.STOPPED
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
        if self.snapshot().state == RunState.FAILED:  # the loss diverged
            return RunState.FAILED
        test_loss, test_accuracy = (
            model.evaluate(dataset.x_test, dataset.y_test, batch_size=1024, verbose=0)
            if len(dataset.x_test)
            else (float("nan"),) * 2
        )
        self.result = TrainingResult(
            model, dataset, config, self.snapshot().epoch_history, float(test_loss), float(test_accuracy), seconds
        )
        self._set(eta_s=0.0)
        return RunState.STOPPED if self._stop.is_set() else RunState.FINISHED
