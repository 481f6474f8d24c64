"""The Train page's live charts: loss and accuracy per epoch, each with axis titles and units, a sentence and its numbers.

Accuracy is drawn on 0–100%; a loss that blew up (a diverging run) gets a log axis that says so. Colours are
Okabe–Ito (colour-blind safe) and the two per-epoch series also differ by the shape of their dots.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from core.i18n import N_, _
from core.training import curves
from core.training.progress import Progress
from views.widgets import palette
from views.widgets.announce import announce
from views.widgets.numbers import pct

CHART_HEIGHT = 150  # plot height: Start, the progress bar and both charts fit a 1024×768 screen
_FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")  # as wide as the column, as tall as asked
EPOCH_AXIS = N_("epoch (passes over the training pictures)")
SERIES = [curves.TRAIN_BATCH, curves.TRAIN_EPOCH, curves.VALIDATION_EPOCH]
COLOURS = [palette.SKY_BLUE, palette.BLUE, palette.VERMILLION]
SHAPES = ["circle", "circle", "diamond"]
TITLES = {"loss": N_("Loss"), "accuracy": N_("Accuracy")}
HUGE_LOSS = 10.0  # above this a loss axis turns logarithmic (a diverging run's loss reaches billions)


def value_axis(frame: pd.DataFrame, metric: str) -> alt.Y:
    """The y axis: accuracy in % from 0 to 100, loss from 0 (log scale, said in its title, once it blew up)."""
    if metric == "accuracy":
        return alt.Y("shown:Q", title=_("accuracy (%)"), scale=alt.Scale(domain=[0, 100]))
    if len(frame) and frame.value.max() > HUGE_LOSS:
        return alt.Y("shown:Q", title=_("loss (how wrong, log scale)"), scale=alt.Scale(type="symlog"))
    return alt.Y("shown:Q", title=_("loss (how wrong it is)"), scale=alt.Scale(zero=True))


def curve_chart(frame: pd.DataFrame, metric: str, legend: bool = True) -> alt.LayerChart:
    """Lines for each series; per-epoch values also get dots (validation: diamonds), so a single epoch shows.

    Args:
        frame: :func:`core.training.curves.curve_frame` points of one metric.
        metric: ``loss`` or ``accuracy``, the chart's title.
        legend: Whether to say which colour is which series (under the plot, one name a line).

    """
    frame = frame.assign(shown=frame.value * (100 if metric == "accuracy" else 1), series=frame.series.map(_))
    names = [_(series) for series in SERIES]  # the legend in the student's language
    base = alt.Chart(frame, title=_(TITLES[metric])).encode(
        x=alt.X("epoch:Q", title=_(EPOCH_AXIS), axis=alt.Axis(tickMinStep=1)),
        y=value_axis(frame, metric),
        color=alt.Color(
            "series:N",
            scale=alt.Scale(domain=names, range=COLOURS),
            legend=alt.Legend(orient="bottom", direction="vertical", title=None, labelLimit=0) if legend else None,
        ),
        tooltip=[
            alt.Tooltip("series:N", title=_("series")),
            alt.Tooltip("epoch:Q", title=_("epoch"), format=".2f"),
            alt.Tooltip("shown:Q", title=_(TITLES[metric]), format=".3f"),
        ],
    )
    dots = base.transform_filter(alt.datum.series != names[0]).mark_point(filled=True, size=50, aria=False)
    dots = dots.encode(shape=alt.Shape("series:N", scale=alt.Scale(domain=names, range=SHAPES), legend=None))
    return (base.mark_line() + dots).properties(height=CHART_HEIGHT, autosize=_FIT_WIDTH)


def epoch_table(progress: Progress) -> pd.DataFrame:
    """The per-epoch numbers behind the charts, accuracies as percentages."""
    rows = []
    for number, epoch in enumerate(progress.epoch_history, start=1):
        rows.append(
            {
                _("epoch"): number,
                _("training loss"): f"{float(epoch['loss']):.3f}" if "loss" in epoch else "—",
                _("training accuracy"): pct(epoch.get("accuracy")),
                _("validation loss"): f"{float(epoch['val_loss']):.3f}" if "val_loss" in epoch else "—",
                _("validation accuracy"): pct(epoch.get("val_accuracy")),
            }
        )
    return pd.DataFrame(rows)


def summary(progress: Progress) -> str:
    """One sentence saying what the charts show and their latest values."""
    done = len(progress.epoch_history)
    if not done:
        return _(
            "The charts show how wrong the model is (loss) and how often it is right (accuracy) as it trains; "
            "the first epoch is not over yet."
        )
    last = progress.epoch_history[-1]
    values = {"done": done, "epochs": progress.epochs, "loss": f"{float(last.get('loss', 0.0)):.3f}"}
    values |= {"accuracy": pct(last.get("accuracy")), "validation": pct(last.get("val_accuracy"))}
    if "val_accuracy" in last:
        return _(
            "After epoch {done} of {epochs}: training loss {loss}, training accuracy {accuracy}, "
            "validation accuracy {validation}."
        ).format(**values)
    return _("After epoch {done} of {epochs}: training loss {loss}, training accuracy {accuracy}.").format(**values)


def status(progress: Progress) -> str:
    """The sentence a screen reader hears as training goes on, e.g. "Epoch 3 of 10, validation accuracy 96%"."""
    if not progress.epoch_history:
        return _("Training, epoch {epoch} of {epochs}.").format(epoch=max(progress.epoch, 1), epochs=progress.epochs)
    last, done = progress.epoch_history[-1], len(progress.epoch_history)
    if "val_accuracy" in last:
        return _("Epoch {done} of {epochs}, validation accuracy {accuracy}.").format(
            done=done, epochs=progress.epochs, accuracy=pct(last["val_accuracy"])
        )
    return _("Epoch {done} of {epochs}.").format(done=done, epochs=progress.epochs)


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
        with st.expander(_("The numbers in the charts")):
            st.dataframe(epoch_table(progress), hide_index=True, width="stretch")
