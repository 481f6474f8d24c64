import pytest

from core.storage import describe


@pytest.mark.parametrize(
    ("metadata", "line"),
    [
        (
            {"task": "7-vs-8", "class_names": ["7", "8"], "test_metrics": {"accuracy": 0.9945}},
            "7-vs-8 · 7 vs 8 · test accuracy 99.45%",
        ),
        (
            {"task": "digits", "class_names": [str(d) for d in range(10)], "test_metrics": {"accuracy": 1}},
            "digits · 10 classes · test accuracy 100.00%",
        ),
        (
            {"task": "shapes", "class_names": ["square", "circle"], "test_metrics": {"accuracy": float("nan")}},
            "shapes · square vs circle · test accuracy not measured",
        ),
        ({"class_names": ["a", "b"], "test_metrics": None}, "? · a vs b · test accuracy not measured"),
        (
            {"task": "folder", "class_names": ["a", "b"], "test_metrics": {"accuracy": None}},
            "folder · a vs b · test accuracy not measured",
        ),
    ],
)
def test_one_line_per_model(metadata, line):
    assert describe.describe_model(metadata) == line


def test_accuracy_is_never_a_number_that_was_not_measured():
    assert describe.describe_accuracy({}) == "not measured"
    assert describe.describe_accuracy({"test_metrics": {"accuracy": True}}) == "not measured"
    assert describe.describe_accuracy({"test_metrics": {"accuracy": 0.5}}) == "50.00%"
