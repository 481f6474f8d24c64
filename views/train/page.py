"""Train: choose the task and hyperparameters, watch loss and accuracy live, compare runs."""

import pandas as pd
import streamlit as st

from core.engine.jobs import JobHandle
from core.i18n import N_, _
from core.modeling import models
from core.training import settings as train_settings
from core.training import settings_link
from core.training.run_history import RunHistory
from core.training.train_config import fit_config
from views.keys import Keys
from views.shell import session as class_session
from views.train import live as view
from views.train import quota as train_quota
from views.train.history import run_history_panel
from views.train.outcome import results_panel, test_words
from views.train.upload import page_data, tests_on_real
from views.widgets.flash import flash, show_flash
from views.widgets.numbers import count
from views.widgets.save_model import save_trained
from views.widgets.settings_form import choose_task, hyperparameters, init_settings, remember_settings, setting
from views.widgets.text import plain

LAYER_HEADERS = {  # core.modeling.models.planned_layers' columns, as the table shows them
    "name": N_("name"),
    "kind": N_("kind"),
    "output_shape": N_("output size"),
    "parameters": N_("parameters"),
    "explanation": N_("explanation"),
}


def model_summary(config: models.ModelConfig) -> pd.DataFrame:
    """Layers, output shapes and parameters, worked out from the config (no network is built here).

    Raises:
        ValueError: If the network is bigger than the lab allows (the sentence names its size).

    """
    models.check_size(config)
    return pd.DataFrame(models.planned_layers(config))


def record_finished(job: JobHandle) -> None:
    """Adds a job that has ended to the run history once, under the session's number for it."""
    recorded = st.session_state.setdefault(Keys.RECORDED_JOBS, set())
    progress = job.snapshot()
    if not job.settled or job.id in recorded:
        return
    recorded.add(job.id)
    result, results = job.result, {"seconds": progress.elapsed_s}
    if result is not None:
        real = (result.metadata or {}).get("real_test_metrics") or {}
        results |= {"test_accuracy": result.test_accuracy, "test_source": test_words(result, job.dataset)}
        results |= {"real_accuracy": real.get("accuracy"), "real_count": real.get("images") or 0}
    st.session_state[Keys.RUNS].add(job.config, progress.state, progress.epoch_history, **results)


def save_model(job: JobHandle) -> None:
    """Saves the finished run under the typed name and makes it the active model (a button callback)."""
    try:
        result = job.result
        metadata = dict(result.metadata) | (
            {"test_source": test_words(result, job.dataset)} if tests_on_real(job.dataset) else {}
        )
        name, replacing = save_trained(result.model_bytes, metadata, st.session_state.get(Keys.SAVE_NAME, ""))
        train_quota.saved_run(job, name)
    except (ValueError, OSError, RuntimeError) as error:  # PermissionRefused, QuotaError; a full disk; a worker that died
        flash(Keys.SAVE_MESSAGE, "error", str(error))
        return
    done = (
        _(
            "Saved as '{name}' (replacing your earlier model of that name) and picked as the active model: try it on the Draw page."
        )
        if replacing
        else _("Saved as '{name}' and picked as the active model: try it on the Draw page.")
    )
    flash(Keys.SAVE_MESSAGE, "success", done.format(name=name))


def job_section(job: JobHandle) -> None:
    """The run's live progress (polled while it trains), then its results and the save form."""
    live = not job.settled
    number = st.session_state.get(Keys.RUN_NUMBER, 1)
    sizes = view.split_sizes(job.dataset)
    # Two msgids, not ngettext: tests/test_i18n.py's .mo reader cannot hash a plural entry yet.
    epochs = (_("{n} epoch") if job.config.epochs == 1 else _("{n} epochs")).format(n=job.config.epochs)
    heading = _("**Run {number}**").format(number=number)
    st.markdown(f"{heading} · {plain(job.config.summary)} · {epochs}" + (f"  \n:gray[{sizes}]" if sizes else ""))

    @st.fragment(run_every=1.0 if live else None)
    def live_panel() -> None:
        progress, done = job.snapshot(), job.settled
        view.progress_panel(progress, measuring=progress.done and not done, config=job.config)
        if live and done:
            st.rerun()  # one full rerun shows the results, puts Start back in Stop's place and stops the polling

    live_panel()
    record_finished(job)  # the first full run after it ended
    if job.result is not None and job.settled:
        results_panel(job.result, job.dataset)
        left, right = st.columns([2, 1])  # room for the Save button and its icon
        left.text_input(_("Save as"), value=f"my-{job.config.task}-{number}", key=Keys.SAVE_NAME)
        right.button(_("Save model"), icon=":material/save:", on_click=save_model, args=(job,))
        show_flash(Keys.SAVE_MESSAGE)


