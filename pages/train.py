"""Train: choose the task and hyperparameters, watch loss and accuracy live, compare runs."""

import tempfile
from dataclasses import replace

import pandas as pd
import streamlit as st

from core import data, folders, models, registry
from core import settings as train_settings
from core.run_history import RunHistory
from core.training import TrainingJob, metadata_for
from pages import training_view as view
from pages.common import Keys, load_dataset
from pages.help_texts import HELP

MODES = {
    "A vs B": "pair",
    "A vs rest": "rest",
    "All ten digits": "digits",
    "Circle vs square": "shapes",
    "Your own two classes": "folder",
}


def setting(key: str) -> str:
    return f"setting_{key}"


def init_settings() -> None:
    """Once per session: start from the link's settings (a teacher's shared URL)."""
    if setting("task") in st.session_state:
        return
    values, warnings = train_settings.from_query(st.query_params.to_dict())
    for key, value in values.items():
        st.session_state[setting(key)] = value
    task = data.parse_task(values["task"])
    st.session_state.update(mode=next(m for m, k in MODES.items() if k == task.kind), digit_a=7, digit_b=8, digit_rest=3)
    if task.kind == "pair":
        st.session_state.update(digit_a=task.digits[0], digit_b=task.digits[1])
    if task.kind == "rest":
        st.session_state.update(digit_rest=task.digits[0])
    for warning in warnings:
        st.toast(warning)


def apply_preset() -> None:
    for key, value in train_settings.preset_settings(st.session_state[setting("preset")]).items():
        st.session_state[setting(key)] = value


def choose_task() -> str:
    kind = MODES[st.radio("Task", list(MODES), key="mode", horizontal=True, help=HELP["task"])]
    if kind == "pair":
        left, right = st.columns(2)
        a = left.selectbox("Digit A (sigmoid → 0)", range(10), key="digit_a")
        b = right.selectbox("Digit B (sigmoid → 1)", [d for d in range(10) if d != a], key="digit_b")
        return f"{a}-vs-{b}"
    if kind == "rest":
        return f"{st.selectbox('Digit (sigmoid → 1)', range(10), key='digit_rest')}-vs-rest"
    return kind


def uploaded_folder() -> tuple[str, int] | None:
    upload = st.file_uploader("A .zip holding two folders, one per class (e.g. hotdog/ and not_hotdog/)", type="zip")
    if upload is None:
        return None
    cache = st.session_state.setdefault("unzipped", {})
    if upload.file_id not in cache:
        target = tempfile.mkdtemp(prefix="sigmoid-lab-upload-")
        cache[upload.file_id] = (target, folders.extract_image_zip(upload.getvalue(), target))
    return cache[upload.file_id]


def hyperparameters() -> None:
    st.selectbox("Preset", train_settings.CHOICES["preset"], key=setting("preset"), on_change=apply_preset, help=HELP["preset"])
    a, b, c = st.columns(3)
    a.text_input("Convolution filters per block", key=setting("conv"), help=HELP["conv"])
    a.select_slider("Kernel size", [1, 2, 3, 4, 5, 7], key=setting("kernel"), help=HELP["kernel"])
    a.select_slider("Stride", [1, 2, 3], key=setting("stride"), help=HELP["stride"])
    a.selectbox("Padding", models.PADDINGS, key=setting("padding"), help=HELP["padding"])
    b.checkbox("Max pooling after each convolution", key=setting("pooling"), help=HELP["pooling"])
    b.select_slider("Pooling size", [2, 3, 4], key=setting("pool_size"), help=HELP["pool_size"])
    b.selectbox("Activation", models.ACTIVATIONS, key=setting("activation"), help=HELP["activation"])
    b.text_input("Dense units", key=setting("dense"), help=HELP["dense"])
    b.slider("Dropout", 0.0, 0.9, step=0.05, key=setting("dropout"), help=HELP["dropout"])
    c.selectbox("Optimizer", models.OPTIMIZERS, key=setting("optimizer"), help=HELP["optimizer"])
    c.number_input("Learning rate", 1e-6, 1000.0, format="%.5g", key=setting("lr"), help=HELP["lr"])
    c.number_input("Batch size", 1, 8192, key=setting("batch"), help=HELP["batch"])
    c.number_input("Epochs", 1, 500, key=setting("epochs"), help=HELP["epochs"])
    c.slider("Validation split", 0.0, 0.5, step=0.05, key=setting("val"), help=HELP["val"])
    c.number_input("Seed", 0, 2**31 - 1, key=setting("seed"), help=HELP["seed"])
    st.checkbox("Augment: random shifts, rotations and zoom while training", key=setting("augment"), help=HELP["augment"])


