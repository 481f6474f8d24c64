"""Saving a trained model from a page (a Train run or a sweep's trial): the class rules, the files, the owner's row."""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.classroom import ownership
from core.engine import get_engine
from core.storage import registry
from views.keys import Keys
from views.shell import session as class_session


def save_trained(model_bytes: bytes, metadata: dict[str, Any], typed_name: str) -> tuple[str, bool]:
    """Saves a trained model under the typed name, if this session may, and makes it the active model.

    Another student's or a default model's name, or one more model than the saved-models limit,
    is refused with a sentence before anything is written; the owner is stamped into the
    metadata and recorded in the class database. The worker writes the files atomically.

    Args:
        model_bytes: The ``.keras`` file from the run's result.
        metadata: What the run says about the model.
        typed_name: The name as the student typed it.

    Returns:
        ``(name, replacing)``: the checked name and whether it replaced the student's earlier model of that name.

    Raises:
        ValueError: With a sentence for a bad name, a name that is not theirs or a quota (``PermissionRefused``,
            ``QuotaError``).
        OSError: If the disk is full or the folder cannot be written.
        RuntimeError: If the worker died while saving.

    """
    db, who = class_session.database(), class_session.current_identity()
    name = registry.check_name(typed_name)
    replacing = (registry.models_dir() / f"{name}.keras").exists()
    ownership.check_save(db, who, name, class_session.limits())
    stamped = ownership.stamp(metadata, who)
    folder = str(registry.models_dir())
    get_engine().call("save_model", model_bytes, name, stamped, folder, overwrite=True, protect_shipped=True)
    ownership.record_save(db, who, name)
    st.session_state[Keys.ACTIVE_MODEL] = name
    return name, replacing
