import io
import zipfile

import numpy as np
import pytest
from PIL import Image

from core.data import datasets as data
from core.data import folders, shapes


@pytest.mark.parametrize(
    ("spec", "kind", "names"),
    [
        ("7-vs-8", "pair", ("7", "8")),
        ("3-vs-rest", "rest", ("not 3", "3")),
        ("digits", "digits", tuple(str(d) for d in range(10))),
        ("shapes", "shapes", ("square", "circle")),
        (" 1-VS-2 ", "pair", ("1", "2")),
    ],
)
def test_tasks_parse_with_string_class_names(spec, kind, names):
    task = data.parse_task(spec)
    assert task.kind == kind and task.default_class_names() == names


@pytest.mark.parametrize("spec", ["7-vs-7", "cats", "10-vs-1", "", "7 vs 8"])
def test_bad_tasks_are_refused_with_a_sentence(spec):
    with pytest.raises(ValueError, match="task"):
        data.parse_task(spec)


def test_pair_labels_one_means_the_second_digit():
    mask, labels = data.parse_task("7-vs-8").labels_for(np.array([7, 8, 3, 8, 7]))
    assert mask.tolist() == [True, True, False, True, True] and labels.tolist() == [0, 1, 1, 0]


def test_rest_task_sigmoid_means_the_digit_and_can_be_balanced():
    plain = data.load_dataset("3-vs-rest", data="sample")
    balanced = data.load_dataset("3-vs-rest", data="sample", balance=True)
    assert plain.class_names == ("not 3", "3")
    assert plain.class_counts()["not 3"] > 5 * plain.class_counts()["3"]
    counts = balanced.class_counts()
    assert abs(counts["3"] - counts["not 3"]) <= 2  # stratified validation split may differ by one
    assert set(np.unique(plain.y_test)) == {0, 1}


def test_mnist_dataset_keeps_uint8_pixels_and_a_test_split():
    dataset = data.load_dataset("7-vs-8", data="sample", validation_split=0.2, seed=1)
    assert dataset.x_train.dtype == np.uint8 and dataset.input_shape == (28, 28, 1)
    assert dataset.counts() == {"train": 640, "validation": 160, "test": 200}
    assert "Offline MNIST sample" in dataset.source


def test_test_data_replaces_the_hold_out(t10k):
    from conftest import SHARED_MNIST

    dataset = data.load_dataset("7-vs-8", data="sample", test_data=str(SHARED_MNIST), validation_split=0.0)
    assert len(dataset.x_train) == 1000 and len(dataset.x_test) == 2002


def test_shapes_are_deterministic_and_labelled():
    first, labels = shapes.make_shapes(40, seed=3)
    second, _ = shapes.make_shapes(40, seed=3)
    assert np.array_equal(first, second) and labels.sum() == 20
    circle = first[labels == 1][0].astype(float)
    square = first[labels == 0][0].astype(float)

    # A filled square fills its bounding box; a circle only about π/4 of it.
    def fill(image):
        rows, cols = np.nonzero(image > 127)
        return (image > 127).sum() / ((np.ptp(rows) + 1) * (np.ptp(cols) + 1))

    assert fill(square) > 0.9 and 0.6 < fill(circle) < 0.88


@pytest.mark.parametrize("kwargs", [{"count": 1}, {"count": 10, "image_size": 4}, {"count": 10, "radius_range": (0.3, 0.9)}])
def test_impossible_shapes_are_refused(kwargs):
    with pytest.raises(ValueError):
        shapes.make_shapes(**kwargs)


def _png(value: int) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(np.full((12, 12), value, np.uint8)).save(buffer, "PNG")
    return buffer.getvalue()


def _make_zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, payload in entries.items():
            archive.writestr(name, payload)
    return buffer.getvalue()


def test_folder_dataset_from_a_zip_skips_non_images(tmp_path):
    entries = {f"pets/cat/{i}.png": _png(30) for i in range(12)}
    entries |= {f"pets/dog/{i}.png": _png(220) for i in range(12)}
    entries |= {"pets/notes.txt": b"hello", "pets/dog/broken.png": b"not a png"}
    skipped = folders.extract_image_zip(_make_zip(entries), tmp_path)
    assert skipped == 2
    dataset = data.load_dataset("folder", data=str(tmp_path), image_size=16, skipped=skipped)
    assert dataset.class_names == ("cat", "dog")
    assert dataset.input_shape == (16, 16, 1) and dataset.x_train.dtype == np.uint8
    assert len(dataset.x_train) + len(dataset.x_val) == 24
    # dark images are cats (label 0), bright ones dogs (label 1)
    assert np.all((dataset.x_train.mean(axis=(1, 2, 3)) > 127) == (dataset.y_train == 1))
    assert "2 non-image files were skipped" in dataset.source


@pytest.mark.parametrize("name", ["../evil.png", "/etc/evil.png", "a/../../evil.png", "..\\evil.png"])
def test_zip_slip_is_refused(tmp_path, name):
    target = tmp_path / "target"
    target.mkdir()
    with pytest.raises(ValueError, match="outside"):
        folders.extract_image_zip(_make_zip({name: _png(1)}), target)
    assert not (tmp_path / "evil.png").exists()


def test_zip_limits(tmp_path, monkeypatch):
    monkeypatch.setattr(folders, "MAX_ZIP_FILES", 5)
    with pytest.raises(ValueError, match="limit is 5"):
        folders.extract_image_zip(_make_zip({f"a/{i}.png": _png(1) for i in range(6)}), tmp_path)
    monkeypatch.setattr(folders, "MAX_ZIP_BYTES", 1000)
    bomb = _make_zip({"a/big.png": b"\x00" * 100_000})  # compresses to almost nothing
    with pytest.raises(ValueError, match="unpacks to more than"):
        folders.extract_image_zip(bomb, tmp_path)
    with pytest.raises(ValueError, match=r"not a readable \.zip"):
        folders.extract_image_zip(b"plain text", tmp_path)


def test_one_class_only_is_refused(tmp_path):
    folders.extract_image_zip(_make_zip({f"only/{i}.png": _png(9) for i in range(4)}), tmp_path)
    with pytest.raises(ValueError, match=r"exactly two class folders with images, found 1 \(only\)"):
        data.load_dataset("folder", data=str(tmp_path))


def test_folder_task_needs_a_folder():
    with pytest.raises(ValueError, match="needs a folder"):
        data.load_dataset("folder", data="auto")


def test_empty_and_hidden_folders_beside_the_classes_are_ignored(tmp_path):
    folders.extract_image_zip(
        _make_zip({f"pets/cat/{i}.png": _png(30) for i in range(6)} | {f"pets/dog/{i}.png": _png(220) for i in range(6)}),
        tmp_path,
    )
    (tmp_path / "pets" / "empty").mkdir()
    (tmp_path / "pets" / ".cache").mkdir()
    dataset = data.load_dataset("folder", data=str(tmp_path), image_size=12)
    assert dataset.class_names == ("cat", "dog")
