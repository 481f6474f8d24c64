import gzip

import numpy as np
import pytest

from core.data import idx
from core.data.test_sets import SHARED_MNIST


def test_idx_folder_reads_the_real_test_set():
    x_train, y_train, x_test, y_test = idx.load_idx_folder(SHARED_MNIST)
    assert len(x_train) == 0 and len(y_train) == 0  # no train files beside it
    assert x_test.shape == (10_000, 28, 28) and x_test.dtype == np.uint8
    assert np.bincount(y_test).tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


def test_truncated_and_foreign_idx_files_are_refused(tmp_path):
    (tmp_path / "t10k-images-idx3-ubyte.gz").write_bytes(
        gzip.compress(b"\x00\x00\x08\x03" + (5).to_bytes(4, "big") * 3 + b"\x00" * 10)
    )
    (tmp_path / "t10k-labels-idx1-ubyte.gz").write_bytes(
        gzip.compress(b"\x00\x00\x08\x01" + (5).to_bytes(4, "big") + b"\x01" * 5)
    )
    with pytest.raises(ValueError, match="truncated"):
        idx.load_idx_folder(tmp_path)
    (tmp_path / "t10k-images-idx3-ubyte.gz").write_bytes(gzip.compress(b"PK\x03\x04 not idx at all"))
    with pytest.raises(ValueError, match="not an MNIST IDX file"):
        idx.load_idx_folder(tmp_path)


def test_a_folder_without_idx_files_is_refused(tmp_path):
    with pytest.raises(ValueError, match="holds no MNIST IDX files"):
        idx.load_idx_folder(tmp_path)
    with pytest.raises(ValueError, match="is not a folder"):
        idx.load_idx_folder(tmp_path / "missing")


def test_npz_copies_are_read_and_checked(tmp_path, t10k):
    x, y = t10k
    np.savez(tmp_path / "mnist.npz", x_train=x[:100], y_train=y[:100], x_test=x[100:150], y_test=y[100:150])
    x_train, y_train, x_test, _ = idx.load_npz(tmp_path / "mnist.npz")
    assert x_train.shape == (100, 28, 28) and np.array_equal(y_train, y[:100]) and len(x_test) == 50
    np.savez(tmp_path / "bad.npz", images=x[:3])
    with pytest.raises(ValueError, match="x_train"):
        idx.load_npz(tmp_path / "bad.npz")


def test_labelled_images_from_an_npz_or_an_idx_folder(tmp_path, t10k):
    x, y = t10k
    np.savez(tmp_path / "eval.npz", x=x[:20], y=y[:20])
    images, labels = idx.load_labelled_images(tmp_path / "eval.npz")
    assert images.shape == (20, 28, 28) and labels.tolist() == y[:20].tolist()
    images, labels = idx.load_labelled_images(SHARED_MNIST)
    assert len(images) == len(labels) == 10_000
    with pytest.raises(ValueError, match="does not exist"):
        idx.load_labelled_images(tmp_path / "missing.npz")