def record_finished(job: TrainingJob) -> None:
    """Adds a job that has ended to the run history, once."""
    recorded = st.session_state.setdefault("recorded_jobs", set())
    progress = job.snapshot()
    if progress.done and job.id not in recorded:
        recorded.add(job.id)
        result = job.result
        test_accuracy = result.test_accuracy if result else None
        st.session_state[Keys.RUNS].add(job.config, progress.state, progress.epoch_history, test_accuracy, progress.elapsed_s)


def save_model(job: TrainingJob) -> None:
    try:
        name = registry.check_name(st.session_state.get("save_name", ""))
        registry.save(job.result.model, name, metadata_for(job.result), overwrite=False, protect_shipped=True)
    except ValueError as error:
        st.session_state["save_message"] = ("error", str(error))
        return
    st.session_state[Keys.ACTIVE_MODEL] = name
    st.session_state["save_message"] = ("success", f"Saved as {name!r} and picked as the active model: try it on the Draw page.")


def job_section(job: TrainingJob) -> None:
    live = not job.snapshot().done

    @st.fragment(run_every=1.0 if live else None)
    def live_panel() -> None:
        progress = job.snapshot()
        view.progress_panel(progress)
        if not progress.done:
            st.button("⏹️ Stop", on_click=job.stop, help="Ends training after the current batch and keeps the model.")
        elif live:
            st.rerun()  # one full rerun shows the results and stops the polling

    live_panel()
    record_finished(job)
    if job.result is not None and job.snapshot().done:
        view.results_panel(job.result)
        left, right = st.columns([3, 1])
        left.text_input("Save as", value=f"my-{job.config.task}-{job.id}", key="save_name")
        right.button("💾 Save model", on_click=save_model, args=(job,))
        kind, text = st.session_state.pop("save_message", (None, None))
        if kind:
            getattr(st, kind)(text)


st.title("🏋️ Train")
st.session_state.setdefault(Keys.RUNS, RunHistory())
init_settings()
task = choose_task()
settings = {key: st.session_state[setting(key)] for key in train_settings.DEFAULTS} | {"task": task}
st.query_params.from_dict(train_settings.to_query(settings))
dataset = problem = None
try:
    folder = uploaded_folder() if task == "folder" else None
    if task != "folder" or folder:
        options = {"data_choice": folder[0], "skipped": folder[1]} if folder else {}
        dataset = load_dataset(task, validation_split=settings["val"], seed=settings["seed"], **options)
        with st.expander("The data", expanded=True):
            view.data_preview(dataset)
except (ValueError, ConnectionError) as error:
    st.error(str(error))
st.subheader("Hyperparameters")
hyperparameters()
try:
    config = train_settings.to_config(settings)
    if dataset is not None:
        config = replace(
            config, data=folder[0] if folder else "auto", model=replace(config.model, input_shape=dataset.input_shape)
        )
        rows = models.layer_table(models.build_model(config.model))
        with st.expander(f"Model summary: {sum(r.parameters for r in rows):,} parameters"):
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
except ValueError as error:
    problem = str(error)
    st.error(problem)
job = st.session_state.get(Keys.JOB)
busy = job is not None and not job.snapshot().done
if st.button("▶️ Start training", type="primary", disabled=bool(problem) or dataset is None or busy):
    st.session_state[Keys.JOB] = job = TrainingJob(config, dataset).start()
if job is not None:
    job_section(job)
view.run_history_panel(st.session_state[Keys.RUNS])
