"""The Evaluate page with the shipped models on a small test subset."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers.apptest import assert_page_works, open_page


@pytest.fixture(autouse=True)
def small_evaluation(monkeypatch):
    monkeypatch.setenv("SIGMOID_LAB_EVAL_LIMIT", "300")


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


def choose(at: AppTest, model: str) -> AppTest:
    """Picks the active model in the sidebar, as a student would."""
    picker = at.sidebar.selectbox[0]
    assert picker.label == "Active model"
    if picker.value != model:
        picker.set_value(model)
        rerun(at)
    return at


def metrics(at: AppTest) -> dict[str, float]:
    return {m.label: float(m.value) for m in at.metric}


def test_evaluate_binary_threshold_moves_the_metrics_and_galleries_show():
    at = open_page("evaluate", "mnist-7-vs-8", timeout=90)
    assert_page_works(at, "evaluate")
    shown = metrics(at)
    assert set(shown) == {"Accuracy", "Loss", "Precision", "Recall", "F1", "ROC AUC"}
    assert shown["Accuracy"] > 0.9
    assert len(at.get("vega_lite_chart")) >= 4  # confusion matrix, ROC, histogram, calibration
    assert at.get("image")  # gallery tiles
    at.slider[0].set_value(0.99)
    rerun(at)
    strict = metrics(at)
    assert strict["Recall"] <= shown["Recall"] and strict["Precision"] >= shown["Precision"]
    assert strict["Loss"] == shown["Loss"]
    cells = at.selectbox(key="evaluate_cell").options
    assert any("predicted as 7" in c for c in cells)


def test_evaluate_ten_classes_and_shapes():
    at = open_page("evaluate", "mnist-digits", timeout=90)
    assert_page_works(at, "evaluate")
    assert "ROC AUC" not in metrics(at)
    assert any("argmax" in i.value for i in at.info)
    assert not at.slider
    choose(at, "shapes-circle-vs-square")
    assert_page_works(at, "evaluate")
    assert metrics(at)["Accuracy"] > 0.8
    assert "test split" in at.caption[0].value
