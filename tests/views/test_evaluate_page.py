"""The Evaluate page with the shipped models on a small test subset, and its charts."""

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from core.inspection import calibration, costs
from core.inspection.evaluation import Evaluation
from tests.helpers.apptest import assert_page_works, open_page
from views.evaluate import charts
from views.keys import Keys
from views.widgets.vega import POINT


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
    at.slider(key=Keys.EVALUATE_THRESHOLD).set_value(0.99)
    rerun(at)
    strict = metrics(at)
    assert strict["Recall"] <= shown["Recall"] and strict["Precision"] >= shown["Precision"]
    assert strict["Loss"] == shown["Loss"]
    assert any("predicted 7" in m.value and "biggest mistake" in m.value for m in at.markdown)  # until a cell is clicked


def test_the_cost_slider_moves_the_threshold_to_the_cheapest_and_says_why():
    at = open_page("evaluate", "mnist-7-vs-8", timeout=90)
    threshold = at.slider(key=Keys.EVALUATE_THRESHOLD)
    assert threshold.value == 0.5
    at.select_slider(key=Keys.EVALUATE_COST).set_value(100)
    rerun(at)
    low = at.slider(key=Keys.EVALUATE_THRESHOLD).value
    assert low < 0.5
    text = " ".join(m.value for m in at.markdown)
    assert "A missed 8 costs 100 times a false 8" in text and f"threshold is **{low:.2f}**" in text
    at.select_slider(key=Keys.EVALUATE_COST).set_value(0.05)
    rerun(at)
    assert at.slider(key=Keys.EVALUATE_THRESHOLD).value > low
    at.slider(key=Keys.EVALUATE_THRESHOLD).set_value(0.3)  # the student can still move it by hand
    rerun(at)
    assert "You have the threshold at 0.30 now" in " ".join(m.value for m in at.markdown)


def test_evaluate_ten_classes_and_shapes():
    at = open_page("evaluate", "mnist-digits", timeout=90)
    assert_page_works(at, "evaluate")
    assert "ROC AUC" not in metrics(at)
    assert any("argmax" in i.value for i in at.info)
    assert not at.slider and not at.select_slider
    choose(at, "shapes-circle-vs-square")
    assert_page_works(at, "evaluate")
    assert metrics(at)["Accuracy"] > 0.8
    assert "test split" in at.caption[0].value


def toy() -> Evaluation:
    rng = np.random.default_rng(0)
    labels = np.repeat([0, 1], 200)
    p = np.where(labels == 1, rng.beta(6, 1, 400), rng.beta(1, 6, 400)).astype(np.float32)  # sure, with a few doubts
    return Evaluation(p[:, None], labels, ("7", "8"), np.zeros((400, 28, 28, 1), np.uint8))


def test_the_histogram_names_its_axis_once():
    spec = charts.histogram_spec(charts.histogram_template(toy()), 0.3)
    titles = {layer["encoding"]["x"]["title"] for layer in spec["layer"]}
    assert titles == {"sigmoid output = P(8)"}  # one title: Vega-Lite joins different ones with ", "
    assert spec["datasets"][POINT]["threshold"].tolist() == [0.3]


def test_the_calibration_chart_labels_every_bin_with_its_count_and_greys_thin_ones():
    ev = toy()
    spec = charts.calibration_chart(ev).to_dict()
    rows = next(rows for rows in spec["datasets"].values() if rows and "images" in rows[0])
    bins = calibration.calibration_bins(ev)
    assert [r["images"] for r in rows] == bins.count.tolist() and [r["label"] for r in rows] == [f"n={n}" for n in bins.count]
    thin = [r["evidence"] for r in rows if r["images"] < calibration.MIN_COUNT]
    assert thin and all(e.startswith("fewer than") for e in thin)
    assert "#c8c8c8" in str(spec)  # thin bins are grey


def test_the_roc_chart_marks_the_current_and_the_cheapest_threshold():
    ev = toy()
    cheapest = costs.cheapest_threshold(ev, 20)
    rows = charts.roc_spec(charts.roc_template(ev), ev, 0.5, cheapest)["datasets"][POINT]
    assert rows["kind"].tolist() == ["current threshold", "cheapest threshold"]
    assert rows["threshold"].tolist() == [0.5, cheapest.threshold] and cheapest.threshold < 0.5
    assert (rows["false-positive rate"].tolist()[1], rows["true-positive rate"].tolist()[1]) == ev.roc_point(cheapest.threshold)


def test_the_confusion_matrix_is_clickable_by_cell():
    spec = charts.confusion_spec(np.array([[90, 10], [3, 97]]), ("7", "8"))
    params = spec.get("params", []) + [p for layer in spec["layer"] for p in layer.get("params", [])]
    assert [(p["name"], p["select"]["type"], p["select"]["fields"]) for p in params] == [
        (charts.CELL, "point", ["true", "predicted"])
    ]
    assert spec["datasets"][POINT]["count"].tolist() == [90, 10, 3, 97]
