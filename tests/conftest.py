"""Shared test set-up: offline data, the repository on sys.path, a scratch models folder."""

import os
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_MNIST = ROOT.parent / "shared" / "mnist"
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
    """The real MNIST test set from ../shared/mnist: (images, digit labels)."""
    from core.data.mnist import load_idx_folder

    if not SHARED_MNIST.is_dir():
        pytest.fail(f"The MNIST test set is missing: expected it in {SHARED_MNIST}")
    _, _, x, y = load_idx_folder(SHARED_MNIST)
    return x, y


@pytest.fixture(scope="session")
def digit_images(t10k):
    """A few t10k digits as PNG-ready uint8 arrays keyed by digit."""
    x, y = t10k
    return {d: x[np.flatnonzero(y == d)[0]] for d in range(10)}
