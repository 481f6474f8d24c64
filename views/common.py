"""What every page shares: session-state keys, cached loading and the sidebar model picker."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import streamlit as st

from core.data import datasets as data
from core.data import mnist
from core.engine import get_engine
from core.engine.base import ModelRef
from core.engine.model_handle import ModelHandle
from core.storage import registry
from core.storage.describe import classes_text
from core.storage.test_sets import describe_accuracies
from views import class_session
from views.keys import Keys, SweepKeys

DEFAULT_MODEL = "mnist-7-vs-8"


HEARTBEAT_S = 5.0  # how often an open tab says it is still there while one of its runs trains


class Heartbeat:
    """When this browser session last ran: a training run asks it whether anyone still watches.

    The sidebar's :func:`heartbeat` fragment beats every few seconds while the tab is open; a
    closed tab stops beating, and its run stops after the engine's grace period.
    """

    def __init__(self) -> None:
        self._last = time.monotonic()
        self._lock = threading.Lock()

    def beat(self) -> None:
        """Records that the tab is open now."""
        with self._lock:
            self._last = time.monotonic()

    def watched(self) -> bool:
        """True if the tab beat within the last few beats (safe to call from any thread)."""
        with self._lock:
            return time.monotonic() - self._last < 4 * HEARTBEAT_S


def session_watcher() -> Callable[[], bool]:
    """A check, safe to call from a training thread, that this browser session is still open."""
    return st.session_state.setdefault(Keys.HEARTBEAT, Heartbeat()).watched


def heartbeat() -> None:
    """Beats the session's :class:`Heartbeat` every few seconds while one of its runs or sweeps trains.

    A fragment: only it reruns, on whichever page the student is, and only while a run or sweep is live.
    """
    jobs = [st.session_state.get(Keys.JOB), *st.session_state.get(Keys.STARTED_JOBS, [])]  # the latter: see train_quota
    sweeps = st.session_state.get(SweepKeys.SWEEPS, [])
    live = any(job is not None and not job.snapshot().done for job in jobs) or any(not s.snapshot().done for s in sweeps)

    @st.fragment(run_every=HEARTBEAT_S if live else None)
    def beat() -> None:
        st.session_state.setdefault(Keys.HEARTBEAT, Heartbeat()).beat()

    beat()


@st.cache_resource(show_spinner="Loading the model…", max_entries=32)
def _load_classifier(ref: ModelRef) -> ModelHandle:
    return ModelHandle(ref.path)  # the ref's version is the cache key: a re-saved file is loaded afresh


def load_classifier(name_or_path: str) -> ModelHandle:
    """The model by name or path, served by a worker and loaded there once per file version.

    Raises:
        registry.ModelFileError: If it is missing or unusable.

    """
    path = registry.resolve(name_or_path)
    try:
        return _load_classifier(ModelRef.of(path))
    except FileNotFoundError:
        raise registry.ModelFileError(f"The model {path.stem!r} is gone (was it just deleted?).") from None


@st.cache_data(show_spinner="Loading digits…", max_entries=8)
def load_dataset(
    task: str, data_choice: str = "auto", validation_split: float = 0.1, seed: int = 0, **options: Any
) -> data.Dataset:
    """:func:`core.data.datasets.load_dataset`, cached across reruns and sessions.

    Class folders are read with TensorFlow, so a worker reads them; digits and shapes are numpy.
    """
    if task == "folder":
        return get_engine().call("load_dataset", task, data_choice, validation_split, seed, **options)
    return data.load_dataset(task, data_choice, validation_split, seed, **options)


@st.cache_data(show_spinner="Finding MNIST…")
def data_source_summary() -> tuple[str, str]:
    """Which MNIST source is active: ``(description, notice)``."""
    source = mnist.load_mnist("auto")
    return source.description, source.notice


def active_model_name() -> str | None:
    """The name of the model picked in the sidebar."""
    return st.session_state.get(Keys.ACTIVE_MODEL)


def active_classifier() -> ModelHandle | None:
    """The active model, or ``None`` after showing why it cannot be used."""
    name = active_model_name()
    if not name:
        st.info("No saved model yet: train one on the Train page.")
        return None
    try:
        return load_classifier(name)
    except registry.ModelFileError as error:
        st.error(str(error))
        return None


def describe_model(metadata: dict[str, Any]) -> str:
    """One line: task, classes, every test accuracy with its test set and size (and the owner in class mode)."""
    line = f"{metadata.get('task', '?')} · {classes_text(metadata)} · {describe_accuracies(metadata)}"
    owner = metadata.get("owner")
    return f"{line} · by {owner}" if owner and class_session.mode() == "class" else line


def model_picker() -> None:
    """The sidebar selector shared by all pages: the saved models this session may see."""
    saved = class_session.visible_models()
    names = [m["name"] for m in saved]
    if not names:
        st.sidebar.warning("No saved models yet.")
        return
    current = st.session_state.get(Keys.ACTIVE_MODEL)
    if current not in names:
        st.session_state[Keys.ACTIVE_MODEL] = DEFAULT_MODEL if DEFAULT_MODEL in names else names[0]
        if current:  # it was there a moment ago: deleted, perhaps from another tab or by the teacher
            why = "deleted, or no longer shared with the class" if class_session.mode() == "class" else "it was deleted"
            st.sidebar.warning(
                f"The model {current!r} is gone ({why}), so {st.session_state[Keys.ACTIVE_MODEL]!r} is active now.",
                icon=":material/info:",
            )
    st.sidebar.selectbox("Active model", names, key=Keys.ACTIVE_MODEL, help="The model the Draw, Evaluate and Inside pages use.")
    metadata = saved[names.index(st.session_state[Keys.ACTIVE_MODEL])]
    st.sidebar.caption(describe_model(metadata))


def image_grid(images: list[Any], captions: list[str], columns: int = 5) -> None:
    """Shows images in rows of ``columns`` with a caption under each."""
    for start in range(0, len(images), columns):
        cells = st.columns(columns)
        for cell, image, caption in zip(cells, images[start : start + columns], captions[start : start + columns], strict=False):
            cell.image(image, caption=caption, width="stretch", clamp=True)
