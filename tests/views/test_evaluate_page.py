"""The Evaluate page with the shipped models on a small test subset, and its charts."""

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from core.inspection import calibration, costs
from core.inspection.evaluation import Evaluation
from tests.helpers.apptest import assert_page_works, open_page
from tests.helpers.apptest import shown as as_read
from views.evaluate import charts
from views.keys import Keys
from views.widgets import palette
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
    """Each metric as a number: percentages (``99.5%``, ``>99.9%``) as fractions, the loss as it is."""
    return {m.label: float(m.value.strip("<>%")) / (100 if m.value.endswith("%") else 1) for m in at.metric}


def test_evaluate_binary_threshold_moves_the_metrics_and_galleries_show():
    at = open_page("evaluate", "mnist-7-vs-8", timeout=90)
    assert_page_works(at, "evaluate")
    shown = metrics(at)
    labels = {"Accuracy", "How wrong it is", "Right when it says so", "Real ones it finds", "Both in one number"}
    assert set(shown) == labels | {"Telling the two apart"}
    assert shown["Accuracy"] > 0.9
    values = [m.value for m in at.metric]
    assert all(v.endswith("%") for v in values[:1] + values[2:]) and not any(v.startswith("0.9") for v in values)  # never 0.9900
    plain_lines = " ".join(c.value for c in at.caption)
    assert "Of 100 test pictures, it answers" in plain_lines and "Of 100 pictures that really are 8, it finds" in plain_lines
    assert len(at.get("vega_lite_chart")) >= 4  # confusion matrix, ROC, histogram, calibration
    assert sum(e.label == "The numbers" for e in at.expander) == 4  # each chart's numbers as a table
    assert at.get("image")  # gallery tiles
    captions = [as_read(i.caption) for image in at.get("image") for i in image.proto.imgs]
    assert captions and all(" · said " in c for c in captions)  # every gallery picture says what it shows
    at.slider(key=Keys.EVALUATE_THRESHOLD).set_value(99)
    rerun(at)
    strict = metrics(at)
    assert strict["Real ones it finds"] <= shown["Real ones it finds"]
    assert strict["Right when it says so"] >= shown["Right when it says so"]
    assert strict["How wrong it is"] == shown["How wrong it is"]
    assert any("the model said 7" in m.value and "biggest mistake" in m.value for m in at.markdown)  # until a cell is clicked


def test_the_cost_slider_moves_the_threshold_to_the_cheapest_and_says_why():
    at = open_page("evaluate", "mnist-7-vs-8", timeout=90)
    threshold = at.slider(key=Keys.EVALUATE_THRESHOLD)
    assert threshold.value == 50
    at.select_slider(key=Keys.EVALUATE_COST).set_value(100)
    rerun(at)
    low = at.slider(key=Keys.EVALUATE_THRESHOLD).value
    assert low < 50
    text = " ".join(m.value for m in at.markdown)
    assert "A missed 8 costs 100 times a false 8" in text and f"threshold is **{low}%**" in text
    at.select_slider(key=Keys.EVALUATE_COST).set_value(0.05)
    rerun(at)
    assert at.slider(key=Keys.EVALUATE_THRESHOLD).value > low
    at.slider(key=Keys.EVALUATE_THRESHOLD).set_value(30)  # the student can still move it by hand
    rerun(at)
    assert "You have the threshold at 30% now" in " ".join(m.value for m in at.markdown)


def test_evaluate_ten_classes_and_shapes():
    at = open_page("evaluate", "mnist-digits", timeout=90)
    assert_page_works(at, "evaluate")
    assert "Telling the two apart" not in metrics(at)
    assert any("no threshold to move" in i.value for i in at.info)
    assert not at.slider and not at.select_slider
    choose(at, "shapes-circle-vs-square")
    assert_page_works(at, "evaluate")
    assert metrics(at)["Accuracy"] > 0.8
    assert "kept apart from training" in at.caption[0].value


def toy() -> Evaluation:
    rng = np.random.default_rng(0)
    labels = np.repeat([0, 1], 200)
    p = np.where(labels == 1, rng.beta(6, 1, 400), rng.beta(1, 6, 400)).astype(np.float32)  # sure, with a few doubts
    return Evaluation(p[:, None], labels, ("7", "8"), np.zeros((400, 28, 28, 1), np.uint8))


def test_the_histogram_names_its_axis_once():
    spec = charts.histogram_spec(charts.histogram_template(toy()), 0.3)
    titles = {layer["encoding"]["x"]["title"] for layer in spec["layer"]}
    assert titles == {"chance it is an 8 (%)"}  # one title: Vega-Lite joins different ones with ", "
    assert spec["datasets"][POINT]["threshold"].tolist() == [0.3]


def test_the_calibration_chart_labels_every_bin_with_its_count_and_greys_thin_ones():
    ev = toy()
    spec = charts.calibration_chart(ev).to_dict()
    rows = next(rows for rows in spec["datasets"].values() if rows and "images" in rows[0])
    bins = calibration.calibration_bins(ev)
    assert [r["images"] for r in rows] == bins.count.tolist() and [r["label"] for r in rows] == [f"n={n}" for n in bins.count]
    thin = [r["evidence"] for r in rows if r["images"] < calibration.MIN_COUNT]
    assert thin and all(e.startswith("fewer than") for e in thin)
    assert palette.THIN in str(spec)  # thin bins are grey (4.5:1 on white), and a triangle
    assert spec["layer"][1]["encoding"]["y"]["title"] == "share that really are 8 (%)"


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
    axes = spec["layer"][0]["encoding"]
    assert (axes["y"]["title"], axes["x"]["title"]) == ("really a …", "the model said …")
