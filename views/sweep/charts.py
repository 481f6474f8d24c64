"""The Sweep page's charts: overlaid validation curves, parallel coordinates and a heatmap.

Every axis has a title with its unit and ticks, accuracy is drawn on 0–100% (a zoom says so in its title),
labels are dark on light (or light on dark cells), and each chart has a sentence and its numbers as a table
(:func:`chart_with_numbers`).
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd
import streamlit as st

from core.sweeps.params import hyperparameter
from views.sweep.tables import shown
from views.widgets import palette
from views.widgets.numbers import pct

METRIC_TITLES = {"val_loss": "Validation loss", "val_accuracy": "Validation accuracy"}
AXIS_TITLES = {"val_loss": "validation loss (how wrong)", "val_accuracy": "validation accuracy (%)"}
ACCURACY_COLOURS = alt.Scale(scheme="viridis", domain=[0, 100])
ACCURACY_LEGEND = alt.Legend(title="best validation accuracy (%)", type="gradient")
DARK_CELL = 55  # accuracy (%) below which a heatmap cell of viridis is dark enough for white text
HUGE_LOSS = 10.0
BEST = "best val accuracy"


def run_name(label: str) -> str:
    """``#3 learning rate 0.1`` as the page says it: ``trial 3 · learning rate 0.1``."""
    if not label.startswith("#"):
        return label
    number, _, rest = label[1:].partition(" ")
    return f"trial {number} · {rest}" if rest else f"trial {number}"


def curves_chart(curves: pd.DataFrame, metric: str) -> alt.Chart:
    """Every trial's validation ``metric`` per epoch, one line (and dot shape) each; accuracy on 0–100%.

    A diverged trial's loss gets a log axis (said in its title), so the good trials are not flattened.
    """
    frame = curves[curves.metric == metric]
    frame = frame.assign(label=frame.label.map(run_name), shown=frame.value * (100 if metric == "val_accuracy" else 1))
    if metric == "val_accuracy":
        y = alt.Y("shown:Q", title=AXIS_TITLES[metric], scale=alt.Scale(domain=[0, 100]))
    elif len(frame) and frame.value.max() > HUGE_LOSS:
        y = alt.Y("shown:Q", title="validation loss (log scale)", scale=alt.Scale(type="symlog"))
    else:
        y = alt.Y("shown:Q", title=AXIS_TITLES[metric], scale=alt.Scale(zero=True))
    base = alt.Chart(frame, title=METRIC_TITLES[metric]).encode(
        x=alt.X("epoch:Q", title="epoch (passes over the training pictures)", axis=alt.Axis(tickMinStep=1)),
        y=y,
        color=alt.Color("label:N", title=None, legend=alt.Legend(orient="bottom", columns=1, labelLimit=0)),
        strokeDash=alt.StrokeDash("state:N", title="state", legend=None),
        tooltip=["label", "state", "epoch:Q", alt.Tooltip("shown:Q", title=METRIC_TITLES[metric], format=".3f")],
    )
    return base.mark_line() + base.mark_point(filled=True, size=40).encode(shape=alt.Shape("label:N", legend=None))


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
    """One line per trial through its varied values and its best validation accuracy, coloured by that accuracy.

    Each axis is a setting; its values are written beside the points (the vertical position is the value's
    place between the smallest and the largest tried), so every axis is labelled where it is read.
    """
    rows = []
    for key in keys:
        label = hyperparameter(key).label
        for (_, trial), place in zip(outcomes.iterrows(), _positions(outcomes[label], key), strict=True):
            rows.append(
                {
                    "trial": run_name(trial.label),
                    "axis": label,
                    "place": place,
                    "shown": shown(trial[label]),
                    "accuracy": 100 * trial[BEST],
                }
            )
    accuracy = outcomes[BEST]
    span = accuracy.max() - accuracy.min()
    for _, trial in outcomes.iterrows():
        place = (trial[BEST] - accuracy.min()) / span if span else 0.5
        rows.append(
            {
                "trial": run_name(trial.label),
                "axis": "best validation accuracy",
                "place": place,
                "shown": pct(trial[BEST]),
                "accuracy": 100 * trial[BEST],
            }
        )
    axes = [hyperparameter(k).label for k in keys] + ["best validation accuracy"]
    base = alt.Chart(pd.DataFrame(rows), title="Which settings lead where").encode(
        x=alt.X("axis:N", sort=axes, title="setting (each line is one trial)", axis=alt.Axis(labelAngle=0, labelLimit=160)),
        y=alt.Y(
            "place:Q",
            title="from the smallest value tried (bottom) to the largest (top)",
            scale=alt.Scale(domain=[0, 1]),
            axis=alt.Axis(values=[0, 0.5, 1], labelExpr="datum.value == 0 ? 'smallest' : datum.value == 1 ? 'largest' : ''"),
        ),
        color=alt.Color("accuracy:Q", scale=ACCURACY_COLOURS, title="best validation accuracy (%)", legend=ACCURACY_LEGEND),
        detail="trial:N",
        tooltip=["trial", "axis", "shown"],
    )
    points = base.mark_point(filled=True, size=50)
    labels = base.mark_text(dy=-10, fontSize=12, color=palette.INK).encode(text="shown:N", color=alt.value(palette.INK))
    return base.mark_line(opacity=0.9) + points + labels


