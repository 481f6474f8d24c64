import numpy as np
import pytest

from core.data import datasets, folders
from core.data.test_sets import SHARED_MNIST
from tests.helpers.files import flat_png, make_zip


def test_mnist_dataset_keeps_uint8_pixels_and_a_test_split():
    dataset = datasets.load_dataset("7-vs-8", data="sample", validation_split=0.2, seed=1)
    assert dataset.x_train.dtype == np.uint8 and dataset.input_shape == (28, 28, 1)
    assert dataset.counts() == {"train": 640, "validation": 160, "test": 200}
    assert dataset.class_names == ("7", "8") and "Offline MNIST sample" in dataset.source


def test_rest_task_sigmoid_means_the_digit_and_can_be_balanced():
    plain = datasets.load_dataset("3-vs-rest", data="sample")
    balanced = datasets.load_dataset("3-vs-rest", data="sample", balance=True)
    assert plain.class_names == ("not 3", "3")
    assert plain.class_counts()["not 3"] > 5 * plain.class_counts()["3"]
    counts = balanced.class_counts()
    assert abs(counts["3"] - counts["not 3"]) <= 2  # stratified validation split may differ by one
    assert set(np.unique(plain.y_test)) == {0, 1}


def test_test_data_replaces_the_hold_out_and_all_5000_sample_digits_train():
    dataset = datasets.load_dataset("7-vs-8", data="sample", test_data=str(SHARED_MNIST), validation_split=0.0)
    assert len(dataset.x_train) == 1000 and len(dataset.x_test) == 2002
    assert "all 5,000 real handwritten digits that come with the lab" in dataset.source and str(SHARED_MNIST) in dataset.source


def test_a_test_set_alone_cannot_be_trained_on():
    with pytest.raises(ValueError, match="no training digits"):
        datasets.load_dataset("7-vs-8", data=str(SHARED_MNIST))


def test_shapes_dataset_has_fresh_test_shapes():
    dataset = datasets.load_dataset("shapes", shapes_count=200, image_size=20, validation_split=0.1)
    assert dataset.counts() == {"train": 180, "validation": 20, "test": 50}
    assert dataset.input_shape == (20, 20, 1) and dataset.class_names == ("square", "circle")


def test_folder_dataset_from_a_zip_counts_skipped_files(tmp_path):
    entries = {f"pets/cat/{i}.png": flat_png(30) for i in range(12)} | {f"pets/dog/{i}.png": flat_png(220) for i in range(12)}
    entries |= {"pets/notes.txt": b"hello", "pets/dog/broken.png": b"not a png"}
    skipped = folders.extract_image_zip(make_zip(entries), tmp_path)
    dataset = datasets.load_dataset("folder", data=str(tmp_path), image_size=16, skipped=skipped)
    assert dataset.class_names == ("cat", "dog") and dataset.input_shape == (16, 16, 1)
    assert len(dataset.x_train) + len(dataset.x_val) == 24 and np.array_equal(dataset.x_test, dataset.x_val)
    assert "2 non-image files were skipped" in dataset.source


def test_folder_task_needs_a_folder():
    with pytest.raises(ValueError, match="needs a folder"):
        datasets.load_dataset("folder", data="auto")