def train_page() -> None:
    """The Train page, top to bottom: task and Start, the live run, the data, the settings, the session's runs."""
    st.title(_(":material/model_training: Train"))
    st.session_state.setdefault(Keys.RUNS, RunHistory())
    init_settings()
    job = st.session_state.get(Keys.JOB)
    if job is not None:
        record_finished(job)  # before another run can start, so every run gets its row and number
    if (interrupted := train_quota.adopt_started()) is not None:  # Start, then at once another click
        st.session_state[Keys.RUN_NUMBER] = st.session_state[Keys.RUNS].next_number
        st.session_state[Keys.JOB] = job = interrupted
    task, row = choose_task()
    settings = {key: st.session_state[setting(key)] for key in train_settings.DEFAULTS} | {"task": task}
    settings = train_quota.hold_to_limits(settings)  # typed or from a link: clamped before anything is built or queued
    st.query_params.from_dict(settings_link.to_query(settings))
    dataset, held = page_data(task, settings)
    config = summary = None
    notes, problem, fitted = list(st.session_state.get(Keys.LINK_NOTES, [])), "", ""
    try:
        config = train_settings.to_config(settings, max_parameters=class_session.limits().parameters)
        if dataset is not None:
            config, fitted = fit_config(config, dataset, held.path if held else "auto")
            summary = model_summary(config.model)
    except ValueError as error:
        problem = str(error)
    clicked = False
    if job is not None and not job.settled:  # Stop in Start's place, near the top, while the run goes on
        progress = job.snapshot()
        row[2].button(
            _("Stop"),
            icon=":material/stop:",
            on_click=job.stop,
            disabled=progress.done or progress.state == "stopping",
            width="stretch",
            help=_("Ends training after the current batch and keeps the model."),
        )
    else:
        clicked = row[2].button(
            _("Start training"),
            icon=":material/play_arrow:",
            key=Keys.START,
            type="primary",
            disabled=bool(problem) or dataset is None,
            width="stretch",
        )
    if clicked:
        started = train_quota.start_run(config, dataset)  # recorded in the class database; runs at once checked
        if started is not None:
            st.session_state[Keys.RUN_NUMBER] = st.session_state[Keys.RUNS].next_number
            st.session_state[Keys.JOB] = job = started
            st.session_state[Keys.LINK_NOTES] = []
            st.rerun()  # drawn again with Stop in Start's place
    for note in notes:  # a link's refused values, each naming what is allowed: shown as text
        st.warning(plain(note), icon=":material/link_off:")
    if fitted:
        st.info(plain(fitted), icon=":material/info:")
    if problem:
        st.error(plain(problem))
    if job is not None:
        job_section(job)
    if dataset is not None:
        with st.expander(_("The data"), expanded=job is None):
            view.data_preview(dataset)
    st.subheader(_("Settings (hyperparameters)"))
    hyperparameters()
    remember_settings()
    if summary is not None:
        layers = _("Details: the network's layers, {count} numbers it learns (parameters)")
        with st.expander(layers.format(count=count(summary.parameters.sum()))):
            st.dataframe(
                summary.rename(columns=lambda column: _(LAYER_HEADERS.get(column, column))), hide_index=True, width="stretch"
            )
    run_history_panel(st.session_state[Keys.RUNS])
