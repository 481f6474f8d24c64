"""Shared test set-up: offline data, the repository on sys.path, a scratch models folder, real MNIST digits.

Plain helper functions (drawn digits, encoded pictures, zips, the command line) live in ``tests/helpers/``; test modules
never import each other.
"""

import os
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SIGMOID_LAB_OFFLINE", "1")  # never wait for a download in tests


@pytest.fixture
def models_folder(tmp_path, monkeypatch):
    """An empty models folder the registry (and the app) use instead of models/."""
    folder = tmp_path / "models"
    folder.mkdir()
    monkeypatch.setenv("SIGMOID_LAB_MODELS", str(folder))
    return folder


@pytest.fixture(scope="session")
def t10k():
    """The real MNIST test set from ../shared/mnist: (images N×28×28, digit labels); fails if it is missing."""
    from core.data.idx import load_idx_folder
    from core.data.test_sets import SHARED_MNIST

    if not SHARED_MNIST.is_dir():
        pytest.fail(f"The MNIST test set is missing: expected it in {SHARED_MNIST}")
    _, _, x, y = load_idx_folder(SHARED_MNIST)
    return x, y


@pytest.fixture(scope="session")
def digit_images(t10k):
    """The first t10k image of each digit, uint8 28×28, keyed by digit."""
    x, y = t10k
    return {d: x[np.flatnonzero(y == d)[0]] for d in range(10)}


@pytest.fixture(scope="session")
def seven_vs_eight():
    """The shipped mnist-7-vs-8 model, loaded once (read only)."""
    from core.storage.loading import load

    return load("mnist-7-vs-8")


@pytest.fixture(scope="session")
def small_dense_model():
    """A compiled two-class dense network with 4 hidden units: quick to save and load."""
    from core.modeling.build import build_model, compile_model
    from core.modeling.config import preset

    return compile_model(build_model(preset("dense", dense_units=(4,))), 2)
