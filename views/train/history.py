"""The Train page's "Your runs": the session's runs in a table, and chosen runs' validation curves side by side."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from core.i18n import N_, _
from core.training.run_history import RunHistory
from views.widgets import palette
from views.widgets.numbers import pct

COMPARE_HEIGHT = 240
ACCURACY_COLUMNS = ("train acc", "validation acc", "test acc", "real MNIST test acc")
TITLES = {"validation loss": N_("Validation loss"), "validation accuracy": N_("Validation accuracy")}
HEADERS = {  # the runs table's columns (core.training.run_history.RunHistory.table) in the student's language
    "train acc": N_("train acc"),
    "validation acc": N_("validation acc"),
    "test acc": N_("test acc"),
    "tested on": N_("tested on"),
    "real MNIST test acc": N_("real MNIST test acc"),
    "real MNIST test images": N_("real MNIST test images"),
    "epochs run": N_("epochs run"),
    "time (s)": N_("time (s)"),
}
HUGE_LOSS = 10.0  # a diverged run's loss: the loss axis turns logarithmic so the good runs are not flattened


def run_name(label: str) -> str:
    """``#3 · learning rate 0.1`` as the page says it: ``run 3 · learning rate 0.1``."""
    return _("run {label}").format(label=label[1:]) if label.startswith("#") else label


def clipped(frame: pd.DataFrame) -> pd.DataFrame:
    """Points whose value ran off to infinity or "not a number" (a diverged run) drawn at the top of the chart, flagged ``off``."""
    finite = np.isfinite(frame.shown.astype(float))
    top = float(frame.shown[finite].max()) if finite.any() else 1.0
    return frame.assign(shown=frame.shown.where(finite, top), off=~finite)


def comparison_chart(frame: pd.DataFrame, metric: str, legend: bool) -> alt.LayerChart:
    """One metric's per-epoch curves, one colour (and dot shape) per run; accuracy on 0–100%.

    Args:
        frame: :meth:`core.training.run_history.RunHistory.comparison` rows of one metric.
        metric: Its name, the chart's title.
        legend: Whether to show which colour is which run (under the chart, as wide as the page).

    Returns:
        Lines with a dot at each epoch; a loss that blew up gets a log axis (said in its title), so a
        diverged run shows beside good ones without flattening them.

    """
    accuracy = "accuracy" in metric
    frame = clipped(frame.assign(shown=frame.value * 100 if accuracy else frame.value))
    if accuracy:
        y = alt.Y("shown:Q", title=_("validation accuracy (%)"), scale=alt.Scale(domain=[0, 100]))
    elif frame.shown.max() > HUGE_LOSS:
        y = alt.Y("shown:Q", title=_("validation loss (log scale)"), scale=alt.Scale(type="symlog"))
    else:
        y = alt.Y("shown:Q", title=_("validation loss (how wrong)"), scale=alt.Scale(zero=True))
    lines = (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("epoch:Q", title=_("epoch (passes over the training pictures)"), axis=alt.Axis(tickMinStep=1)),
            y=y,
            color=alt.Color(
                "run:N", legend=alt.Legend(orient="bottom", direction="vertical", title=None, labelLimit=0) if legend else None
            ),
            shape=alt.Shape("run:N", legend=None),
            tooltip=[
                alt.Tooltip("run:N", title=_("run")),
                alt.Tooltip("epoch:Q", title=_("epoch"), format=".0f"),
                alt.Tooltip("shown:Q", title=_(TITLES[metric]), format=".3f"),
            ],
        )
    )
    marks = alt.Chart(frame[frame.off]).mark_point(shape="triangle-up", size=140, filled=True, color=palette.INK, aria=False)
    marks = marks.encode(
        x="epoch:Q", y="shown:Q", tooltip=[alt.Tooltip("run:N", title=_("run")), alt.Tooltip("epoch:Q", title=_("epoch"))]
    )
    return (lines + marks).properties(title=_(TITLES[metric]))  # ▲: a value that ran off (diverged), drawn at the top


def runs_table(history: RunHistory) -> pd.DataFrame:
    """The session's runs, accuracies as percentages with at most one decimal."""
    table = history.table()
    for column in ACCURACY_COLUMNS:
        if column in table:
            table[column] = [pct(float(v.rstrip("%")) / 100) if str(v).endswith("%") else "—" for v in table[column]]
    table["state"] = table["state"].map(_)
    table = table.rename(columns={"seconds": "time (s)"})
    return table.rename(columns=lambda column: _(HEADERS.get(column, column)))


def comparison_summary(frame: pd.DataFrame) -> str:
    """One sentence: each compared run's last validation accuracy."""
    last = frame[frame.metric == "validation accuracy"].sort_values("epoch").groupby("run").tail(1)
    parts = [
        _("{run}: {accuracy} after epoch {epoch}").format(run=row.run, accuracy=pct(row.value), epoch=int(row.epoch))
        for row in last.itertuples()
    ]
    return _("Validation accuracy at the end of each run: {runs}.").format(runs="; ".join(parts)) if parts else ""


def run_history_panel(history: RunHistory) -> None:
    """The table of this session's runs and the chosen runs' validation loss and accuracy side by side."""
    if not history.runs:
        return
    st.subheader(_("Your runs"))
    st.dataframe(runs_table(history), hide_index=True, width="stretch")
    numbers = st.multiselect(
        _("Compare runs (validation loss and accuracy)"),
        [run.number for run in history.runs],
        default=[run.number for run in history.runs[-2:]],
        format_func=lambda n: run_name(history.runs[n - 1].label),
    )
    frame = history.comparison(numbers)
    if frame.empty:
        st.caption(_("Runs without a validation split, or that ended before their first epoch, have no validation curve."))
        return
    frame = frame.assign(run=frame.run.map(run_name))
    st.caption(_("Each run is named by the settings that differ between the runs you compare."))
    for metric, legend in (("validation loss", False), ("validation accuracy", True)):
        chart = comparison_chart(frame[frame.metric == metric], metric, legend)
        st.altair_chart(chart, width="stretch", height=COMPARE_HEIGHT + (20 * frame.run.nunique() if legend else 0))
    st.caption(comparison_summary(frame))
    diverged = sorted(set(frame.run[~np.isfinite(frame.value.astype(float))]))
    if diverged:
        st.caption(
            _("▲ marks where a run's loss ran off to huge numbers (it diverged): {runs}, drawn at the top of the chart.").format(
                runs="; ".join(diverged)
            )
        )
    with st.expander(_("The numbers in the comparison")):
        shown = frame.assign(
            value=[pct(v) if "accuracy" in m else f"{v:.3f}" for v, m in zip(frame.value, frame.metric, strict=True)]
        )
        shown = shown.assign(metric=shown.metric.map(lambda m: _(TITLES.get(m, m))))[["run", "metric", "epoch", "value"]]
        headers = {"run": _("run"), "metric": _("measure"), "epoch": _("epoch"), "value": _("value")}
        st.dataframe(shown.rename(columns=headers), hide_index=True, width="stretch")
