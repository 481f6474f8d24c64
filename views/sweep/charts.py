"""The Sweep page's charts: overlaid validation curves, parallel coordinates and a heatmap."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from core.sweeps.params import hyperparameter

METRIC_TITLES = {"val_loss": "Validation loss", "val_accuracy": "Validation accuracy"}
ACCURACY_COLOURS = alt.Scale(scheme="viridis")
ACCURACY_LEGEND = alt.Legend(format=".1%", type="gradient")  # a colour ramp: lines would otherwise list each value


def curves_chart(curves: pd.DataFrame, metric: str) -> alt.Chart:
    """Every trial's validation ``metric`` per epoch, one line each, the axis zoomed to the data."""
    frame = curves[curves.metric == metric]
    low, high = (frame.value.min(), frame.value.max()) if len(frame) else (0.0, 1.0)
    pad = (high - low) * 0.05 or 0.01
    base = alt.Chart(frame, title=METRIC_TITLES[metric]).encode(
        x=alt.X("epoch:Q", title="epoch", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("value:Q", title=None, scale=alt.Scale(domain=[low - pad, high + pad], zero=False, nice=False)),
        color=alt.Color("label:N", title=None, legend=alt.Legend(orient="bottom", columns=1, labelLimit=0)),
        strokeDash=alt.StrokeDash("state:N", title="state", legend=None),
        tooltip=["label", "state", "epoch:Q", alt.Tooltip("value:Q", format=".4f")],
    )
    return base.mark_line() + base.mark_point(filled=True, size=30)


def _positions(values: pd.Series, key: str) -> pd.Series:
    """Each value's place from 0 to 1 along its axis: log scale for learning rates and batch sizes, order for words."""
    knob = hyperparameter(key)
    if knob.numeric:
        numbers = values.astype(float).map(math.log10) if knob.log else values.astype(float)
        span = numbers.max() - numbers.min()
        return (numbers - numbers.min()) / span if span else numbers * 0 + 0.5
    order = sorted(values.astype(str).unique())
    return values.astype(str).map(lambda v: order.index(v) / max(1, len(order) - 1))


def parallel_chart(outcomes: pd.DataFrame, keys: tuple[str, ...]) -> alt.Chart:
    """One line per trial through its varied values and its best validation accuracy, coloured by that accuracy."""
    rows = []
    accuracy = outcomes["best val accuracy"]
    for key in keys:
        label = hyperparameter(key).label
        for (_, trial), place in zip(outcomes.iterrows(), _positions(outcomes[label], key), strict=True):
            rows.append(
                {
                    "trial": trial.label,
                    "axis": label,
                    "place": place,
                    "shown": str(trial[label]),
                    "accuracy": trial["best val accuracy"],
                }
            )
    span = accuracy.max() - accuracy.min()
    for _, trial in outcomes.iterrows():
        place = (trial["best val accuracy"] - accuracy.min()) / span if span else 0.5
        rows.append(
            {
                "trial": trial.label,
                "axis": "best val accuracy",
                "place": place,
                "shown": f"{trial['best val accuracy']:.2%}",
                "accuracy": trial["best val accuracy"],
            }
        )
    axes = [hyperparameter(k).label for k in keys] + ["best val accuracy"]
    base = alt.Chart(pd.DataFrame(rows), title="Which settings lead where").encode(
        x=alt.X("axis:N", sort=axes, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("place:Q", axis=None),
        color=alt.Color("accuracy:Q", scale=ACCURACY_COLOURS, title="best val accuracy", legend=ACCURACY_LEGEND),
        detail="trial:N",
        tooltip=["trial", "axis", "shown"],
    )
    return base.mark_line(opacity=0.8) + base.mark_text(dy=-8, fontSize=10).encode(text="shown:N")


def heatmap_chart(heatmap: pd.DataFrame, keys: tuple[str, str]) -> alt.Chart:
    """The best validation accuracy of each pair of values of two varied hyperparameters."""
    x_label, y_label = (hyperparameter(k).label for k in keys)
    base = alt.Chart(heatmap, title="Best validation accuracy").encode(
        x=alt.X(f"{x_label}:O", title=x_label), y=alt.Y(f"{y_label}:O", title=y_label)
    )
    cells = base.mark_rect().encode(
        color=alt.Color("best val accuracy:Q", scale=ACCURACY_COLOURS, legend=ACCURACY_LEGEND),
        tooltip=[x_label, y_label, alt.Tooltip("best val accuracy:Q", format=".2%")],
    )
    return cells + base.mark_text(color="white").encode(text=alt.Text("best val accuracy:Q", format=".1%"))
