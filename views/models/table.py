"""The Models page's table: one row per visible model, every model's accuracy on the same named test set."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from core.storage.describe import classes_text
from core.storage.test_sets import REAL_TEST_SET, own_test_accuracy, real_test_accuracy
from views.widgets.numbers import pct

REAL_COLUMN = f"accuracy on {REAL_TEST_SET}"
OWN_COLUMN = "accuracy on its own test set"
SHARED = {"shipped": "everyone (a default model)", "class": "the class", "private": "only {owner}"}


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
        row |= {"owner": owner, "shared with": SHARED.get(visibility, visibility).format(owner=owner)}
    training = metadata.get("train_config") or {}
    return row | {
        "task": metadata.get("task", "?"),
        "classes": classes_text(metadata),
        REAL_COLUMN: pct(real.value) if real else "—",
        OWN_COLUMN: pct(own.value) if own else "—",
        "its own test set": str(own).split(" on ", 1)[1] if own else "not measured",
        "parameters": f"{metadata['parameters']:,}" if isinstance(metadata.get("parameters"), int) else "—",
        "epochs trained": epochs_trained(metadata) or "—",
        "saved": (metadata.get("saved") or "")[:16].replace("T", " "),
        "training": ", ".join(f"{k} {v}" for k, v in training.items() if k in ("batch_size", "learning_rate", "optimizer")),
    }


def models_table(saved: list[dict[str, Any]], class_mode: bool) -> None:
    """Shows the table; models compare on :data:`REAL_TEST_SET` (empty where a model was never measured on it)."""
    table = pd.DataFrame(_row(metadata, class_mode) for metadata in saved)
    st.dataframe(
        table.astype(str),
        hide_index=True,
        column_config={
            REAL_COLUMN: st.column_config.TextColumn(
                help="The same test digits for every MNIST model, so these compare like with like."
            ),
            "epochs trained": st.column_config.TextColumn(help="A run stopped early trains fewer epochs than it asked for."),
        },
    )
    st.caption(
        f"Compare models on the column *{REAL_COLUMN}*: every MNIST model there was tested on the same digits. "
        "Each model's own test set differs (a few hundred held-out pictures of whatever it trained on)."
    )
