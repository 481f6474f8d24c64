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

from core.i18n import N_, _
from core.sweeps.params import hyperparameter
from views.sweep.tables import BEST, BEST_WORDS, METRIC_TITLES, as_text, shown
from views.widgets import palette
from views.widgets.numbers import pct

AXIS_TITLES = {"val_loss": N_("validation loss (how wrong)"), "val_accuracy": N_("validation accuracy (%)")}
ACCURACY_COLOURS = alt.Scale(scheme="viridis", domain=[0, 100])
EPOCH_AXIS = N_("epoch (passes over the training pictures)")


def accuracy_legend() -> alt.Legend:
    """The colour legend of best validation accuracy, in the student's language."""
    return alt.Legend(title=_("best validation accuracy (%)"), type="gradient")


DARK_CELL = 45  # accuracy (%) below which a viridis cell takes white text (both ways at least 4.5:1, worked out from viridis)
HUGE_LOSS = 10.0


def run_name(label: str) -> str:
    """``#3 learning rate 0.1`` as the page says it: ``trial 3 · learning rate 0.1``."""
    if not label.startswith("#"):
        return label
    number, _space, rest = label[1:].partition(" ")
    return (
        _("trial {number} · {values}").format(number=number, values=rest) if rest else _("trial {number}").format(number=number)
    )


