"""Charts of the Evaluate page: confusion matrix (clickable), ROC, output histogram and calibration.

What does not move with the threshold (the ROC curve, the histogram's bars, the calibration bins)
is built once per evaluation into a Vega-Lite template; the threshold's marks read the named
dataset :data:`views.widgets.vega.POINT`, filled in per run (see ``views.widgets.vega``).
"""

from __future__ import annotations

import functools
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from core.inspection import calibration, evaluation
from core.inspection.costs import CostChoice
from views.widgets.vega import POINT, filled

CELL = "cell"  # the confusion matrix's click selection: the clicked cell's true and predicted class
HISTOGRAM_BINS = 40


def confusion_spec(matrix: np.ndarray, names: tuple[str, ...]) -> dict[str, Any]:
    """The confusion matrix as a heat map with the count in each cell; a click selects a cell."""
    rows = [(names[t], names[p], int(matrix[t, p])) for t in range(len(names)) for p in range(len(names))]
    cells = pd.DataFrame(rows, columns=["true", "predicted", "count"])
    return filled(_confusion_template(tuple(names)), cells.assign(dark=cells["count"] > matrix.max() / 2))


@functools.lru_cache(maxsize=16)
def _confusion_template(names: tuple[str, ...]) -> dict[str, Any]:
    click = alt.selection_point(name=CELL, fields=["true", "predicted"], on="click", clear="dblclick", empty=False)
    base = alt.Chart(alt.NamedData(POINT)).encode(
        x=alt.X("predicted:N", sort=list(names), title="predicted class", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("true:N", sort=list(names), title="true class"),
    )
    heat = (
        base.mark_rect(cursor="pointer")
        .encode(
            color=alt.Color("count:Q", scale=alt.Scale(scheme="blues", type="symlog"), legend=None),
            stroke=alt.condition(click, alt.value("#d7263d"), alt.value(None)),
            strokeWidth=alt.condition(click, alt.value(3), alt.value(0)),
            tooltip=["true:N", "predicted:N", "count:Q"],
        )
        .add_params(click)
    )
    light = alt.condition(alt.datum.dark, alt.value("white"), alt.value("black"))
    text = base.mark_text(fontSize=14 if len(names) == 2 else 11).encode(text="count:Q", color=light)
    return (heat + text).properties(title="Confusion matrix (click a cell to see its images)").to_dict()


def diagonal() -> alt.Chart:
    """The dashed line from (0, 0) to (1, 1): chance on a ROC curve, honesty on a calibration plot."""
    return alt.Chart(pd.DataFrame({"a": [0, 1], "b": [0, 1]})).mark_line(strokeDash=[4, 4], color="gray").encode(x="a:Q", y="b:Q")


def roc_template(ev: evaluation.Evaluation) -> dict[str, Any]:
    """The ROC curve and the chance line, with room for the thresholds' dots (build once per evaluation)."""
    fpr, tpr, _ = ev.roc()
    x = alt.X("false-positive rate:Q", title="false-positive rate", scale=alt.Scale(domain=[0, 1]))
    y = alt.Y("true-positive rate:Q", title="true-positive rate", scale=alt.Scale(domain=[0, 1]))
    curve = alt.Chart(pd.DataFrame({"false-positive rate": fpr, "true-positive rate": tpr})).mark_line().encode(x=x, y=y)
    kinds = alt.Scale(domain=["current threshold", "cheapest threshold"], range=["#d7263d", "#f28c28"])
    dots = alt.Chart(alt.NamedData(POINT)).mark_point(size=140, filled=True, opacity=1).encode(
        x=x, y=y, color=alt.Color("kind:N", scale=kinds, title=None, legend=alt.Legend(orient="bottom-right")),
        shape=alt.Shape("kind:N", scale=alt.Scale(domain=kinds.domain, range=["circle", "diamond"]), legend=None),
        tooltip=["kind:N", alt.Tooltip("threshold:Q", format=".2f"), "false-positive rate:Q", "true-positive rate:Q"],
    )  # fmt: skip
    auc = ev.summary().get("roc_auc", float("nan"))
    return (curve + diagonal() + dots).properties(height=320, title=f"ROC curve (AUC {auc:.4f})").to_dict()


def roc_spec(template: dict[str, Any], ev: evaluation.Evaluation, threshold: float, cheapest: CostChoice) -> dict[str, Any]:
    """The ROC template with the current threshold (red) and the cost-optimal one (orange) on the curve."""
    marks = [("current threshold", threshold), ("cheapest threshold", cheapest.threshold)]
    rows = [(kind, t, *ev.roc_point(t)) for kind, t in marks]
    return filled(template, pd.DataFrame(rows, columns=["kind", "threshold", "false-positive rate", "true-positive rate"]))


def histogram_template(ev: evaluation.Evaluation) -> dict[str, Any]:
    """Sigmoid outputs per true class in 40 bins (log counts), with room for the threshold's rule."""
    names, title = ev.class_names, f"sigmoid output = P({ev.class_names[1]})"
    edges = np.linspace(0, 1, HISTOGRAM_BINS + 1)
    parts = [(names[label], *np.histogram(ev.outputs[ev.labels == label, 0], edges)) for label in range(len(names))]
    bars = pd.DataFrame(
        [(name, edges[i], edges[i + 1], int(n)) for name, counts, _ in parts for i, n in enumerate(counts) if n],
        columns=["true class", "from", "to", "images"],
    )
    x = alt.X("from:Q", title=title, scale=alt.Scale(domain=[0, 1]))
    histogram = alt.Chart(bars).mark_bar(opacity=0.6, binSpacing=0).encode(
        x=x, x2="to:Q", y=alt.Y("images:Q", stack=None, scale=alt.Scale(type="symlog"), title="images (log scale)"),
        color="true class:N", tooltip=["true class:N", "from:Q", "to:Q", "images:Q"],
    )  # fmt: skip
    rule = alt.Chart(alt.NamedData(POINT)).mark_rule(color="red", strokeWidth=2).encode(x=alt.X("threshold:Q", title=title))
    return (histogram + rule).properties(title="Sigmoid outputs per true class; red = threshold").to_dict()


def histogram_spec(template: dict[str, Any], threshold: float) -> dict[str, Any]:
    """The histogram template with the threshold's rule."""
    return filled(template, pd.DataFrame({"threshold": [threshold]}))


def calibration_chart(ev: evaluation.Evaluation) -> alt.LayerChart:
    """Reliability curve against the diagonal, each bin labelled with its count; thin bins grey and off the line."""
    positive = ev.class_names[1]
    bins = calibration.calibration_bins(ev)
    share = f"fraction that are {positive}"
    frame = pd.DataFrame(
        {
            "mean predicted probability": bins.mean_predicted,
            share: bins.fraction,
            "images": bins.count,
            "evidence": np.where(bins.enough, "enough images", f"fewer than {calibration.MIN_COUNT} images"),
            "label": [f"n={n}" for n in bins.count],
        }
    )
    x = alt.X("mean predicted probability:Q", title=f"mean predicted P({positive})", scale=alt.Scale(domain=[0, 1]))
    y = alt.Y(f"{share}:Q", title=share, scale=alt.Scale(domain=[0, 1]))
    colours = alt.Scale(domain=["enough images", f"fewer than {calibration.MIN_COUNT} images"], range=["#3d5a80", "#c8c8c8"])
    base = alt.Chart(frame).encode(x=x, y=y)
    line = base.transform_filter(alt.datum.evidence == "enough images").mark_line(color="#3d5a80")
    dots = base.mark_point(filled=True, size=70, opacity=1).encode(
        color=alt.Color("evidence:N", scale=colours, title=None, legend=alt.Legend(orient="bottom-right")),
        tooltip=["mean predicted probability:Q", f"{share}:Q", "images:Q"],
    )
    counts = base.mark_text(dy=-10, fontSize=10).encode(text="label:N", color=alt.Color("evidence:N", scale=colours, legend=None))
    return (line + dots + counts + diagonal()).properties(title="Calibration (n = images in each bin)")
