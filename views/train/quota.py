"""The Train page's class rules: settings held to the limits before anything is built, runs recorded in the database."""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.classroom import runs
from core.classroom.quotas import QuotaError, clamp_settings
from core.classroom.recorders import RunRecorder
from core.data.datasets import Dataset
from core.engine import get_engine
from core.engine.jobs import JobHandle
from core.training import settings as train_settings
from core.training.train_config import TrainConfig
from views.keys import Keys
from views.shell import session as class_session
from views.shell.heartbeat import session_watcher
from views.widgets.announce import announce
from views.widgets.settings_form import setting
from views.widgets.text import plain


def hold_to_limits(settings: dict[str, Any]) -> dict[str, Any]:
    """The settings held to the limits in force, typed or from a link, before anything is built or queued.

    Each changed value is put back in its field (call this before the fields are drawn) and each
    change is shown with a warning naming the limit.

    Returns:
        The settings to use.

    """
    held, messages = clamp_settings(settings, class_session.limits())
    for key, value in held.items():
        if key in train_settings.DEFAULTS and key != "task" and value != settings.get(key):
            st.session_state[setting(key)] = value
    for message in messages:
        st.warning(plain(message), icon=":material/block:")
    return held


def start_run(config: TrainConfig, dataset: Dataset) -> JobHandle | None:
    """Records the run in the class database and starts it, or shows why not (too many runs at once).

    Every access to ``st.session_state`` is a point where Streamlit may stop the script for a new
    rerun (a student clicking Start and at once another page). So the session's containers are
    fetched first, and between recording the run and handing the job to them nothing touches
    Streamlit: an interrupted start still has its job in :data:`Keys.STARTED_JOBS`, which the
    Train page adopts on its next run (:func:`adopt_started`), and its row is still recorded.

    Returns:
        The job, or None when the student already has as many runs going as the limit allows.

    """
    db, who, limits = class_session.database(), class_session.current_identity(), class_session.limits()
    watched, engine = session_watcher(), get_engine()
    run_ids: dict[int, int] = st.session_state.setdefault(Keys.RUN_IDS, {})
    started: list[JobHandle] = st.session_state.setdefault(Keys.STARTED_JOBS, [])
    try:
        run_id = runs.start_run(db, who, config.to_dict(), limits)
    except QuotaError as error:
        st.error(plain(error), icon=":material/block:")
        announce(str(error), urgent=True)  # role=alert: the run did not start
        return None
    # From here until the job is in `started`, no Streamlit call: nothing can interrupt it. The
    # recorder (core.classroom) follows the run to its end in the server, even if the tab closes.
    recorder = RunRecorder(db, run_id)
    job = recorder.launch(lambda observers: engine.start_training(config, dataset, watched=watched, observers=observers))
    run_ids[job.id] = run_id
    started.append(job)
    del started[:-1]  # only the newest matters; older ones are in the run history
    return job


def adopt_started() -> JobHandle | None:
    """The newest job this session started, if its start was interrupted before the page took it as its run."""
    started = st.session_state.get(Keys.STARTED_JOBS) or []
    job = st.session_state.get(Keys.JOB)
    if started and (job is None or job.id < started[-1].id):
        return started[-1]
    return None


def saved_run(job: JobHandle, name: str) -> None:
    """Notes in the run's row which model it was saved as."""
    run_id = st.session_state.get(Keys.RUN_IDS, {}).get(job.id)
    if run_id is not None:
        runs.update_run(class_session.database(), run_id, model_name=name)
