import gzip
import time

import numpy as np
import pytest
from conftest import SHARED_MNIST

from core.data import mnist


def test_idx_folder_reads_the_real_test_set():
    x_train, y_train, x_test, y_test = mnist.load_idx_folder(SHARED_MNIST)
    assert len(x_train) == 0 and len(y_train) == 0  # no train files beside it
    assert x_test.shape == (10_000, 28, 28) and x_test.dtype == np.uint8
    assert np.bincount(y_test).tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


def test_a_test_set_alone_cannot_be_trained_on():
    with pytest.raises(ValueError, match="no training digits"):
        from core.data.datasets import load_dataset

        load_dataset("7-vs-8", data=str(SHARED_MNIST))


def test_truncated_and_foreign_idx_files_are_refused(tmp_path):
    (tmp_path / "t10k-images-idx3-ubyte.gz").write_bytes(
        gzip.compress(b"\x00\x00\x08\x03" + (5).to_bytes(4, "big") * 3 + b"\x00" * 10)
    )
    (tmp_path / "t10k-labels-idx1-ubyte.gz").write_bytes(
        gzip.compress(b"\x00\x00\x08\x01" + (5).to_bytes(4, "big") + b"\x01" * 5)
    )
    with pytest.raises(ValueError, match="truncated"):
        mnist.load_idx_folder(tmp_path)
    (tmp_path / "t10k-images-idx3-ubyte.gz").write_bytes(gzip.compress(b"PK\x03\x04 not idx at all"))
    with pytest.raises(ValueError, match="not an MNIST IDX file"):
        mnist.load_idx_folder(tmp_path)


@pytest.mark.parametrize("path", ["/no/such/folder", "README.md"])
def test_bad_data_paths_give_a_sentence(path):
    with pytest.raises(ValueError, match="--data must be"):
        mnist.load_mnist(path)


def test_npz_copy_is_read(tmp_path, t10k):
    x, y = t10k
    path = tmp_path / "mnist.npz"
    np.savez(path, x_train=x[:100], y_train=y[:100], x_test=x[100:150], y_test=y[100:150])
    source = mnist.load_mnist(str(path))
    assert source.name == "local" and len(source.x_train) == 100 and len(source.x_test) == 50
    bad = tmp_path / "bad.npz"
    np.savez(bad, images=x[:3])
    with pytest.raises(ValueError, match="x_train"):
        mnist.load_npz(bad)


def test_offline_sample_is_real_mnist_with_a_stratified_hold_out():
    source = mnist.load_offline_sample()
    assert source.name == "sample"
    assert len(source.x_train) == 4000 and len(source.x_test) == 1000
    assert np.bincount(source.y_test).tolist() == [100] * 10
    assert source.x_train.dtype == np.uint8 and source.x_train.max() == 255
    assert "4,000" in source.description


def test_offline_flag_falls_back_to_the_sample_with_a_notice(monkeypatch, tmp_path):
    monkeypatch.setattr(mnist, "_KERAS_CACHE", tmp_path / "none.npz")
    monkeypatch.setenv(mnist.OFFLINE_ENV, "1")
    mnist.load_mnist.cache_clear()
    source = mnist.load_mnist("auto")
    mnist.load_mnist.cache_clear()
    assert source.name == "sample" and "SIGMOID_LAB_OFFLINE" in source.notice


def test_a_hanging_download_gives_up_within_seconds(monkeypatch, tmp_path):
    import keras

    monkeypatch.setattr(mnist, "_KERAS_CACHE", tmp_path / "none.npz")
    monkeypatch.delenv(mnist.OFFLINE_ENV, raising=False)
    monkeypatch.setattr(keras.datasets.mnist, "load_data", lambda: time.sleep(60))
    mnist.load_mnist.cache_clear()
    started = time.monotonic()
    with pytest.raises(ConnectionError, match="did not finish"):
        mnist.load_full(timeout_s=1.0)
    assert time.monotonic() - started < 5


def test_a_failing_download_falls_back_to_the_sample(monkeypatch, tmp_path):
    import keras

    def refuse():
        raise OSError("network is unreachable")

    monkeypatch.setattr(mnist, "_KERAS_CACHE", tmp_path / "none.npz")
    monkeypatch.delenv(mnist.OFFLINE_ENV, raising=False)
    monkeypatch.setattr(keras.datasets.mnist, "load_data", refuse)
    mnist.load_mnist.cache_clear()
    source = mnist.load_mnist("auto")
    mnist.load_mnist.cache_clear()
    assert source.name == "sample" and "unreachable" in source.notice


def test_labelled_images_from_an_npz(tmp_path, t10k):
    x, y = t10k
    np.savez(tmp_path / "eval.npz", x=x[:20], y=y[:20])
    images, labels = mnist.load_labelled_images(tmp_path / "eval.npz")
    assert images.shape == (20, 28, 28) and labels.tolist() == y[:20].tolist()
    with pytest.raises(ValueError, match="does not exist"):
        mnist.load_labelled_images(tmp_path / "missing.npz")
