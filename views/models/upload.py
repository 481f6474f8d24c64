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
from core.i18n import N_, _
from core.storage import registry
from core.storage.layer_kinds import LOOKUPS
from core.storage.metadata_check import MAX_JSON_BYTES
from views.keys import Keys
from views.shell import session as class_session
from views.widgets.flash import flash

TASKS = ("7-vs-8", "3-vs-rest", "digits", "shapes", "folder", N_("other A-vs-B or A-vs-rest…"))


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


def read_metadata(file_name: str, data: bytes) -> dict:
    """An uploaded metadata .json, its size checked before it is parsed (a huge file never reaches ``json.loads``).

    Raises:
        ValueError: For a file over :data:`MAX_JSON_BYTES` or one that is not a JSON object, naming the file.

    """
    if len(data) > MAX_JSON_BYTES:
        raise ValueError(
            _("{file} is {size} KB long; a metadata .json file may be at most {limit} KB.").format(
                file=file_name, size=f"{len(data) // 1024:,}", limit=MAX_JSON_BYTES // 1024
            )
        )
    try:
        metadata = json.loads(data)
    except ValueError:
        metadata = None
    if not isinstance(metadata, dict):
        raise ValueError(_("{file} is not a valid metadata .json file.").format(file=file_name))
    return metadata


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
            raise ValueError(_("Choose a .keras file first."))
        metadata = None
        if json_file is not None:
            metadata = read_metadata(json_file.name, json_file.getvalue())
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
    flash(
        Keys.MODELS_MESSAGE,
        "success",
        _("Uploaded {name}; it is now the active model. Try it on the Draw page.").format(name=name),
    )


def upload_form() -> None:
    """The form; its button's callback :func:`upload` saves the model and says how it went."""
    st.header(_("Upload a model"))
    st.caption(
        _(
            "Only plain models are accepted: a file that carries its own program code, opens other files or uses a layer "
            "the lab does not know is refused, to keep the lab safe."
        )
    )
    with st.expander(_("Details")):
        st.caption(
            _(
                "Layers that carry code or open files are refused before the file is opened: {code} (program code), "
                "{files} (another saved model, word lists) and any custom layer. Then Keras' safe mode loads the file, "
                "in a separate worker; a metadata .json may be at most {limit} KB."
            ).format(code="Lambda", files=", ".join(["TFSMLayer", *sorted(LOOKUPS)]), limit=MAX_JSON_BYTES // 1024)
        )
    keras_file = st.file_uploader(_("Model file (.keras)"), type=["keras"], key=Keys.MODELS_UPLOAD_KERAS)
    json_file = st.file_uploader(
        _("Its metadata (.json, optional: downloaded with the model)"), type=["json"], key=Keys.MODELS_UPLOAD_JSON
    )
    if keras_file is not None:
        stem = Path(keras_file.name).stem
        default = (
            stem
            if stem not in registry.SHIPPED_MODELS and not (registry.models_dir() / keras_file.name).exists()
            else f"{stem}-uploaded"
        )
        st.text_input(_("Save as"), default, key=Keys.MODELS_UPLOAD_NAME)
        if json_file is None:
            st.caption(_("Without its .json, say what the model tells apart."))
            if st.selectbox(_("Task"), TASKS, key=Keys.MODELS_UPLOAD_TASK, format_func=_) == TASKS[-1]:
                st.text_input(_("Task (e.g. 4-vs-9 or 5-vs-rest)"), key=Keys.MODELS_UPLOAD_TASK_TEXT)
            st.text_input(
                _("Class names, comma-separated (optional; e.g. cat, dog — the sigmoid measures the second)"),
                key=Keys.MODELS_UPLOAD_CLASSES,
            )
        st.button(_("Upload and check"), on_click=upload, type="primary", key=Keys.MODELS_UPLOAD)
