"""What every page shares: session-state keys, cached loading and the sidebar model picker."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit import runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core.data import datasets as data
from core.data import mnist
from core.storage import registry
from views.keys import Keys

DEFAULT_MODEL = "mnist-7-vs-8"


def session_watcher() -> Callable[[], bool]:
    """A check, safe to call from a training thread, that this browser session is still connected."""
    context = get_script_run_ctx()
    if context is None or not runtime.exists():
        return lambda: True  # bare mode or AppTest: no browser to lose
    session_id, server = context.session_id, runtime.get_instance()
    return lambda: server.is_active_session(session_id)


@st.cache_resource(show_spinner="Loading the model…", max_entries=16)
def _load_classifier(path: str, modified: float) -> registry.Classifier:
    del modified  # part of the cache key only: a re-saved file is loaded afresh
    return registry.load(path)


def load_classifier(name_or_path: str) -> registry.Classifier:
    """The model by name or path, loaded once per file version.

    Raises:
        registry.ModelFileError: If it is missing or unusable.

    """
    path = registry.resolve(name_or_path)
    return _load_classifier(str(path), Path(path).stat().st_mtime)


@st.cache_data(show_spinner="Loading digits…", max_entries=8)
def load_dataset(
    task: str, data_choice: str = "auto", validation_split: float = 0.1, seed: int = 0, **options: Any
) -> data.Dataset:
    """:func:`core.data.datasets.load_dataset`, cached across reruns and sessions."""
    return data.load_dataset(task, data_choice, validation_split, seed, **options)


@st.cache_data(show_spinner="Finding MNIST…")
def data_source_summary() -> tuple[str, str]:
    """Which MNIST source is active: ``(description, notice)``."""
    source = mnist.load_mnist("auto")
    return source.description, source.notice


def active_model_name() -> str | None:
    """The name of the model picked in the sidebar."""
    return st.session_state.get(Keys.ACTIVE_MODEL)


def active_classifier() -> registry.Classifier | None:
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
    """One line: task, classes, test accuracy."""
    names = metadata.get("class_names", [])
    classes = " vs ".join(names) if len(names) == 2 else f"{len(names)} classes"
    accuracy = metadata.get("test_metrics", {}).get("accuracy")
    accuracy_text = f"{accuracy:.2%}" if isinstance(accuracy, int | float) and accuracy == accuracy else "not measured"
    return f"{metadata.get('task', '?')} · {classes} · test accuracy {accuracy_text}"


def model_picker() -> None:
    """The sidebar selector shared by all pages."""
    saved = registry.list_models()
    names = [m["name"] for m in saved]
    if not names:
        st.sidebar.warning("No saved models yet.")
        return
    current = st.session_state.get(Keys.ACTIVE_MODEL)
    if current not in names:
        st.session_state[Keys.ACTIVE_MODEL] = DEFAULT_MODEL if DEFAULT_MODEL in names else names[0]
    st.sidebar.selectbox("Active model", names, key=Keys.ACTIVE_MODEL, help="The model the Draw, Evaluate and Inside pages use.")
    metadata = saved[names.index(st.session_state[Keys.ACTIVE_MODEL])]
    st.sidebar.caption(describe_model(metadata))


def image_grid(images: list[Any], captions: list[str], columns: int = 5) -> None:
    """Shows images in rows of ``columns`` with a caption under each."""
    for start in range(0, len(images), columns):
        cells = st.columns(columns)
        for cell, image, caption in zip(cells, images[start : start + columns], captions[start : start + columns], strict=False):
            cell.image(image, caption=caption, width="stretch", clamp=True)
