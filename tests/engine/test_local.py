"""core.engine.local: real worker processes train, answer and survive a crash; the caller holds no TensorFlow."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from core import i18n
from core.engine import get_engine
from core.engine.model_handle import ModelHandle
from core.training import settings
from core.training.run_state import RunState

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def _config(**changes):
    return settings.to_config(settings.DEFAULTS | {"task": "7-vs-8", "epochs": 3} | changes)


def test_a_run_trains_in_a_worker_and_every_batch_loss_reaches_the_server():
    job = get_engine().start_training(_config())
    progress = job.wait(300)
    assert progress.state == RunState.FINISHED, progress.error
    result = job.result
    assert result.test_accuracy >= 0.95 and result.test_count == 200
    assert len(progress.batch_loss) == 3 * progress.batches and len(progress.epoch_history) == 3
    assert result.metadata["epochs_trained"] == 3 and "held-out test images" in result.test_source
    assert result.model_bytes[:2] == b"PK"  # a .keras file is a zip
    real = result.metadata["real_test_metrics"]  # the shipped models' yardstick: all 2,002 t10k sevens and eights
    assert real["images"] == 2002 and real["accuracy"] >= 0.93


def test_stop_ends_at_the_next_batch_and_keeps_the_model():
    job = get_engine().start_training(_config(epochs=30))
    deadline = time.monotonic() + 120
    while not job.snapshot().batch_loss and time.monotonic() < deadline:
        time.sleep(0.1)
    job.stop()
    progress = job.wait(60)
    assert progress.state == "stopped" and len(progress.epoch_history) < 30
    assert job.result is not None and job.result.metadata["epochs_trained"] == len(job.result.history)


def test_a_crashed_worker_fails_its_run_with_a_sentence_and_is_replaced():
    engine = get_engine()
    job = engine.start_training(_config(epochs=30))
    deadline = time.monotonic() + 120
    while not job.snapshot().batch_loss and time.monotonic() < deadline:
        time.sleep(0.1)
    trainers = [w for w in engine.workers() if "trainer" in w.name and w.busy]
    assert len(trainers) == 1
    os.kill(trainers[0].process.pid, signal.SIGKILL)
    progress = job.wait(30)
    assert progress.state == "failed" and "stopped unexpectedly" in progress.error
    again = engine.start_training(_config(epochs=1))
    assert again.wait(300).state == RunState.FINISHED


def test_answers_through_the_worker_equal_the_model_in_this_process(seven_vs_eight, digit_images):
    handle = ModelHandle(ROOT / "models" / "mnist-7-vs-8.keras")
    images = np.stack([digit_images[7], digit_images[8]])[..., None]
    np.testing.assert_allclose(handle.outputs(images), seven_vs_eight.model(images, training=False).numpy(), rtol=1e-5, atol=1e-6)
    assert [p.label for p in handle.predict_inputs(images)] == ["7", "8"]
    assert handle.class_names == ("7", "8") and handle.input_shape == (28, 28, 1)


def test_a_worker_error_arrives_as_the_same_error():
    handle = ModelHandle(ROOT / "models" / "mnist-7-vs-8.keras")
    with pytest.raises(ValueError, match="Unknown look inside"):
        handle.inspect("no-such-look")


def test_a_workers_sentences_are_in_the_asking_sessions_language():
    engine = get_engine()
    english = engine.call("load_dataset", "7-vs-8", data="sample").source
    i18n.use("es")
    try:
        spanish = engine.call("load_dataset", "7-vs-8", data="sample").source
    finally:
        i18n.use(i18n.DEFAULT)
    assert english.startswith("Offline MNIST sample")
    assert spanish != english and "MNIST" in spanish and "Offline" not in spanish


def test_the_calling_process_never_imports_tensorflow():
    script = (
        "import sys, numpy as np\n"
        "from core.engine import get_engine\n"
        "from core.engine.model_handle import ModelHandle\n"
        "from core.training import settings\n"
        "h = ModelHandle('models/mnist-7-vs-8.keras')\n"
        "h.predict_inputs(np.zeros((1, 28, 28, 1), np.uint8))\n"
        "job = get_engine().start_training(settings.to_config(settings.DEFAULTS | {'task': '7-vs-8', 'epochs': 1}))\n"
        "assert job.wait(300).state == 'done'  # RunState.FINISHED\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('tensorflow', 'keras')))\n"
        "get_engine().shutdown()\n"
    )
    env = dict(os.environ, SIGMOID_LAB_OFFLINE="1", SIGMOID_LAB_TRAINING_SLOTS="1")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=400)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"
