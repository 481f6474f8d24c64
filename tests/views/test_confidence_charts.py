"""The Draw page's charts of a prediction and the canvas stroke width."""

import numpy as np

from core.prediction import confidence, predict
from views.widgets import confidence_charts as charts


def test_default_stroke_ends_up_two_to_three_pixels_wide():
    assert 2.0 <= charts.stroke_at_28(charts.DEFAULT_STROKE) <= 3.0  # MNIST's pen strokes are 2-3 px wide


def test_charts_show_the_output_the_band_and_the_curve():
    gauge = charts.gauge_chart(0.83, ("7", "8"), (0.35, 0.65)).to_dict()
    datasets = str(gauge["datasets"])
    assert "0.83" in datasets and "0.35" in datasets and "0.65" in datasets and "0.5" in datasets
    assert "1 = 8" in str(gauge)
    curve = charts.sigmoid_chart(0.83, ("7", "8")).to_dict()
    assert f"{confidence.logit(0.83):.2f}" in str(curve["datasets"])
    ten = predict.to_predictions(np.eye(10)[[4]] * 0.9 + 0.01, [str(i) for i in range(10)])[0]
    bars = charts.probability_bars(ten).to_dict()
    assert bars["mark"]["type"] == "bar" and len(next(iter(bars["datasets"].values()))) == 10


def test_specs_fill_a_cached_template_with_this_answer_only():
    first, second = charts.gauge_spec(0.83, ("7", "8")), charts.gauge_spec(0.12, ("7", "8"))
    assert first["datasets"][charts.POINT]["x"].tolist() == [0.83] and second["datasets"][charts.POINT]["x"].tolist() == [0.12]
    assert {k: v for k, v in first.items() if k != "datasets"} == {k: v for k, v in second.items() if k != "datasets"}
    assert charts.POINT not in charts._gauge_template(("7", "8"), (0.4, 0.6)).get("datasets", {})  # the template is untouched
    curve = charts.sigmoid_spec(0.83, ("7", "8"))
    assert f"score {confidence.logit(0.83):.2f}" in curve["datasets"][charts.POINT]["text"][0]
    ten = predict.to_predictions(np.eye(10)[[4]] * 0.9 + 0.01, [str(i) for i in range(10)])[0]
    rows = charts.bars_spec(ten)["datasets"][charts.POINT]
    assert rows["predicted"].tolist() == [i == 4 for i in range(10)]
