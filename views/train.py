"""Train: choose the task and hyperparameters, watch loss and accuracy live, compare runs."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from core.classroom import ownership
from core.data import folders
from core.engine import get_engine
from core.engine.jobs import JobHandle
from core.modeling import models
from core.storage import registry
from core.training import settings as train_settings
from core.training.job import check_fits
from core.training.run_history import RunHistory
from views import class_session, train_quota
from views import training_view as view
from views.common import load_dataset
from views.keys import Keys
from views.train_form import choose_task, hyperparameters, init_settings, remember_settings, setting


def uploaded_folder() -> tuple[str, int] | None:
    """The folder unzipped from the student's upload and how many files it skipped, or ``None`` before an upload."""
    upload = st.file_uploader(
        "A .zip holding two folders, one per class (e.g. hotdog/ and not_hotdog/)", type="zip", key=Keys.FOLDER_ZIP
    )
    if upload is None:
        return None
    held = st.session_state.get(Keys.UNZIPPED)
    if held is None or held[0] != upload.file_id:
        if held is not None:
            held[1].cleanup()  # one upload at a time: the previous folder goes
        folder = folders.new_upload_folder()  # deleted with the session's state, too
        skipped = folders.extract_image_zip(upload.getvalue(), folder.name)
        st.session_state[Keys.UNZIPPED] = held = (upload.file_id, folder, skipped)
    return held[1].name, held[2]


def model_summary(config: models.ModelConfig) -> pd.DataFrame:
    """Layers, output shapes and parameters, worked out from the config (no network is built here).

    Raises:
        ValueError: If the network is bigger than the lab allows (the sentence names its size).

    """
    models.check_size(config)
    return pd.DataFrame(models.planned_layers(config))


def record_finished(job: JobHandle) -> None:
    """Adds a job that has ended to the run history, once."""
    recorded = st.session_state.setdefault(Keys.RECORDED_JOBS, set())
    progress = job.snapshot()
    if progress.done and job.id not in recorded:
        recorded.add(job.id)
        result = job.result
        test_accuracy = result.test_accuracy if result else None
        st.session_state[Keys.RUNS].add(job.config, progress.state, progress.epoch_history, test_accuracy, progress.elapsed_s)


def save_model(job: JobHandle) -> None:
    """Saves the finished run under the typed name, if this session may, and makes it the active model (a button callback).

    Another student's or a default model's name, or one more model than the saved-models limit,
    is refused with a sentence before anything is written; the owner is stamped in and recorded.
    """
    db, who = class_session.database(), class_session.current_identity()
    try:
        name = registry.check_name(st.session_state.get(Keys.SAVE_NAME, ""))
        replacing = (registry.models_dir() / f"{name}.keras").exists()
        ownership.check_save(db, who, name, class_session.limits())
        folder = str(registry.models_dir())
        result = job.result
        metadata = ownership.stamp(result.metadata, who)
        get_engine().call("save_model", result.model_bytes, name, metadata, folder, overwrite=True, protect_shipped=True)
        ownership.record_save(db, who, name)
        train_quota.saved_run(job, name)
    except (ValueError, OSError, RuntimeError) as error:  # PermissionRefused, QuotaError; a full disk; a worker that died
        st.session_state[Keys.SAVE_MESSAGE] = ("error", str(error))
        return
    st.session_state[Keys.ACTIVE_MODEL] = name
    st.session_state[Keys.SAVE_MESSAGE] = (
        "success",
        f"Saved as {name!r}{' (replacing your earlier model of that name)' if replacing else ''} and picked as the active model: try it on the Draw page.",
    )


def job_section(job: JobHandle) -> None:
    """The run's live progress (polled while it trains), then its results and the save form."""
    live = not job.snapshot().done
    st.markdown(f"**Run {job.id}:** {job.config.summary} · {job.config.epochs} epochs")

    @st.fragment(run_every=1.0 if live else None)
    def live_panel() -> None:
        progress = job.snapshot()
        view.progress_panel(progress)
        if not progress.done:
            st.button(
                "Stop",
                icon=":material/stop:",
                on_click=job.stop,
                help="Ends training after the current batch and keeps the model.",
            )
        elif live:
            st.rerun()  # one full rerun shows the results and stops the polling

    live_panel()
    record_finished(job)
    if job.result is not None and job.snapshot().done:
        view.results_panel(job.result)
        left, right = st.columns([2, 1])  # room for the Save button and its icon
        left.text_input("Save as", value=f"my-{job.config.task}-{job.id}", key=Keys.SAVE_NAME)
        right.button("Save model", icon=":material/save:", on_click=save_model, args=(job,))
        kind, text = st.session_state.pop(Keys.SAVE_MESSAGE, (None, None))
        if kind:
            getattr(st, kind)(text)


def train_page() -> None:
    """The Train page: task and settings on the left, the live run and the data on the right."""
    st.title(":material/model_training: Train")
    st.session_state.setdefault(Keys.RUNS, RunHistory())
    init_settings()
    task = choose_task()
    settings = {key: st.session_state[setting(key)] for key in train_settings.DEFAULTS} | {"task": task}
    settings = train_quota.hold_to_limits(settings)  # typed or from a link: clamped before anything is built or queued
    st.query_params.from_dict(train_settings.to_query(settings))
    controls, live = st.columns([1, 1.3], gap="large")
    dataset = problem = folder = None
    with live:
        try:
            folder = uploaded_folder() if task == "folder" else None
            if task != "folder" or folder:
                options = {"data_choice": folder[0], "skipped": folder[1]} if folder else {}
                dataset = load_dataset(task, validation_split=settings["val"], seed=settings["seed"], **options)
        except (ValueError, ConnectionError) as error:
            st.error(str(error))
    with controls:
        st.subheader("Hyperparameters")
        hyperparameters()
        remember_settings()
        try:
            config = train_settings.to_config(settings, max_parameters=class_session.limits().parameters)
            if dataset is not None:
                config = replace(
                    config, data=folder[0] if folder else "auto", model=replace(config.model, input_shape=dataset.input_shape)
                )
                check_fits(config, dataset)
                summary = model_summary(config.model)
                with st.expander(f"Model summary: {summary.parameters.sum():,} parameters"):
                    st.dataframe(summary, hide_index=True, width="stretch")
        except ValueError as error:
            problem = str(error)
            st.error(problem)
        job = st.session_state.get(Keys.JOB)
        busy = job is not None and not job.snapshot().done
        clicked = st.button(
            "Start training",
            icon=":material/play_arrow:",
            key=Keys.START,
            type="primary",
            disabled=bool(problem) or dataset is None or busy,
        )
        if clicked and not busy:  # the button drawn before training began may be clicked again while it runs
            started = train_quota.start_run(config, dataset)  # recorded in the class database; runs at once checked
            if started is not None:
                st.session_state[Keys.JOB] = job = started
    with live:
        if job is not None:
            job_section(job)
        if dataset is not None:
            with st.expander("The data", expanded=job is None):
                view.data_preview(dataset)
    view.run_history_panel(st.session_state[Keys.RUNS])