def curves_chart(curves: pd.DataFrame, metric: str) -> alt.Chart:
    """Every trial's validation ``metric`` per epoch, one line (and dot shape) each; accuracy on 0–100%.

    A diverged trial's loss gets a log axis (said in its title), so the good trials are not flattened.
    """
    frame = curves[curves.metric == metric]
    frame = frame.assign(label=frame.label.map(run_name), shown=frame.value * (100 if metric == "val_accuracy" else 1))
    if metric == "val_accuracy":
        y = alt.Y("shown:Q", title=_(AXIS_TITLES[metric]), scale=alt.Scale(domain=[0, 100]))
    elif len(frame) and frame.value.max() > HUGE_LOSS:
        y = alt.Y("shown:Q", title=_("validation loss (log scale)"), scale=alt.Scale(type="symlog"))
    else:
        y = alt.Y("shown:Q", title=_(AXIS_TITLES[metric]), scale=alt.Scale(zero=True))
    base = alt.Chart(frame, title=_(METRIC_TITLES[metric])).encode(
        x=alt.X("epoch:Q", title=_(EPOCH_AXIS), axis=alt.Axis(tickMinStep=1)),
        y=y,
        color=alt.Color("label:N", title=None, legend=alt.Legend(orient="bottom", columns=1, labelLimit=0)),
        strokeDash=alt.StrokeDash("state:N", title=_("state"), legend=None),
        tooltip=[
            alt.Tooltip("label:N", title=_("trial")),
            alt.Tooltip("state:N", title=_("state")),
            alt.Tooltip("epoch:Q", title=_("epoch")),
            alt.Tooltip("shown:Q", title=_(METRIC_TITLES[metric]), format=".3f"),
        ],
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
        for (_index, trial), place in zip(outcomes.iterrows(), _positions(outcomes[label], key), strict=True):
            rows.append(
                {
                    "trial": run_name(trial.label),
                    "axis": hyperparameter(key).words,
                    "place": place,
                    "shown": shown(trial[label]),
                    "accuracy": 100 * trial[BEST],
                }
            )
    accuracy = outcomes[BEST]
    span = accuracy.max() - accuracy.min()
    for _index, trial in outcomes.iterrows():
        place = (trial[BEST] - accuracy.min()) / span if span else 0.5
        rows.append(
            {
                "trial": run_name(trial.label),
                "axis": _(BEST_WORDS),
                "place": place,
                "shown": pct(trial[BEST]),
                "accuracy": 100 * trial[BEST],
            }
        )
    axes = [hyperparameter(k).words for k in keys] + [_(BEST_WORDS)]
    smallest, largest = _("smallest").replace("'", ""), _("largest").replace("'", "")
    base = alt.Chart(pd.DataFrame(rows), title=_("Which settings lead where")).encode(
        x=alt.X("axis:N", sort=axes, title=_("setting (each line is one trial)"), axis=alt.Axis(labelAngle=0, labelLimit=160)),
        y=alt.Y(
            "place:Q",
            title=_("from the smallest value tried (bottom) to the largest (top)"),
            scale=alt.Scale(domain=[0, 1]),
            axis=alt.Axis(
                values=[0, 0.5, 1],
                labelExpr=f"datum.value == 0 ? '{smallest}' : datum.value == 1 ? '{largest}' : ''",
            ),
        ),
        color=alt.Color("accuracy:Q", scale=ACCURACY_COLOURS, title=_("best validation accuracy (%)"), legend=accuracy_legend()),
        detail="trial:N",
        tooltip=[
            alt.Tooltip("trial:N", title=_("trial")),
            alt.Tooltip("axis:N", title=_("setting")),
            alt.Tooltip("shown:N", title=_("value")),
        ],
    )
    points = base.mark_point(filled=True, size=50)
    labels = base.mark_text(dy=-10, fontSize=12, color=palette.INK).encode(text="shown:N", color=alt.value(palette.INK))
    return base.mark_line(opacity=0.9) + points + labels


def heatmap_chart(heatmap: pd.DataFrame, keys: tuple[str, str]) -> alt.Chart:
    """The best validation accuracy of each pair of values of two varied settings; each cell says its value."""
    x_label, y_label = (hyperparameter(k).label for k in keys)
    x_words, y_words = (hyperparameter(k).words for k in keys)
    frame = heatmap.assign(percent=100 * heatmap[BEST], words=heatmap[BEST].map(pct))
    frame[x_label], frame[y_label] = frame[x_label].map(shown), frame[y_label].map(shown)
    base = alt.Chart(frame, title=_("Best validation accuracy for each pair")).encode(
        x=alt.X(f"{x_label}:O", title=x_words, axis=alt.Axis(labelAngle=0)), y=alt.Y(f"{y_label}:O", title=y_words)
    )
    cells = base.mark_rect().encode(
        color=alt.Color("percent:Q", scale=ACCURACY_COLOURS, legend=accuracy_legend()),
        tooltip=[
            alt.Tooltip(f"{x_label}:N", title=x_words),
            alt.Tooltip(f"{y_label}:N", title=y_words),
            alt.Tooltip("words:N", title=_(BEST_WORDS)),
        ],
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
    with where.expander(_("The numbers: {title}").format(title=title)):
        st.dataframe(numbers, hide_index=True, width="stretch")


def curves_sentence(curves: pd.DataFrame, metric: str) -> str:
    """What a curves chart shows and its latest values."""
    frame = curves[curves.metric == metric].sort_values("epoch").groupby("trial").tail(1)
    if frame.empty:
        return _("{measure} per epoch of each trial: no epoch has ended yet.").format(measure=_(METRIC_TITLES[metric]))
    values = [
        f"{run_name(r.label)}: {pct(r.value) if metric == 'val_accuracy' else f'{r.value:.3f}'}" for r in frame.itertuples()
    ]
    return _("{measure} of each trial, latest: {values}.").format(measure=_(METRIC_TITLES[metric]), values="; ".join(values))


def outcomes_sentence(outcomes: pd.DataFrame) -> str:
    """The best and the worst trial by best validation accuracy."""
    best, worst = outcomes.loc[outcomes[BEST].idxmax()], outcomes.loc[outcomes[BEST].idxmin()]
    return _("Best: {best} with {best_accuracy} validation accuracy; weakest: {weakest} with {weakest_accuracy}.").format(
        best=run_name(best.label),
        best_accuracy=pct(best[BEST]),
        weakest=run_name(worst.label),
        weakest_accuracy=pct(worst[BEST]),
    )
