"""Charts of the Evaluate page: confusion matrix, ROC, output histogram and calibration."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from core.inspection import evaluation


def confusion_chart(matrix: np.ndarray, names: tuple[str, ...]) -> alt.Chart:
    """The confusion matrix as a heat map with the count in each cell."""
    cells = pd.DataFrame(
        [(names[t], names[p], int(matrix[t, p])) for t in range(len(names)) for p in range(len(names))],
        columns=["true", "predicted", "count"],
    )
    base = alt.Chart(cells).encode(
        x=alt.X("predicted:N", sort=list(names), title="predicted class", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("true:N", sort=list(names), title="true class"),
    )
    heat = base.mark_rect().encode(
        color=alt.Color("count:Q", scale=alt.Scale(scheme="blues", type="symlog"), legend=None),
        tooltip=["true", "predicted", "count"],
    )
    light = alt.condition(alt.datum.count > matrix.max() / 2, alt.value("white"), alt.value("black"))
    return (heat + base.mark_text(fontSize=14 if len(names) == 2 else 11).encode(text="count:Q", color=light)).properties(
        title="Confusion matrix"
    )


def diagonal() -> alt.Chart:
    """The dashed line from (0, 0) to (1, 1): chance on a ROC curve, honesty on a calibration plot."""
    return alt.Chart(pd.DataFrame({"a": [0, 1], "b": [0, 1]})).mark_line(strokeDash=[4, 4], color="gray").encode(x="a:Q", y="b:Q")


def roc_chart(ev: evaluation.Evaluation, threshold: float) -> alt.Chart:
    """The ROC curve with the current threshold as a red dot."""
    fpr, tpr, _ = ev.roc()
    x, y = ev.roc_point(threshold)
    curve = alt.Chart(pd.DataFrame({"false-positive rate": fpr, "true-positive rate": tpr})).mark_line()
    curve = curve.encode(
        x=alt.X("false-positive rate:Q", title="false-positive rate"), y=alt.Y("true-positive rate:Q", title="true-positive rate")
    )
    chance = diagonal()
    point = alt.Chart(pd.DataFrame({"x": [x], "y": [y], "label": [f"threshold {threshold:.2f}"]}))
    point = point.mark_point(size=120, filled=True, color="red").encode(x="x:Q", y="y:Q", tooltip=["label", "x", "y"])
    auc = ev.summary(threshold).get("roc_auc", float("nan"))
    return (curve + chance + point).properties(height=320, title=f"ROC curve (AUC {auc:.4f}); red dot = current threshold")


def output_histogram(ev: evaluation.Evaluation, threshold: float) -> alt.LayerChart:
    """Sigmoid outputs per true class (log counts), with the threshold as a red rule."""
    names = ev.class_names
    outputs = pd.DataFrame({"sigmoid output": ev.outputs[:, 0], "true class": [names[i] for i in ev.labels]})
    histogram = (
        alt.Chart(outputs)
        .mark_bar(opacity=0.6)
        .encode(
            x=alt.X("sigmoid output:Q", bin=alt.Bin(maxbins=40, extent=[0, 1])),
            y=alt.Y("count():Q", stack=None, scale=alt.Scale(type="symlog"), title="images (log scale)"),
            color="true class:N",
        )
    )
    rule = alt.Chart(pd.DataFrame({"sigmoid output": [threshold]})).mark_rule(color="red").encode(x="sigmoid output:Q")
    return (histogram + rule).properties(title="Sigmoid outputs per true class")


def calibration_chart(ev: evaluation.Evaluation) -> alt.LayerChart:
    """Reliability curve against the diagonal of honest probabilities."""
    positive = ev.class_names[1]
    mean_predicted, fraction = ev.calibration()
    curve = pd.DataFrame({"mean predicted probability": mean_predicted, f"fraction that are {positive}": fraction})
    reliability = (
        alt.Chart(curve)
        .mark_line(point=True)
        .encode(
            x=alt.X("mean predicted probability:Q", title="mean predicted probability"),
            y=alt.Y(f"fraction that are {positive}:Q", title=f"fraction that are {positive}"),
        )
    )
    return (reliability + diagonal()).properties(title="Calibration: on the diagonal = honest probabilities")
