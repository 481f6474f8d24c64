"""Rendering pieces of the Train page: data preview and live progress (charts: ``charts``; results: ``outcome``)."""

from __future__ import annotations

import streamlit as st

from core.data.datasets import Dataset
from core.training.progress import Progress
from core.training.run_state import RunState
from core.training.train_config import TrainConfig
from views.train import charts
from views.train.outcome import failure
from views.widgets.pictures import picture_grid
from views.widgets.text import plain

STATE_TEXT = {
    RunState.QUEUED: ":material/hourglass_top: Waiting for a free training slot ({ahead} ahead of you)…",
    "paused": ":material/pause_circle: Paused by the teacher: your run starts when the teacher resumes the queue.",
    RunState.LOADING: ":material/downloading: Loading the data…",
    RunState.RUNNING: ":material/directions_run: Training…",
    RunState.STOPPING: ":material/back_hand: Stopping at the end of this batch…",
    RunState.FINISHED: ":material/check_circle: Finished.",
    RunState.STOPPED: ":material/stop_circle: Stopped early; the model trained so far is kept.",
    RunState.FAILED: ":material/error: Failed.",
}


def data_preview(dataset: Dataset, per_class: int = 5) -> None:
    """Example images of each class, the class counts and where the data came from."""
    st.caption(plain(dataset.source) + (f" {plain(dataset.notice)}" if dataset.notice else ""))
    counts = dataset.class_counts()
    shown = dataset.class_names if len(dataset.class_names) == 2 else dataset.class_names[:3]
    for label, name in enumerate(dataset.class_names):
        if name not in shown:
            continue
        examples = dataset.x_train[dataset.y_train == label][:per_class]
        st.markdown(f"**{plain(name)}**: {counts[name]:,} training pictures")
        pictures = [image[..., 0] if image.shape[-1] == 1 else image for image in examples]
        picture_grid(pictures, [f"a training {plain(name)}" for _ in pictures], size=56)
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


def progress_panel(progress: Progress, measuring: bool = False, config: TrainConfig | None = None) -> None:
    """Progress bar, status line and the live loss and accuracy charts.

    Args:
        progress: The run's latest snapshot.
        measuring: The run has ended and its model is being measured on the test images.
        config: The run's settings, for advice that quotes them (a diverged run's learning rate).

    """
    state = "paused" if progress.paused and progress.state == RunState.QUEUED else progress.state
    text = STATE_TEXT[state].format(ahead=progress.queue_position)
    if measuring:
        text += " Measuring the model on the test images…"
    if progress.state == RunState.RUNNING and not progress.batch_loss:
        text += " Getting the model ready for its first batch (a few seconds)…"
    elif progress.state in (RunState.RUNNING, RunState.STOPPING) and progress.batches:
        eta = f"{progress.eta_s:.0f} s left" if progress.eta_s is not None else "estimating…"
        text += (
            f" Epoch {progress.epoch}/{progress.epochs}, batch {progress.batch}/{progress.batches} · "
            f"{eta} · {progress.samples_per_s:,.0f} images/s"
        )
    st.progress(progress.fraction_done, text=text)
    if progress.state == RunState.FAILED:
        st.error(plain(failure(progress.error, config) if config else progress.error))
    charts.curves_panel(progress)  # axis titles with units, a sentence, the numbers as a table, a live region
