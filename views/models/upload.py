"""The Models page's upload form: a .keras file, its metadata or the task typed in, checked (quotas, ownership, safety) before it is saved."""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

from core.classroom import ownership, quotas
from core.classroom.db import Database
from core.classroom.identity import Identity
from core.classroom.limits import Limits
from core.engine import get_engine
from core.storage import registry
from views.keys import Keys
from views.shell import session as class_session
from views.widgets.flash import flash

TASKS = ("7-vs-8", "3-vs-rest", "digits", "shapes", "folder", "other A-vs-B or A-vs-rest…")


def refuse_if_too_big(db: Database, who: Identity, path: Path, limits: Limits) -> None:
    """Deletes an uploaded model with more parameters than the limit (only known once a worker loaded it).

    Raises:
        QuotaError: Naming the limit, after the model is deleted again.

    """
    parameters = registry.read_metadata(path).get("parameters") or 0
    try:
        quotas.check_parameters(int(parameters), limits)
    except quotas.QuotaError:
        ownership.delete_model(db, who, path.stem)
        raise


def upload() -> None:
    """Checks and saves the uploaded model, makes it the active one, and leaves a message (a button callback)."""
    state = st.session_state
    keras_file, json_file = state.get(Keys.MODELS_UPLOAD_KERAS), state.get(Keys.MODELS_UPLOAD_JSON)
    name = state.get(Keys.MODELS_UPLOAD_NAME, "")
    task = class_names = None
    if json_file is None:
        choice = state.get(Keys.MODELS_UPLOAD_TASK)
        task = (state.get(Keys.MODELS_UPLOAD_TASK_TEXT) if choice == TASKS[-1] else choice) or None
        typed = state.get(Keys.MODELS_UPLOAD_CLASSES) or ""
        class_names = [n.strip() for n in typed.split(",")] if typed.strip() else None
    try:
        if keras_file is None:
            raise ValueError("Choose a .keras file first.")
        metadata = None
        if json_file is not None:
            try:
                metadata = json.loads(json_file.getvalue())
            except ValueError:
                raise ValueError(f"{json_file.name} is not a valid metadata .json file.") from None
        db, who, limits = class_session.database(), class_session.current_identity(), class_session.limits()
        data = keras_file.getvalue()
        quotas.check_upload(len(data), limits)
        ownership.check_save(db, who, name, limits, upload=True)
        # Checking the file means loading it with Keras (in safe mode): a worker does that, not the web server.
        folder = registry.models_dir()
        metadata = ownership.stamp(metadata or {}, who)  # the uploader owns it, whatever an uploaded .json says
        path = get_engine().call(
            "import_upload", data, name, task, class_names, folder=folder, metadata=metadata, file_name=keras_file.name
        )
        ownership.record_save(db, who, name)
        refuse_if_too_big(db, who, Path(path), limits)
    except (ValueError, OSError, RuntimeError) as error:  # ModelFileError, PermissionRefused and QuotaError included
        flash(Keys.MODELS_MESSAGE, "error", str(error))
        return
    st.session_state[Keys.ACTIVE_MODEL] = name  # a callback: it runs before the sidebar picker is drawn
    flash(Keys.MODELS_MESSAGE, "success", f"Uploaded {name}; it is now the active model. Try it on the Draw page.")


def upload_form() -> None:
    """The form; its button's callback :func:`upload` saves the model and says how it went."""
    st.header("Upload a model")
    st.caption("Only plain models are accepted: a file that carries its own program code is refused, to keep the lab safe.")
    with st.expander("Details"):
        st.caption("Files are loaded with Keras' safe mode; a model with a Lambda layer (custom Python code) is refused.")
    keras_file = st.file_uploader("Model file (.keras)", type=["keras"], key=Keys.MODELS_UPLOAD_KERAS)
    json_file = st.file_uploader(
        "Its metadata (.json, optional: downloaded with the model)", type=["json"], key=Keys.MODELS_UPLOAD_JSON
    )
    if keras_file is not None:
        stem = Path(keras_file.name).stem
        default = (
            stem
            if stem not in registry.SHIPPED_MODELS and not (registry.models_dir() / keras_file.name).exists()
            else f"{stem}-uploaded"
        )
        st.text_input("Save as", default, key=Keys.MODELS_UPLOAD_NAME)
        if json_file is None:
            st.caption("Without its .json, say what the model tells apart.")
            if st.selectbox("Task", TASKS, key=Keys.MODELS_UPLOAD_TASK) == TASKS[-1]:
                st.text_input("Task (e.g. 4-vs-9 or 5-vs-rest)", key=Keys.MODELS_UPLOAD_TASK_TEXT)
            st.text_input(
                "Class names, comma-separated (optional; e.g. cat, dog — the sigmoid measures the second)",
                key=Keys.MODELS_UPLOAD_CLASSES,
            )
        st.button("Upload and check", on_click=upload, type="primary", key=Keys.MODELS_UPLOAD)
