"""The Train page's live charts: loss and accuracy per epoch, each with axis titles and units, a sentence and its numbers.

Accuracy is drawn on 0–100%; a loss that blew up (a diverging run) gets a log axis that says so. Colours are
Okabe–Ito (colour-blind safe) and the two per-epoch series also differ by the shape of their dots.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from core.training import curves
from core.training.progress import Progress
from views.widgets import palette
from views.widgets.announce import announce
from views.widgets.numbers import pct

CHART_HEIGHT = 150  # plot height: Start, the progress bar and both charts fit a 1024×768 screen
_FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")  # as wide as the column, as tall as asked
EPOCH_AXIS = "epoch (passes over the training pictures)"
SERIES = [curves.TRAIN_BATCH, curves.TRAIN_EPOCH, curves.VALIDATION_EPOCH]
COLOURS = alt.Scale(domain=SERIES, range=[palette.SKY_BLUE, palette.BLUE, palette.VERMILLION])
SHAPES = alt.Scale(domain=SERIES, range=["circle", "circle", "diamond"])
HUGE_LOSS = 10.0  # above this a loss axis turns logarithmic (a diverging run's loss reaches billions)


def value_axis(frame: pd.DataFrame, metric: str) -> alt.Y:
    """The y axis: accuracy in % from 0 to 100, loss from 0 (log scale, said in its title, once it blew up)."""
    if metric == "accuracy":
        return alt.Y("shown:Q", title="accuracy (%)", scale=alt.Scale(domain=[0, 100]))
    if len(frame) and frame.value.max() > HUGE_LOSS:
        return alt.Y("shown:Q", title="loss (how wrong, log scale)", scale=alt.Scale(type="symlog"))
    return alt.Y("shown:Q", title="loss (how wrong it is)", scale=alt.Scale(zero=True))


def curve_chart(frame: pd.DataFrame, metric: str, legend: bool = True) -> alt.LayerChart:
    """Lines for each series; per-epoch values also get dots (validation: diamonds), so a single epoch shows.

    Args:
        frame: :func:`core.training.curves.curve_frame` points of one metric.
        metric: ``loss`` or ``accuracy``, the chart's title.
        legend: Whether to say which colour is which series (under the plot, one name a line).

    """
    frame = frame.assign(shown=frame.value * (100 if metric == "accuracy" else 1))
    base = alt.Chart(frame, title=metric.capitalize()).encode(
        x=alt.X("epoch:Q", title=EPOCH_AXIS, axis=alt.Axis(tickMinStep=1)),
        y=value_axis(frame, metric),
        color=alt.Color(
            "series:N",
            scale=COLOURS,
            legend=alt.Legend(orient="bottom", direction="vertical", title=None, labelLimit=0) if legend else None,
        ),
        tooltip=["series", alt.Tooltip("epoch:Q", format=".2f"), alt.Tooltip("shown:Q", title=metric, format=".3f")],
    )
    dots = base.transform_filter(alt.datum.series != curves.TRAIN_BATCH).mark_point(filled=True, size=50)
    dots = dots.encode(shape=alt.Shape("series:N", scale=SHAPES, legend=None))
    return (base.mark_line() + dots).properties(height=CHART_HEIGHT, autosize=_FIT_WIDTH)


def epoch_table(progress: Progress) -> pd.DataFrame:
    """The per-epoch numbers behind the charts, accuracies as percentages."""
    rows = []
    for number, epoch in enumerate(progress.epoch_history, start=1):
        rows.append(
            {
                "epoch": number,
                "training loss": f"{float(epoch['loss']):.3f}" if "loss" in epoch else "—",
                "training accuracy": pct(epoch.get("accuracy")),
                "validation loss": f"{float(epoch['val_loss']):.3f}" if "val_loss" in epoch else "—",
                "validation accuracy": pct(epoch.get("val_accuracy")),
            }
        )
    return pd.DataFrame(rows)


def summary(progress: Progress) -> str:
    """One sentence saying what the charts show and their latest values."""
    done = len(progress.epoch_history)
    if not done:
        return "The charts show how wrong the model is (loss) and how often it is right (accuracy) as it trains; the first epoch is not over yet."
    last = progress.epoch_history[-1]
    validation = f", validation accuracy {pct(last['val_accuracy'])}" if "val_accuracy" in last else ""
    return (
        f"After epoch {done} of {progress.epochs}: training loss {float(last.get('loss', 0.0)):.3f}, "
        f"training accuracy {pct(last.get('accuracy'))}{validation}."
    )


def status(progress: Progress) -> str:
    """The sentence a screen reader hears as training goes on, e.g. "Epoch 3 of 10, validation accuracy 96%"."""
    if not progress.epoch_history:
        return f"Training, epoch {max(progress.epoch, 1)} of {progress.epochs}."
    last = progress.epoch_history[-1]
    validation = f", validation accuracy {pct(last['val_accuracy'])}" if "val_accuracy" in last else ""
    return f"Epoch {len(progress.epoch_history)} of {progress.epochs}{validation}."


def curves_panel(progress: Progress) -> None:
    """Loss and accuracy side by side (stacked on a phone), a sentence with the latest values and the numbers as a table."""
    if not progress.batch_loss:
        return
    loss_column, accuracy_column = st.columns(2)
    for column, metric in ((loss_column, "loss"), (accuracy_column, "accuracy")):
        # One legend, under the accuracy chart: both charts use the same colours.
        column.altair_chart(
            curve_chart(curves.curve_frame(progress, metric), metric, legend=metric == "accuracy"), width="stretch"
        )
    st.caption(summary(progress))
    announce(status(progress))
    if progress.epoch_history:
        with st.expander("The numbers in the charts"):
            st.dataframe(epoch_table(progress), hide_index=True, width="stretch")
