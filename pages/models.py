"""Models: the saved models in a table; curves and details; set active, download, upload, delete."""

from __future__ import annotations

import json
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from core.storage import model_upload, registry
from pages.common import active_model_name, describe_model, run_through_router
from pages.keys import Keys

TASKS = ("7-vs-8", "3-vs-rest", "digits", "shapes", "folder", "other A-vs-B or A-vs-rest…")


def activate(name: str) -> None:
    # A callback runs before the sidebar picker is drawn again, so its key may be set here.
    st.session_state[Keys.ACTIVE_MODEL] = name
    st.session_state[Keys.MODELS_MESSAGE] = (
        "success",
        f"{name} is now the active model: the Draw, Evaluate and Inside pages use it.",
    )


def delete(name: str) -> None:
    try:
        registry.delete(name)
    except (ValueError, OSError) as error:
        st.session_state[Keys.MODELS_MESSAGE] = ("error", str(error))
        return
    st.session_state[Keys.MODELS_MESSAGE] = ("success", f"Deleted {name}.")
    st.session_state.pop(Keys.MODELS_CONFIRM_DELETE, None)


def upload() -> None:
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
        model_upload.import_uploaded(keras_file.getvalue(), name, task, class_names, metadata=metadata)
    except (ValueError, OSError) as error:  # ModelFileError included: unsafe, damaged or mismatched files
        st.session_state[Keys.MODELS_MESSAGE] = ("error", str(error))
        return
    activate(name)
    st.session_state[Keys.MODELS_MESSAGE] = ("success", f"Uploaded {name}; it is now the active model. Try it on the Draw page.")


def curves(history: list[dict], metric: str) -> alt.Chart:
    rows = [
        {"epoch": epoch, "split": split, metric: record[key]}
        for epoch, record in enumerate(history, start=1)
        for key, split in ((metric, "training"), (f"val_{metric}", "validation"))
        if key in record
    ]
    chart = alt.Chart(pd.DataFrame(rows)).mark_line(point=True)
    chart = chart.encode(x="epoch:Q", y=f"{metric}:Q", color=alt.Color("split:N", legend=alt.Legend(orient="top", title=None)))
    return chart.properties(height=240, title=metric.capitalize())


run_through_router()
st.title("🗂️ Saved models")
if Keys.MODELS_MESSAGE in st.session_state:
    kind, text = st.session_state.pop(Keys.MODELS_MESSAGE)
    (st.success if kind == "success" else st.error)(text)

saved = registry.list_models()
if saved:
    table = pd.DataFrame(
        {
            "name": m["name"],
            "task": m.get("task", "?"),
            "classes": ", ".join(m.get("class_names", [])),
            "test accuracy": (m.get("test_metrics") or {}).get("accuracy"),
            "parameters": m.get("parameters"),
            "saved": (m.get("saved") or "")[:16].replace("T", " "),
            "training": ", ".join(
                f"{k} {v}"
                for k, v in (m.get("train_config") or {}).items()
                if k in ("epochs", "batch_size", "learning_rate", "optimizer")
            ),
            "default": m["name"] in registry.SHIPPED_MODELS,
        }
        for m in saved
    )
    st.dataframe(table, hide_index=True, column_config={"test accuracy": st.column_config.NumberColumn(format="%.4f")})
    names = [m["name"] for m in saved]
    current = active_model_name()
    name = st.selectbox("Model", names, index=names.index(current) if current in names else 0, key=Keys.MODELS_SELECTED)
    metadata = saved[names.index(name)]
    st.caption(describe_model(metadata))
    buttons = st.columns(3)
    buttons[0].button(
        "Set active", on_click=activate, args=(name,), disabled=name == current, type="primary", key=Keys.MODELS_ACTIVATE
    )
    keras_path = Path(metadata["path"])
    buttons[1].download_button("Download .keras", keras_path.read_bytes(), f"{name}.keras", "application/octet-stream")
    buttons[2].download_button(
        "Download metadata .json", keras_path.with_suffix(".json").read_bytes(), f"{name}.json", "application/json"
    )
    history = metadata.get("history") or []
    if history:
        for column, metric in zip(st.columns(2), ("loss", "accuracy"), strict=True):
            column.altair_chart(curves(history, metric), width="stretch", height=300)
    else:
        st.caption("No training history is stored for this model.")
    with st.expander("Details"):
        st.json({k: v for k, v in metadata.items() if k not in ("history", "path", "modified")}, expanded=False)
    if name in registry.SHIPPED_MODELS:
        st.caption("This is one of the lab's default models: it cannot be deleted.")
    else:
        confirm = st.checkbox(f"Yes, delete {name} for good", key=Keys.MODELS_CONFIRM_DELETE)
        st.button("Delete", on_click=delete, args=(name,), disabled=not confirm, key=Keys.MODELS_DELETE)
else:
    st.info("No saved models yet: train one on the Train page, or upload one below.")

st.header("Upload a model")
st.caption(
    "Only plain Keras layers are accepted: files are loaded in safe mode, and a file with custom code (Lambda layers) is refused."
)
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
