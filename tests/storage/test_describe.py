import pytest

from core.storage import describe
from core.storage.names import DEFAULT_MODELS_DIR
from core.storage.saving import read_metadata


@pytest.mark.parametrize(
    ("names", "text"),
    [(["7", "8"], "7 vs 8"), (["not 3", "3"], "not 3 vs 3"), ([str(d) for d in range(10)], "10 classes"), ([], "0 classes")],
)
def test_classes_in_a_few_words(names, text):
    assert describe.classes_text({"class_names": names}) == text


def test_one_line_per_model_names_the_test_set_of_each_accuracy():
    shipped = read_metadata(DEFAULT_MODELS_DIR / "mnist-7-vs-8.keras")
    assert describe.describe_model(shipped) == (
        "7-vs-8 · 7 vs 8 · test accuracy 99.45% on 2,002 images of the real MNIST test set (t10k)"
    )
    student = {
        "task": "7-vs-8",
        "class_names": ["7", "8"],
        "counts": {"test": 200},
        "test_source": "held-out test images from the offline MNIST sample",
        "test_metrics": {"accuracy": 0.99},
        "real_test_metrics": {"accuracy": 0.9585, "images": 2002},
    }
    assert describe.describe_model(student) == (
        "7-vs-8 · 7 vs 8 · test accuracy 99.00% on 200 held-out test images from the offline MNIST sample; "
        "95.85% on 2,002 images of the real MNIST test set (t10k)"
    )
    assert describe.describe_model({"class_names": ["a", "b"]}) == "? · a vs b · test accuracy not measured"
