"""Rendering pieces of the Train page: data preview and live progress (charts: ``charts``; results: ``outcome``)."""

from __future__ import annotations

import streamlit as st

from core.data.datasets import Dataset
from core.i18n import N_, _
from core.training.progress import Progress
from core.training.run_state import RunState
from core.training.train_config import TrainConfig
from views.train import charts
from views.train.outcome import failure
from views.train.upload import source_words
from views.widgets.announce import announce
from views.widgets.numbers import count
from views.widgets.pictures import picture_grid
from views.widgets.text import plain

STATE_TEXT = {
    RunState.QUEUED: N_(":material/hourglass_top: Waiting for a free training slot ({ahead} ahead of you)…"),
    "paused": N_(":material/pause_circle: Paused by the teacher: your run starts when the teacher resumes the queue."),
    RunState.LOADING: N_(":material/downloading: Loading the data…"),
    RunState.RUNNING: N_(":material/directions_run: Training…"),
    RunState.STOPPING: N_(":material/back_hand: Stopping at the end of this batch…"),
    RunState.FINISHED: N_(":material/check_circle: Finished."),
    RunState.STOPPED: N_(":material/stop_circle: Stopped early; the model trained so far is kept."),
    RunState.FAILED: N_(":material/error: Failed."),
}


def data_preview(dataset: Dataset, per_class: int = 5) -> None:
    """Example images of each class, the class counts and where the data came from."""
    st.caption(source_words(dataset) + (f" {plain(dataset.notice)}" if dataset.notice else ""))
    counts = dataset.class_counts()
    shown = dataset.class_names if len(dataset.class_names) == 2 else dataset.class_names[:3]
    for label, name in enumerate(dataset.class_names):
        if name not in shown:
            continue
        examples = dataset.x_train[dataset.y_train == label][:per_class]
        st.markdown(_("**{name}**: {count} training pictures").format(name=plain(name), count=count(counts[name])))
        pictures = [image[..., 0] if image.shape[-1] == 1 else image for image in examples]
        picture_grid(pictures, [_("a training {name}").format(name=plain(name)) for _image in pictures], size=56)
    if len(dataset.class_names) > 2:
        low, high = min(counts.values()), max(counts.values())
        more = len(dataset.class_names) - 3
        if low == high:
            text = _("…and {more} more classes, {low} images each.")
        else:
            text = _("…and {more} more classes, {low} to {high} images each.")
        st.caption(text.format(more=more, low=count(low), high=count(high)))


def split_sizes(dataset: Dataset | None) -> str:
    """How many images the run trains, validates and tests on, e.g. ``trains on 1,620 · validates on 180 · tests on 200``."""
    if dataset is None:
        return ""
    counts = dataset.counts()
    return _("trains on {train} · validates on {validation} · tests on {test} images").format(
        train=count(counts["train"]), validation=count(counts["validation"]), test=count(counts["test"])
    )


def progress_panel(progress: Progress, measuring: bool = False, config: TrainConfig | None = None) -> None:
    """Progress bar, status line and the live loss and accuracy charts.

    Args:
        progress: The run's latest snapshot.
        measuring: The run has ended and its model is being measured on the test images.
        config: The run's settings, for advice that quotes them (a diverged run's learning rate).

    """
    state = "paused" if progress.paused and progress.state == RunState.QUEUED else progress.state
    text = _(STATE_TEXT[state]).format(ahead=progress.queue_position)
    if measuring:
        text += " " + _("Measuring the model on the test images…")
    if progress.state == RunState.RUNNING and not progress.batch_loss:
        text += " " + _("Getting the model ready for its first batch (a few seconds)…")
    elif progress.state in (RunState.RUNNING, RunState.STOPPING) and progress.batches:
        eta = _("{seconds} s left").format(seconds=f"{progress.eta_s:.0f}") if progress.eta_s is not None else _("estimating…")
        text += " " + _("Epoch {epoch}/{epochs}, batch {batch}/{batches} · {eta} · {speed} images/s").format(
            epoch=progress.epoch,
            epochs=progress.epochs,
            batch=progress.batch,
            batches=progress.batches,
            eta=eta,
            speed=count(round(progress.samples_per_s)),
        )
    st.progress(progress.fraction_done, text=text)
    if progress.state == RunState.FAILED:
        sentence = failure(progress.error, config) if config else progress.error
        st.error(plain(sentence))
        announce(sentence, urgent=True)  # role=alert (html-escaped): a screen reader hears it at once
    charts.curves_panel(progress)  # axis titles with units, a sentence, the numbers as a table, a live region
