import numpy as np
import pytest

from core.data import folder_images, folders
from tests.helpers.files import flat_png, make_zip


@pytest.fixture
def pets(tmp_path):
    entries = {f"pets/cat/{i}.png": flat_png(30) for i in range(10)} | {f"pets/dog/{i}.png": flat_png(220) for i in range(10)}
    folders.extract_image_zip(make_zip(entries), tmp_path)
    return tmp_path


def test_two_class_folders_become_labelled_arrays(pets):
    images = folder_images.load_image_folder(pets, (16, 16), channels=1, validation_split=0.2, seed=1)
    assert images.class_names == ("cat", "dog") and images.skipped == 0
    assert images.x_train.shape == (16, 16, 16, 1) and images.x_val.shape == (4, 16, 16, 1)
    assert images.x_train.dtype == np.uint8
    # dark images are cats (label 0), bright ones dogs (label 1)
    assert np.all((images.x_train.mean(axis=(1, 2, 3)) > 127) == (images.y_train == 1))


def test_colour_and_a_wrapper_folder(pets):
    images = folder_images.load_image_folder(pets / "pets", (8, 8), channels=3)
    assert images.x_train.shape[1:] == (8, 8, 3)


def test_empty_and_hidden_folders_beside_the_classes_are_ignored(pets):
    (pets / "pets" / "empty").mkdir()
    (pets / "pets" / ".cache").mkdir()
    root, names = folder_images.find_class_folders(pets)
    assert root == pets / "pets" and names == ["cat", "dog"]


def test_one_class_only_is_refused(tmp_path):
    folders.extract_image_zip(make_zip({f"only/{i}.png": flat_png(9) for i in range(4)}), tmp_path)
    with pytest.raises(ValueError, match=r"exactly two class folders with images, found 1 \(only\)"):
        folder_images.load_image_folder(tmp_path)


def test_an_unreadable_image_is_named(pets):
    (pets / "pets" / "cat" / "broken.png").write_bytes(b"not a png")
    with pytest.raises(ValueError, match=r"broken\.png looks like a picture but cannot be read"):
        folder_images.load_image_folder(pets)


def test_too_few_pictures_per_class_are_counted_in_the_labs_words(tmp_path):
    folders.extract_image_zip(make_zip({"pets/cat/0.png": flat_png(30), "pets/dog/0.png": flat_png(220)}), tmp_path)
    with pytest.raises(ValueError) as caught:
        folder_images.load_image_folder(tmp_path)
    message = str(caught.value)
    assert message.startswith("Found 1 picture in 'cat' and 1 picture in 'dog'; each class needs at least 5 pictures")
    assert str(tmp_path) not in message and "Allowed formats" not in message and "directory" not in message


def test_a_missing_folder_is_named_without_its_server_path(tmp_path):
    with pytest.raises(ValueError) as caught:
        folder_images.load_image_folder(tmp_path / "sigmoid-lab-upload-gone")
    assert str(tmp_path) not in str(caught.value) and "upload the zip again" in str(caught.value)
