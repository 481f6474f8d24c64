"""Rendering pieces of the Train page: data preview, live progress, results and run history."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from core.data.datasets import Dataset
from core.engine.base import RunResult
from core.training import curves
from core.training.progress import Progress
from core.training.run_history import RunHistory
from views.common import image_grid

STATE_TEXT = {
    "queued": ":material/hourglass_top: Waiting for a free training slot ({ahead} ahead of you)…",
    "loading": ":material/downloading: Loading the data…",
    "running": ":material/directions_run: Training…",
    "stopping": ":material/back_hand: Stopping at the end of this batch…",
    "finished": ":material/check_circle: Finished.",
    "stopped": ":material/stop_circle: Stopped early; the model trained so far is kept.",
    "failed": ":material/error: Failed.",
}


def data_preview(dataset: Dataset, per_class: int = 5) -> None:
    """Example images of each class, the class counts and where the data came from."""
    st.caption(dataset.source + (f" {dataset.notice}" if dataset.notice else ""))
    counts = dataset.class_counts()
    shown = dataset.class_names if len(dataset.class_names) == 2 else dataset.class_names[:3]
    for label, name in enumerate(dataset.class_names):
        if name not in shown:
            continue
        examples = dataset.x_train[dataset.y_train == label][:per_class]
        st.markdown(f"**{name}** — {counts[name]:,} training images")
        image_grid([image[..., 0] if image.shape[-1] == 1 else image for image in examples], [""] * len(examples), per_class + 3)
    if len(dataset.class_names) > 2:
        st.caption(
            f"…and {len(dataset.class_names) - 3} more classes, about {min(counts.values()):,}–{max(counts.values()):,} images each."
        )


def progress_panel(progress: Progress) -> None:
    """Progress bar, status line and the live loss and accuracy charts."""
    text = STATE_TEXT[progress.state].format(ahead=progress.queue_position)
    if progress.state == "running" and not progress.batch_loss:
        text += " Preparing the first batch (TensorFlow builds the model's graph: a few seconds)…"
    elif progress.state in ("running", "stopping") and progress.batches:
        eta = f"{progress.eta_s:.0f} s left" if progress.eta_s is not None else "estimating…"
        text += (
            f" Epoch {progress.epoch}/{progress.epochs}, batch {progress.batch}/{progress.batches} · "
            f"{eta} · {progress.samples_per_s:,.0f} images/s"
        )
    st.progress(progress.fraction_done, text=text)
    if progress.state == "failed":
        st.error(progress.error)
    if not progress.batch_loss:
        return
    loss_column, accuracy_column = st.columns(2)
    for column, metric in ((loss_column, "loss"), (accuracy_column, "accuracy")):
        column.altair_chart(curve_chart(curves.curve_frame(progress, metric), metric), width="stretch", height=380)


def curve_chart(frame: pd.DataFrame, metric: str) -> alt.Chart:
    """Lines for each series; per-epoch values also get dots, so a single epoch shows."""
    colours = alt.Scale(
        domain=[curves.TRAIN_BATCH, curves.TRAIN_EPOCH, curves.VALIDATION_EPOCH], range=["#9ecae9", "#1f77b4", "#e45756"]
    )
    base = alt.Chart(frame, title=metric.capitalize()).encode(
        x=alt.X("epoch:Q", title="epoch"),
        # A diverging run's loss reaches billions: a log scale keeps the earlier values readable.
        y=alt.Y(
            "value:Q",
            title=metric,
            scale=alt.Scale(type="symlog") if frame.value.max() > 10 else alt.Scale(zero=metric == "loss"),
        ),
        color=alt.Color(
            "series:N", scale=colours, legend=alt.Legend(orient="bottom", direction="vertical", title=None, labelLimit=0)
        ),
        tooltip=["series", alt.Tooltip("epoch:Q", format=".2f"), alt.Tooltip("value:Q", format=".4f")],
    )
    dots = base.transform_filter(alt.datum.series != curves.TRAIN_BATCH).mark_point(filled=True, size=40)
    return base.mark_line() + dots


def results_panel(result: RunResult) -> None:
    """Test metrics, named by the test set they were measured on, and test images with the model's answers."""
    left, right = st.columns(2)
    left.metric("Test accuracy", f"{result.test_accuracy:.2%}", help=f"Measured on {result.test_source}, never trained on.")
    right.metric("Test loss", f"{result.test_loss:.4f}")
    st.caption(f"Test accuracy on {result.test_source}.")
    examples = result.examples
    if examples is None:
        return
    captions = [
        f"{'right' if answer == truth else 'wrong'}: {answer} ({confidence:.1%})"
        for answer, truth, confidence in zip(examples.predicted, examples.true_labels, examples.confidences, strict=True)
    ]
    image_grid([image[..., 0] if image.shape[-1] == 1 else image for image in examples.images], captions)


def run_history_panel(history: RunHistory) -> None:
    """The table of this session's runs and their validation curves side by side."""
    if not history.runs:
        return
    st.subheader("Your runs")
    st.dataframe(history.table(), hide_index=True, width="stretch")
    numbers = st.multiselect(
        "Compare validation accuracy of runs",
        [run.number for run in history.runs],
        default=[run.number for run in history.runs[-2:]],
        format_func=lambda n: history.runs[n - 1].label,
    )
    curves_frame = history.validation_curves(numbers)
    if curves_frame.empty:
        st.caption("Runs without a validation split, or that ended before their first epoch, have no validation curve.")
    else:
        st.line_chart(curves_frame, x="epoch", y="value", color="run", height=280)
