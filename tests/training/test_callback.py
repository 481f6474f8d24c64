"""The Keras callback behind the live charts: its per-batch values are the ones Keras computed."""

import threading

import numpy as np
import pytest

from core.modeling.build import build_model, compile_model
from core.modeling.config import preset
from core.training.callback import ProgressCallback
from core.training.progress import Progress


@pytest.fixture(scope="module")
def images():
    rng = np.random.default_rng(0)
    x = rng.integers(0, 256, (100, 28, 28, 1)).astype(np.uint8)  # 3 full batches of 32 and one of 4
    y = (x.mean(axis=(1, 2, 3)) > 127.5).astype(np.uint8)
    return x, y


def _fit(images, epochs=2, batch_size=32, **callback_options):
    """Trains a small model with the callback and a recorder of what Keras itself computes."""
    import keras

    x, y = images
    keras.utils.set_random_seed(0)
    model = compile_model(build_model(preset("dense", dense_units=(8,), dropout=0.0)), 2)
    own_losses, logged = [], []

    class Recorder(keras.callbacks.Callback):
        def on_train_batch_begin(self, batch, logs=None):  # the weights this batch's loss is computed with
            batch_x, batch_y = x[batch * batch_size : (batch + 1) * batch_size], y[batch * batch_size : (batch + 1) * batch_size]
            outputs = self.model(batch_x.astype(np.float32), training=False)
            own_losses.append(float(np.mean(keras.losses.binary_crossentropy(batch_y[:, None].astype(np.float32), outputs))))

        def on_train_batch_end(self, batch, logs=None):
            logged.append(float(logs["loss"]))

    progress, lock, stop = Progress(epochs=epochs), threading.Lock(), threading.Event()
    batches = -(-len(x) // batch_size)
    callback = ProgressCallback(progress, lock, stop, batch_size, batches, samples=len(x), **callback_options)
    model.fit(x, y, batch_size=batch_size, epochs=epochs, shuffle=False, verbose=0, callbacks=[Recorder(), callback])
    return progress, own_losses, logged, stop


def test_each_batch_loss_is_that_batchs_own_loss_as_keras_computed_it(images):
    progress, own_losses, logged, _ = _fit(images)
    assert len(progress.batch_loss) == len(own_losses) == 8
    # Keras logs the running mean over the epoch; the chart plots each batch's own value.
    np.testing.assert_allclose(progress.batch_loss, own_losses, rtol=1e-4)
    sizes = np.array([32, 32, 32, 4])
    for epoch in range(2):
        own = np.array(own_losses[4 * epoch : 4 * epoch + 4])
        np.testing.assert_allclose(logged[4 * epoch : 4 * epoch + 4], np.cumsum(own * sizes) / np.cumsum(sizes), rtol=1e-4)
    assert [record["loss"] for record in progress.epoch_history] == pytest.approx([logged[3], logged[7]])


def test_progress_counts_batches_epochs_and_time(images):
    progress, *_ = _fit(images, epochs=3)
    assert (progress.epoch, progress.batch, progress.batches, progress.state) == (3, 4, 4, "running")
    assert progress.fraction_done == 1.0 and progress.elapsed_s > 0 and progress.samples_per_s > 0
    assert all(0 <= a <= 1 for a in progress.batch_accuracy) and len(progress.epoch_history) == 3


def test_a_stop_request_ends_training_at_the_next_batch(images):
    calls = []

    def abandoned():
        calls.append(1)
        return len(calls) >= 2  # nobody watches from the second batch on

    progress, _, _, stop = _fit(images, epochs=5, abandoned=abandoned)
    assert stop.is_set() and len(progress.batch_loss) == 2 and progress.epoch == 1
