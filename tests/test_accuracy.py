"""Honest accuracy: a short real training run and the shipped models, measured on the real t10k digits."""

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from core.data import datasets as data
from core.inspection.evaluation import evaluate
from core.modeling import models
from core.storage import registry
from core.training.job import TrainConfig, TrainingJob


def test_a_short_run_on_the_offline_sample_generalises_to_t10k(t10k):
    dataset = data.load_dataset("7-vs-8", data="sample", validation_split=0.0)
    job = TrainingJob(
        TrainConfig(task="7-vs-8", model=models.PRESETS["cnn"], epochs=8, batch_size=32, validation_split=0.0), dataset
    )
    assert job.start().wait(timeout=300).state == "finished"
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
    result = evaluate(registry.load(name), *t10k)
    summary = result.summary()
    assert len(result.labels) == images
    assert summary["accuracy"] >= target, f"{name}: {summary['accuracy']:.4f} < {target}"
    if name == "mnist-7-vs-8":
        assert roc_auc_score(result.labels, result.outputs[:, 0]) >= 0.999


def test_shipped_shapes_model_separates_fresh_shapes():
    from core.data.shapes import make_shapes

    x, y = make_shapes(400, seed=12345)
    outputs = registry.load("shapes-circle-vs-square").model.predict_on_batch(x[..., None])[:, 0]
    assert np.mean((outputs >= 0.5) == (y == 1)) >= 0.97
