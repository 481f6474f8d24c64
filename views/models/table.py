"""The Models page's table: one row per visible model, every model's accuracy on the same named test set."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from core.i18n import N_, _
from core.storage.describe import classes_text
from core.storage.test_sets import REAL_TEST_SET, own_test_accuracy, real_test_accuracy
from views.widgets.numbers import pct

REAL_COLUMN = f"accuracy on {REAL_TEST_SET}"
OWN_COLUMN = "accuracy on its own test set"
HEADERS = {  # the table's column names, shown in the student's language
    "name": N_("name"),
    "owner": N_("owner"),
    "shared with": N_("shared with"),
    "task": N_("task"),
    "classes": N_("classes"),
    REAL_COLUMN: N_("accuracy on the real MNIST test set"),
    OWN_COLUMN: N_("accuracy on its own test set"),
    "its own test set": N_("its own test set"),
    "parameters": N_("parameters"),
    "epochs trained": N_("epochs trained"),
    "saved": N_("saved"),
    "training": N_("training"),
}
SHARED = {"shipped": N_("everyone (a default model)"), "class": N_("the class"), "private": N_("only {owner}")}


def epochs_trained(metadata: dict[str, Any]) -> int | None:
    """Epochs actually trained: ``epochs_trained``, else the stored history's length (a stopped run trains fewer)."""
    if isinstance(metadata.get("epochs_trained"), int):
        return metadata["epochs_trained"]
    return len(metadata["history"]) if metadata.get("history") else None


def _row(metadata: dict[str, Any], class_mode: bool) -> dict[str, Any]:
    real, own = real_test_accuracy(metadata), own_test_accuracy(metadata)
    owner = metadata.get("owner", "")
    row = {"name": metadata["name"]}
    if class_mode:
        visibility = metadata.get("visibility", "private")
        row |= {"owner": owner, "shared with": _(SHARED[visibility]).format(owner=owner) if visibility in SHARED else visibility}
    training = metadata.get("train_config") or {}
    return row | {
        "task": metadata.get("task", "?"),
        "classes": classes_text(metadata),
        REAL_COLUMN: pct(real.value) if real else "—",
        OWN_COLUMN: pct(own.value) if own else "—",
        "its own test set": str(own).split(" on ", 1)[1] if own else _("not measured"),
        "parameters": f"{metadata['parameters']:,}" if isinstance(metadata.get("parameters"), int) else "—",
        "epochs trained": epochs_trained(metadata) or "—",
        "saved": (metadata.get("saved") or "")[:16].replace("T", " "),
        "training": ", ".join(f"{k} {v}" for k, v in training.items() if k in ("batch_size", "learning_rate", "optimizer")),
    }


def models_table(saved: list[dict[str, Any]], class_mode: bool) -> None:
    """Shows the table; models compare on :data:`REAL_TEST_SET` (empty where a model was never measured on it)."""
    table = pd.DataFrame(_row(metadata, class_mode) for metadata in saved)
    headers = {column: _(HEADERS[column]) for column in table.columns if column in HEADERS}
    st.dataframe(
        table.astype(str).rename(columns=headers),
        hide_index=True,
        column_config={
            headers.get(REAL_COLUMN, REAL_COLUMN): st.column_config.TextColumn(
                help=_("The same test digits for every MNIST model, so these compare like with like.")
            ),
            headers.get("epochs trained", "epochs trained"): st.column_config.TextColumn(
                help=_("A run stopped early trains fewer epochs than it asked for.")
            ),
        },
    )
    st.caption(
        _(
            "Compare models on the column *{column}*: every MNIST model there was tested on the same digits. "
            "Each model's own test set differs (a few hundred held-out pictures of whatever it trained on)."
        ).format(column=headers.get(REAL_COLUMN, REAL_COLUMN))
    )
