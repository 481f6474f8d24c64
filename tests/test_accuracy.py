"""Honest accuracy: a short real training run and the shipped models, measured on the real t10k digits."""

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from core.data import datasets
from core.inspection.evaluation import evaluate
from core.modeling.config import PRESETS
from core.storage.loading import load
from core.training.job import TrainingJob
from core.training.run_state import RunState
from core.training.train_config import TrainConfig
from tests.helpers.drawings import rgba, seven


def test_a_short_run_on_the_offline_sample_generalises_to_t10k(t10k):
    dataset = datasets.load_dataset("7-vs-8", data="sample", validation_split=0.0)
    job = TrainingJob(TrainConfig(task="7-vs-8", model=PRESETS["cnn"], epochs=8, batch_size=32, validation_split=0.0), dataset)
    assert job.start().wait(timeout=300).state == RunState.FINISHED
    x, y = t10k
    mask = np.isin(y, (7, 8))
    scores = job.result.model.predict_on_batch(x[mask][..., None])[:, 0]
    accuracy = np.mean((scores >= 0.5) == (y[mask] == 8))
    assert accuracy >= 0.97, f"t10k accuracy {accuracy:.4f} after 8 epochs on 800 sample digits"


@pytest.mark.parametrize(
    ("name", "images", "target"),
    [("mnist-7-vs-8", 2002, 0.993), ("mnist-3-vs-rest", 10_000, 0.995), ("mnist-digits", 10_000, 0.98)],
)
def test_shipped_models_meet_their_t10k_targets(t10k, name, images, target):
    result = evaluate(load(name), *t10k)
    summary = result.summary()
    assert len(result.labels) == images
    assert summary["accuracy"] >= target, f"{name}: {summary['accuracy']:.4f} < {target}"
    if name == "mnist-7-vs-8":
        assert roc_auc_score(result.labels, result.outputs[:, 0]) >= 0.999


def test_shipped_shapes_model_separates_fresh_shapes():
    from core.data.shapes import make_shapes

    x, y = make_shapes(400, seed=12345)
    outputs = load("shapes-circle-vs-square").model.predict_on_batch(x[..., None])[:, 0]
    assert np.mean((outputs >= 0.5) == (y == 1)) >= 0.97


@pytest.mark.parametrize(("name", "label"), [("mnist-7-vs-8", "7"), ("mnist-3-vs-rest", "not 3"), ("mnist-digits", "7")])
def test_a_seven_drawn_on_the_canvas_gets_the_right_answer_from_each_digit_model(name, label):
    (prediction,) = load(name).predict(rgba(seven()))
    assert prediction.label == label and prediction.confidence > 0.9, f"{name}: {prediction}"