def heatmap_chart(heatmap: pd.DataFrame, keys: tuple[str, str]) -> alt.Chart:
    """The best validation accuracy of each pair of values of two varied settings; each cell says its value."""
    x_label, y_label = (hyperparameter(k).label for k in keys)
    frame = heatmap.assign(percent=100 * heatmap[BEST], words=heatmap[BEST].map(pct))
    frame[x_label], frame[y_label] = frame[x_label].map(shown), frame[y_label].map(shown)
    base = alt.Chart(frame, title="Best validation accuracy for each pair").encode(
        x=alt.X(f"{x_label}:O", title=x_label, axis=alt.Axis(labelAngle=0)), y=alt.Y(f"{y_label}:O", title=y_label)
    )
    cells = base.mark_rect().encode(
        color=alt.Color("percent:Q", scale=ACCURACY_COLOURS, legend=ACCURACY_LEGEND),
        tooltip=[x_label, y_label, alt.Tooltip("words:N", title="best validation accuracy")],
    )
    text = base.mark_text(fontSize=13, fontWeight="bold").encode(
        text="words:N",
        color=alt.condition(f"datum.percent < {DARK_CELL}", alt.value("#FFFFFF"), alt.value(palette.BLACK)),
    )
    return cells + text


def chart_with_numbers(chart: alt.Chart, sentence: str, numbers: pd.DataFrame, title: str, column=None) -> None:
    """Draws ``chart``, the sentence that sums it up under it, and its numbers in an expander (for screen readers too)."""
    where = column if column is not None else st
    numbers = as_text(numbers)
    where.altair_chart(chart, width="stretch")
    where.caption(sentence)
    with where.expander(f"The numbers: {title}"):
        st.dataframe(numbers, hide_index=True, width="stretch")


def curves_sentence(curves: pd.DataFrame, metric: str) -> str:
    """What a curves chart shows and its latest values."""
    frame = curves[curves.metric == metric].sort_values("epoch").groupby("trial").tail(1)
    if frame.empty:
        return f"{METRIC_TITLES[metric]} per epoch of each trial: no epoch has ended yet."
    values = [
        f"{run_name(r.label)}: {pct(r.value) if metric == 'val_accuracy' else f'{r.value:.3f}'}" for r in frame.itertuples()
    ]
    return f"{METRIC_TITLES[metric]} of each trial, latest: " + "; ".join(values) + "."


def outcomes_sentence(outcomes: pd.DataFrame) -> str:
    """The best and the worst trial by best validation accuracy."""
    best, worst = outcomes.loc[outcomes[BEST].idxmax()], outcomes.loc[outcomes[BEST].idxmin()]
    return (
        f"Best: {run_name(best.label)} with {pct(best[BEST])} validation accuracy; "
        f"weakest: {run_name(worst.label)} with {pct(worst[BEST])}."
    )


def outcomes_numbers(outcomes: pd.DataFrame) -> pd.DataFrame:
    """The outcomes table as text: "—" for nothing, percentages with one decimal at most."""
    frame = outcomes.drop(columns=["label"]).copy()
    for column in frame.columns:
        frame[column] = frame[column].map(pct) if column == BEST else frame[column].map(shown)
    return frame.rename(columns={BEST: "best validation accuracy"})


def as_text(numbers: pd.DataFrame) -> pd.DataFrame:
    """A chart's numbers as a student reads them: accuracies as percentages, losses to three decimals, "—" for nothing."""
    frame = numbers.copy()
    if {"metric", "value"} <= set(frame.columns):
        frame["value"] = [pct(v) if m == "val_accuracy" else f"{v:.3f}" for v, m in zip(frame.value, frame.metric, strict=True)]
        frame["metric"] = frame.metric.map(METRIC_TITLES).fillna(frame.metric)
        frame = frame.drop(columns=[c for c in ("label",) if c in frame.columns])
    for column in frame.columns:
        if "accuracy" in str(column) and pd.api.types.is_numeric_dtype(frame[column]):
            frame[column] = frame[column].map(pct)
    return frame.rename(columns={BEST: "best validation accuracy"})
