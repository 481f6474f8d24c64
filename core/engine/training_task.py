"""One training run inside a worker: the job, its progress sent home, the model sent back as bytes."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from core.engine.base import Examples, RunResult, TaskContext
from core.engine.progress_sync import DeltaWriter
from core.training.run_state import RunState
from core.training.train_config import TrainConfig

if TYPE_CHECKING:
    from core.data.datasets import Dataset
    from core.training.result import TrainingResult

SEND_EVERY_S = 0.25  # progress reaches the page in batches of this period; every batch's value arrives
EXAMPLES = 10


def test_source(dataset: Dataset) -> str:
    """Which test set a run's test accuracy was measured on, in words a student follows."""
    count = len(dataset.x_test)
    origin = dataset.source.split(":")[0].split(" (")[0].strip().rstrip(".")
    return f"{count:,} held-out test images from {origin[0].lower() + origin[1:]}" if origin else f"{count:,} test images"


def _model_bytes(result: TrainingResult) -> bytes:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "run.keras"
        result.model.save(path)
        return path.read_bytes()


def _examples(result: TrainingResult) -> Examples | None:
    from core.prediction.predict import output_probabilities, to_predictions

    dataset = result.dataset
    if not len(dataset.x_test):
        return None
    chosen = np.random.default_rng(0).choice(len(dataset.x_test), size=min(EXAMPLES, len(dataset.x_test)), replace=False)
    answers = to_predictions(output_probabilities(result.model, dataset.x_test[chosen]), dataset.class_names)
    return Examples(
        images=dataset.x_test[chosen],
        true_labels=[dataset.class_names[int(label)] for label in dataset.y_test[chosen]],
        predicted=[answer.label for answer in answers],
        confidences=[answer.confidence for answer in answers],
    )


def real_test_metrics(result: TrainingResult) -> dict[str, object] | None:
    """Accuracy on the real MNIST test set (t10k) for a digits task, so every model is compared on one set.

    A run's own test split is a few hundred held-out digits of whatever it trained on; the shipped
    models are measured on t10k. Measuring both on t10k lets the Models table compare like with like.
    """
    from core.data.test_sets import mnist_test_set
    from core.prediction.predict import output_probabilities

    task = result.dataset.task
    real = mnist_test_set() if task.is_mnist else None
    if real is None:
        return None
    mask, labels = task.labels_for(real[1])
    outputs = output_probabilities(result.model, real[0][mask][..., None])
    predicted = (outputs[:, 0] >= 0.5).astype(int) if outputs.shape[1] == 1 else outputs.argmax(axis=1)
    return {
        "accuracy": float(np.mean(predicted == labels)),
        "images": int(mask.sum()),
        "source": "the real MNIST test set (t10k)",
    }


def train(context: TaskContext, config: TrainConfig, dataset: Dataset | None = None) -> RunResult | None:
    """Trains ``config`` here, reporting progress through ``context`` until done or told to stop.

    Returns:
        The result, or ``None`` when the run failed or was stopped before it had a model (the
        last progress delta then says why).

    """
    from core.training.job import TrainingJob
    from core.training.job_queue import TrainingQueue
    from core.training.result import metadata_for

    job = TrainingJob(config, dataset, queue=TrainingQueue(1)).start()  # the engine's queue already gave it a slot
    writer = DeltaWriter()
    while True:
        progress = job.wait(SEND_EVERY_S)
        if context.stop.is_set():
            job.stop()
        snapshot = job.snapshot()
        if snapshot.state == RunState.QUEUED:
            snapshot.state = RunState.LOADING  # the engine's queue gave the slot; this one only starts the thread
        context.emit(writer.delta(snapshot))
        if progress.done:
            break
    result = job.result
    if result is None:
        return None
    dataset = result.dataset
    return RunResult(
        config=config,
        history=result.history,
        test_loss=result.test_loss,
        test_accuracy=result.test_accuracy,
        test_count=len(dataset.x_test),
        test_source=test_source(dataset),
        seconds=result.seconds,
        metadata=metadata_for(result)
        | {
            "test_source": test_source(dataset),
            "epochs_trained": len(result.history),
            "real_test_metrics": real_test_metrics(result),
        },
        model_bytes=_model_bytes(result),
        examples=_examples(result),
    )
