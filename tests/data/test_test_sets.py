import numpy as np
import pytest

from core.data import test_sets


def test_the_shared_mnist_folder_is_found_beside_the_repository():
    assert test_sets.SHARED_MNIST.name == "mnist" and test_sets.SHARED_MNIST.parent.name == "shared"
    real = test_sets.mnist_test_set()
    assert real is not None and real[0].shape == (10_000, 28, 28)


def test_a_missing_or_empty_folder_gives_none(tmp_path):
    assert test_sets.mnist_test_set(tmp_path / "missing") is None
    assert test_sets.mnist_test_set(tmp_path) is None


def test_dataset_options():
    assert test_sets.dataset_options({"task": "7-vs-8"}) == ("auto", {})
    choice, options = test_sets.dataset_options(
        {"task": "shapes", "input_shape": [28, 28, 1], "train_config": {"shapes_count": 400}}
    )
    assert (choice, options) == ("auto", {"image_size": 28, "shapes_count": 400, "validation_split": 0.1, "seed": 0})
    with pytest.raises(ValueError, match="no longer uploaded"):
        test_sets.dataset_options({"task": "folder", "train_config": {"data": "/no/such/folder"}})


def test_eval_set_uses_real_mnist_then_falls_back_to_the_dataset(tmp_path):
    real = test_sets.load_eval_set({"task": "7-vs-8"})
    assert len(real.images) == 2002 and real.images.shape[1:] == (28, 28, 1)
    assert np.bincount(real.labels).tolist() == [1028, 974]  # t10k's sevens and eights
    assert "the real MNIST test set" in real.source and "t10k" not in real.source
    assert test_sets.load_eval_set({"task": "7-vs-8"}, limit=50).images.shape[0] == 50
    fallback = test_sets.load_eval_set({"task": "7-vs-8"}, mnist_folder=tmp_path)
    assert set(np.unique(fallback.labels)) == {0, 1} and "kept apart from training" in fallback.source
    shapes = test_sets.load_eval_set({"task": "shapes", "input_shape": [28, 28, 1], "train_config": {"shapes_count": 200}})
    assert shapes.images.shape == (50, 28, 28, 1)


def test_a_model_file_cannot_make_the_server_draw_a_billion_shapes():
    from core.data.test_sets import MAX_SHAPES, dataset_options

    metadata = {"task": "shapes", "input_shape": [10**6, 10**6, 1], "train_config": {"shapes_count": 10**9}}
    _, options = dataset_options(metadata)
    assert options["shapes_count"] == MAX_SHAPES and options["image_size"] == 64
