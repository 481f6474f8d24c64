"""core.engine.scoring: the leaderboard's measure runs the model on the engine (a fake engine here, no TensorFlow)."""

import numpy as np
import pytest

from core.engine import scoring, set_engine
from core.storage.version import model_version


class FakeEvaluation:
    def __init__(self, predicted, labels):
        self._predicted, self.labels = np.array(predicted), np.array(labels)

    def predicted(self):
        return self._predicted

    def __len__(self):
        return len(self.labels)


class FakeEngine:
    """Answers describe and evaluate as a serving worker would, and records what it was asked."""

    def __init__(self):
        self.calls = []

    def call(self, task, ref, *args, **kwargs):
        self.calls.append((task, ref.version))
        if task == "describe":
            return {"metadata": {}, "class_names": ("7", "8"), "input_shape": (28, 28, 1), "style": "mnist", "parameters": 1}
        return FakeEvaluation([0, 1, 1, 0], [0, 1, 0, 0])  # three of four right


@pytest.fixture
def engine():
    fake = FakeEngine()
    previous = set_engine(fake)
    yield fake
    set_engine(previous)


def test_the_accuracy_and_count_come_from_the_engines_evaluation_of_this_file_version(engine, tmp_path):
    path = tmp_path / "ada-net.keras"
    path.write_bytes(b"PK model")
    accuracy, count = scoring.accuracy_on(path, np.zeros((4, 28, 28), np.uint8), np.array([7, 8, 7, 7]))
    assert (accuracy, count) == (0.75, 4)
    assert engine.calls == [("describe", model_version(path)), ("evaluate", model_version(path))]
