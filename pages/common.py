"""What every page shares: session-state keys, cached loading and the sidebar model picker."""

from __future__ import annotations

import runpy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit import runtime
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core import data, mnist, registry

DEFAULT_MODEL = "mnist-7-vs-8"
APP_SCRIPT = Path(__file__).resolve().parent.parent / "app.py"


class Keys:
    """Every ``st.session_state`` key the app uses, in one place."""

    ACTIVE_MODEL = "active_model"
    JOB = "training_job"
    JOB_SETTINGS = "training_job_settings"
    RUNS = "run_history"
    SAVED_RUNS = "saved_run_ids"
    DRAWING = "current_drawing"
    CANVAS_VERSION = "canvas_version"
    UPLOADED_MODEL = "uploaded_model_path"
    # Train page
    SETTINGS_MEMORY = "train_settings_memory"  # the form's values while another page shows
    SETTING_PREFIX = "setting_"  # + a core.settings key: one widget per hyperparameter
    TASK_MODE = "train_task_mode"
    DIGIT_A = "train_digit_a"
    DIGIT_B = "train_digit_b"
    DIGIT_REST = "train_digit_rest"
    START = "train_start"
    SAVE_NAME = "train_save_name"
    SAVE_MESSAGE = "train_save_message"
    RECORDED_JOBS = "train_recorded_job_ids"
    UNZIPPED = "train_unzipped_upload"  # (file id, TemporaryDirectory, skipped files)
    FOLDER_ZIP = "train_folder_zip"
    # Evaluate, Inside and Models pages
    EVALUATE_CELL = "evaluate_cell"
    INSIDE_SOURCE = "inside_source"
    INSIDE_UPLOAD = "inside_upload"
    INSIDE_INDEX = "inside_index"
    INSIDE_MAPS = "inside_maps"
    INSIDE_MORPH_A = "inside_morph_a"
    INSIDE_MORPH_B = "inside_morph_b"
    INSIDE_BLEND = "inside_blend"
    MODELS_SELECTED = "models_selected"
    MODELS_ACTIVATE = "models_activate"
    MODELS_CONFIRM_DELETE = "models_confirm_delete"
    MODELS_DELETE = "models_delete"
    MODELS_UPLOAD_KERAS = "models_upload_keras"
    MODELS_UPLOAD_JSON = "models_upload_json"
    MODELS_UPLOAD_NAME = "models_upload_name"
    MODELS_UPLOAD_TASK = "models_upload_task"
    MODELS_UPLOAD_TASK_TEXT = "models_upload_task_text"
    MODELS_UPLOAD_CLASSES = "models_upload_classes"
    MODELS_UPLOAD = "models_upload"
    MODELS_MESSAGE = "models_page_message"
    CANVAS_PREFIX = "canvas-"  # + a version number that Clear bumps: a new key is an empty canvas


def run_through_router() -> None:
    """Makes a page that Streamlit started on its own run through ``app.py`` instead.

    With a ``pages/`` folder beside ``app.py``, Streamlit runs the first request of a fresh
    server for ``/train`` (and every AppTest run) as an old-style page: without ``app.py``,
    its ``st.navigation`` and the shared sidebar. Each page calls this first: it switches
    that mode off, runs the router (which runs this page again, properly), and stops.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        runpy.run_path(str(APP_SCRIPT), run_name="__main__")
        st.stop()


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
    """:func:`core.data.load_dataset`, cached across reruns and sessions."""
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
