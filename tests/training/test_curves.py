import math

import pytest

from core.training import curves
from core.training.progress import Progress


def test_smoothing_follows_a_constant_and_damps_noise():
    assert curves.smooth([2.0] * 5) == pytest.approx([2.0] * 5)  # bias correction: no drag toward 0
    noisy = [0.0, 1.0] * 50
    smoothed = curves.smooth(noisy, weight=0.9)
    assert max(smoothed[20:]) - min(smoothed[20:]) < 0.2 < max(noisy) - min(noisy)
    assert curves.smooth([1.0, 3.0], weight=0.0) == [1.0, 3.0]
    with pytest.raises(ValueError):
        curves.smooth([1.0], weight=1.0)


def test_curve_frame_places_batches_between_epochs():
    progress = Progress(
        epochs=2,
        batches=4,
        batch_loss=[0.8, 0.7, 0.6, 0.5, 0.4, 0.3],
        batch_accuracy=[0.5] * 6,
        epoch_history=[{"loss": 0.65, "accuracy": 0.6, "val_loss": 0.6, "val_accuracy": 0.7}],
    )
    frame = curves.curve_frame(progress, "loss")
    batch = frame[frame.series == curves.TRAIN_BATCH]
    assert batch.epoch.tolist() == [0.25, 0.5, 0.75, 1.0, 1.25, 1.5]
    assert frame[frame.series == curves.TRAIN_EPOCH].value.tolist() == [0.65]
    assert frame[frame.series == curves.VALIDATION_EPOCH].epoch.tolist() == [1.0]
    accuracy = curves.curve_frame(progress, "accuracy")
    assert accuracy[accuracy.series == curves.VALIDATION_EPOCH].value.tolist() == [0.7]
    with pytest.raises(ValueError):
        curves.curve_frame(progress, "f1")


def test_no_validation_split_means_no_validation_series():
    progress = Progress(
        epochs=1, batches=1, batch_loss=[math.log(2)], batch_accuracy=[0.5], epoch_history=[{"loss": 0.69, "accuracy": 0.5}]
    )
    assert set(curves.curve_frame(progress, "loss").series) == {curves.TRAIN_BATCH, curves.TRAIN_EPOCH}


def test_long_runs_are_thinned_for_the_browser_but_end_at_the_latest_batch():
    progress = Progress(epochs=100, batches=1000, batch_loss=[1.0] * 50_000, batch_accuracy=[0.5] * 50_000)
    batch = curves.curve_frame(progress, "loss")
    assert 900 <= len(batch) <= curves.MAX_POINTS and batch.epoch.iloc[-1] == 50.0
    assert batch.epoch.is_monotonic_increasing


def test_epoch_frame_takes_the_named_metrics_of_each_epoch():
    history = [{"loss": 0.7, "val_loss": 0.75}, {"loss": 0.5}]
    frame = curves.epoch_frame(history, {"loss": "train", "val_loss": "validation"})
    assert frame.to_dict("records") == [
        {"epoch": 1.0, "value": 0.7, "series": "train"},
        {"epoch": 1.0, "value": 0.75, "series": "validation"},
        {"epoch": 2.0, "value": 0.5, "series": "train"},
    ]
    assert curves.epoch_frame([], {"loss": "train"}).empty
