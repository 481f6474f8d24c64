"""Rendering pieces of the Train page: data preview, live progress and results, each accuracy named by its images."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from core.data.datasets import Dataset
from core.engine.base import RunResult
from core.prediction import preprocess
from core.training import curves
from core.training.progress import Progress
from core.training.run_history import percent
from views.widgets.pictures import image_grid

STATE_TEXT = {
    "queued": ":material/hourglass_top: Waiting for a free training slot ({ahead} ahead of you)…",
    "paused": ":material/pause_circle: Paused by the teacher: your run starts when the teacher resumes the queue.",
    "loading": ":material/downloading: Loading the data…",
    "running": ":material/directions_run: Training…",
    "stopping": ":material/back_hand: Stopping at the end of this batch…",
    "finished": ":material/check_circle: Finished.",
    "stopped": ":material/stop_circle: Stopped early; the model trained so far is kept.",
    "failed": ":material/error: Failed.",
}
CHART_HEIGHT = 120  # plot height: Start, the progress bar and both charts fit a 1024×768 screen
_FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")  # as wide as the column, as tall as asked
EXAMPLE_SIDE = 84  # pixels of each test image shown with the model's answer
REAL_MNIST = "the real MNIST test set (digits MNIST's makers kept apart for testing)"


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
        low, high = min(counts.values()), max(counts.values())
        each = f"{low:,} images each" if low == high else f"{low:,} to {high:,} images each"
        st.caption(f"…and {len(dataset.class_names) - 3} more classes, {each}.")


def split_sizes(dataset: Dataset | None) -> str:
    """How many images the run trains, validates and tests on, e.g. ``trains on 1,620 · validates on 180 · tests on 200``."""
    if dataset is None:
        return ""
    counts = dataset.counts()
    return f"trains on {counts['train']:,} · validates on {counts['validation']:,} · tests on {counts['test']:,} images"


def progress_panel(progress: Progress, measuring: bool = False) -> None:
    """Progress bar, status line and the live loss and accuracy charts.

    Args:
        progress: The run's latest snapshot.
        measuring: The run has ended and its model is being measured on the test images.

    """
    state = "paused" if progress.paused and progress.state == "queued" else progress.state
    text = STATE_TEXT[state].format(ahead=progress.queue_position)
    if measuring:
        text += " Measuring the model on the test images…"
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
        # One legend, under the accuracy chart: both charts use the same colours.
        column.altair_chart(
            curve_chart(curves.curve_frame(progress, metric), metric, legend=metric == "accuracy"), width="stretch"
        )


def curve_chart(frame: pd.DataFrame, metric: str, legend: bool = True) -> alt.LayerChart:
    """Lines for each series; per-epoch values also get dots, so a single epoch shows.

    Args:
        frame: :func:`core.training.curves.curve_frame` points of one metric.
        metric: ``loss`` or ``accuracy``, the chart's title.
        legend: Whether to say which colour is which series (under the plot, one name a line).

    """
    colours = alt.Scale(
        domain=[curves.TRAIN_BATCH, curves.TRAIN_EPOCH, curves.VALIDATION_EPOCH], range=["#9ecae9", "#1f77b4", "#e45756"]
    )
    base = alt.Chart(frame, title=metric.capitalize()).encode(
        x=alt.X("epoch:Q", title="epoch"),
        # A diverging run's loss reaches billions: a log scale keeps the earlier values readable.
        y=alt.Y(
            "value:Q",
            title=None,
            scale=alt.Scale(type="symlog") if frame.value.max() > 10 else alt.Scale(zero=metric == "loss"),
        ),
        color=alt.Color(
            "series:N",
            scale=colours,
            legend=alt.Legend(orient="bottom", direction="vertical", title=None, labelLimit=0) if legend else None,
        ),
        tooltip=["series", alt.Tooltip("epoch:Q", format=".2f"), alt.Tooltip("value:Q", format=".4f")],
    )
    dots = base.transform_filter(alt.datum.series != curves.TRAIN_BATCH).mark_point(filled=True, size=40)
    return (base.mark_line() + dots).properties(height=CHART_HEIGHT, autosize=_FIT_WIDTH)


def accuracy_lines(result: RunResult) -> list[str]:
    """Each test accuracy of a run with the images it was measured on, in words."""
    lines = [f"**Test accuracy** {percent(result.test_accuracy)} on {result.test_source}, never trained on."]
    real = (result.metadata or {}).get("real_test_metrics")
    if real:
        lines.append(
            f"**Real MNIST test set** {percent(real['accuracy'])} on {real['images']:,} digits of this task that "
            "MNIST's makers kept apart for testing: the same test the shipped models take."
        )
    return lines


def results_panel(result: RunResult) -> None:
    """Test metrics, each named by the test set and size it was measured on, and test images with the model's answers."""
    real = (result.metadata or {}).get("real_test_metrics")
    columns = st.columns(3)
    columns[0].metric("Test accuracy", percent(result.test_accuracy), help=f"Measured on {result.test_source}, never trained on.")
    if real:
        columns[1].metric("Real MNIST test set", percent(real["accuracy"]), help=f"{real['images']:,} digits of {REAL_MNIST}.")
    columns[2].metric("Test loss", f"{result.test_loss:.4f}", help=f"On {result.test_source}.")
    st.caption("  \n".join(accuracy_lines(result)))
    examples = result.examples
    if examples is None:
        return
    captions = [
        f"{answer} {confidence:.0%}" if answer == truth else f"wrong: {answer} {confidence:.0%}"
        for answer, truth, confidence in zip(examples.predicted, examples.true_labels, examples.confidences, strict=True)
    ]
    st.markdown(f"**Some test images and the model's answers** (how sure it is, {len(captions)} of {result.test_count:,})")
    row = st.container(horizontal=True, wrap=True)  # as many a line as the screen has room for
    for image, caption in zip(examples.images, captions, strict=True):
        row.image(preprocess.for_display(image, EXAMPLE_SIDE), caption=caption, width=EXAMPLE_SIDE)
