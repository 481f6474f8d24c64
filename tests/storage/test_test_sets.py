"""Every accuracy names its test set; models compare on the real MNIST test set when they were measured on it."""

import json

from core.storage import names, test_sets

RUN = {
    "task": "7-vs-8",
    "test_metrics": {"accuracy": 0.99},
    "test_source": "200 held-out test images from the offline MNIST sample",
    "counts": {"test": 200},
    "real_test_metrics": {"accuracy": 0.9585, "images": 2002, "source": "the real MNIST test set (t10k)"},
}


def shipped(name):
    return json.loads((names.DEFAULT_MODELS_DIR / f"{name}.json").read_text())


def test_a_run_made_in_the_app_shows_both_sets():
    assert test_sets.describe_accuracies(RUN) == (
        "test accuracy 99.00% on 200 held-out test images from the offline MNIST sample; "
        "95.85% on 2,002 images of the real MNIST test set (t10k)"
    )
    assert test_sets.real_test_accuracy(RUN) == test_sets.Accuracy(0.9585, 2002, test_sets.REAL_TEST_SET)


def test_shipped_mnist_models_were_measured_on_the_real_test_set():
    metadata = shipped("mnist-7-vs-8")
    real = test_sets.real_test_accuracy(metadata)
    assert real.test_set == test_sets.REAL_TEST_SET and real.images == metadata["counts"]["test"] == 2002
    assert real.value == metadata["test_metrics"]["accuracy"]
    assert test_sets.describe_accuracies(metadata) == f"test accuracy {real}"  # said once, not twice


def test_shapes_and_unmeasured_models_have_no_real_test_accuracy():
    metadata = shipped("shapes-circle-vs-square")
    assert test_sets.real_test_accuracy(metadata) is None
    assert test_sets.describe_accuracies(metadata) == "test accuracy 100.00% on 1,000 held-out test images"
    uploaded = {"task": "7-vs-8", "uploaded": True}
    assert test_sets.real_test_accuracy(uploaded) is None
    assert test_sets.describe_accuracies(uploaded) == "test accuracy not measured"
    assert test_sets.describe_accuracies(RUN | {"real_test_metrics": None, "test_metrics": {"accuracy": float("nan")}}) == (
        "test accuracy not measured"
    )
