import threading
import time

import numpy as np
import pytest

from core.data import datasets
from core.modeling.config import PRESETS, preset
from core.training.job import TrainingJob
from core.training.job_queue import TrainingQueue
from core.training.result import metadata_for
from core.training.run_state import RunState
from core.training.train_config import TrainConfig


@pytest.fixture(scope="module")
def shapes_data():
    return datasets.load_dataset("shapes", shapes_count=600, seed=0)


def _config(**changes):
    values = {"task": "shapes", "model": PRESETS["tiny-cnn"], "epochs": 2, "batch_size": 32}
    return TrainConfig(**(values | changes))


def test_job_trains_in_the_background_and_reports_progress(shapes_data):
    job = TrainingJob(_config(epochs=12), shapes_data).start()
    progress = job.wait(timeout=120)
    assert progress.state == RunState.FINISHED, progress.error
    batches = -(-len(shapes_data.x_train) // 32)
    assert progress.batches == batches and len(progress.batch_loss) == 12 * batches
    assert [set(r) for r in progress.epoch_history] == [{"loss", "accuracy", "val_loss", "val_accuracy"}] * 12
    assert progress.epoch_history[-1]["loss"] < progress.epoch_history[0]["loss"]
    assert progress.fraction_done == 1.0 and progress.samples_per_s > 0 and progress.eta_s == 0.0
    assert job.result.test_accuracy > 0.85  # circles vs squares after a few seconds of training
    metadata = metadata_for(job.result, "python -m core train ...")
    assert metadata["class_names"] == ["square", "circle"] and metadata["sigmoid_means"] == "circle"
    assert metadata["input_style"] == "ink" and len(metadata["history"]) == 12


def test_snapshots_are_copies_that_grow_while_training(shapes_data):
    job = TrainingJob(_config(epochs=30), shapes_data).start()
    deadline = time.monotonic() + 60
    while not job.snapshot().batch_loss and time.monotonic() < deadline:
        time.sleep(0.05)
    first = job.snapshot()
    first.batch_loss.append(123.0)  # a copy: the job's own record is untouched
    time.sleep(1.0)
    second = job.snapshot()
    job.stop()
    assert 123.0 not in second.batch_loss and len(second.batch_loss) > len(first.batch_loss) - 1
    job.wait(timeout=60)


def test_stop_ends_early_and_keeps_the_model(shapes_data):
    job = TrainingJob(_config(epochs=200), shapes_data).start()
    deadline = time.monotonic() + 60
    while job.snapshot().epoch < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    job.stop()
    progress = job.wait(timeout=60)
    assert progress.state == "stopped"
    assert progress.epoch < 200 and len(job.result.history) == len(progress.epoch_history) >= 2
    # The model kept is the one trained so far, and the test accuracy reported is that model's.
    result = job.result
    outputs = result.model.predict_on_batch(result.dataset.x_test)[:, 0]
    assert result.test_accuracy == pytest.approx(np.mean((outputs >= 0.5) == result.dataset.y_test), abs=1e-6)


def test_a_diverging_run_fails_with_a_plain_explanation():
    dataset = datasets.load_dataset("7-vs-8", data="sample")
    job = TrainingJob(TrainConfig(task="7-vs-8", epochs=3, learning_rate=100.0), dataset).start()
    progress = job.wait(timeout=120)
    assert progress.state == "failed"
    assert "learning rate is probably too high" in progress.error
    assert job.result is None


def test_same_seed_same_result(shapes_data):
    runs = [TrainingJob(_config(seed=7), shapes_data).start().wait(timeout=120).epoch_history for _ in range(2)]
    assert runs[0] == runs[1]
    other = TrainingJob(_config(seed=8), shapes_data).start().wait(timeout=120).epoch_history
    assert other != runs[0]


def test_bad_settings_are_refused_before_the_thread_starts():
    with pytest.raises(ValueError, match="at least 1 epoch"):
        TrainingJob(_config(epochs=0))
    with pytest.raises(ValueError, match="parameters"):
        TrainingJob(_config(model=preset("cnn", dense_units=(20_000,))))


def test_batch_larger_than_the_data_fails_with_a_sentence(shapes_data):
    progress = TrainingJob(_config(batch_size=5000), shapes_data).start().wait(timeout=60)
    assert progress.state == "failed" and "larger than the 540 training images" in progress.error


def test_a_queued_job_waits_and_can_be_cancelled(shapes_data):
    queue = TrainingQueue(slots=1)
    queue.acquire("someone else", threading.Event())
    job = TrainingJob(_config(), shapes_data, queue=queue).start()
    time.sleep(0.5)
    assert job.snapshot().state == "queued" and job.snapshot().queue_position == 1
    job.stop()
    progress = job.wait(timeout=10)
    assert progress.state == "stopped" and "queue" in progress.error


def test_an_abandoned_job_stops_by_itself_and_keeps_its_model(shapes_data):
    watching = threading.Event()
    watching.set()
    job = TrainingJob(_config(epochs=500), shapes_data, watched=watching.is_set, abandon_after_s=0.5).start()
    deadline = time.monotonic() + 60
    while job.snapshot().epoch < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert job.snapshot().state == "running"
    watching.clear()  # the browser tab is closed
    progress = job.wait(timeout=60)
    assert progress.state == "stopped" and "Nobody watched" in progress.error
    assert progress.epoch < 500 and job.result is not None


def test_a_queued_job_nobody_watches_leaves_the_queue(shapes_data):
    queue = TrainingQueue(slots=1)
    queue.acquire("someone else", threading.Event())
    job = TrainingJob(_config(), shapes_data, queue=queue, watched=lambda: False, abandon_after_s=0.3).start()
    progress = job.wait(timeout=10)
    assert progress.state == "stopped" and "Nobody watched" in progress.error and queue.status() == (1, 0)


def test_same_seed_same_result_even_when_jobs_run_together(shapes_data):
    alone = TrainingJob(_config(seed=5), shapes_data).start().wait(timeout=120).epoch_history
    queue = TrainingQueue(slots=3)
    together = [TrainingJob(_config(seed=seed), shapes_data, queue=queue).start() for seed in (5, 6, 5)]
    histories = [job.wait(timeout=300).epoch_history for job in together]
    assert histories[0] == alone and histories[2] == alone
    assert histories[1] != alone


def test_a_failing_watcher_ends_the_job_as_failed_not_stuck(shapes_data):
    def broken_watcher():
        raise RuntimeError("the server went away")

    queue = TrainingQueue(slots=1)
    queue.acquire("someone else", threading.Event())
    progress = TrainingJob(_config(), shapes_data, queue=queue, watched=broken_watcher).start().wait(timeout=10)
    assert progress.state == "failed" and "the server went away" in progress.error
    assert queue.status() == (1, 0)


def test_early_stopping_ends_the_run_and_keeps_the_best_epochs_weights(shapes_data):
    import keras

    job = TrainingJob(_config(epochs=60, early_stopping=2, learning_rate=0.01), shapes_data).start()
    progress = job.wait(timeout=300)
    assert progress.state == RunState.FINISHED, progress.error
    history = progress.epoch_history
    best = int(np.argmin([record["val_loss"] for record in history]))
    assert len(history) < 60 and len(history) == best + 1 + 2  # stopped two epochs after the best one
    model = job.result.model
    kept = float(
        keras.losses.binary_crossentropy(shapes_data.y_val[:, None].astype("float32"), model(shapes_data.x_val)).numpy().mean()
    )
    assert kept == pytest.approx(history[best]["val_loss"], rel=1e-3)  # the best epoch's weights, restored
