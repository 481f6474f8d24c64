"""Sweep: run a whole set of settings at once and see the pattern (which learning rates diverge, what batch size trades)."""

from urllib.parse import urlencode

import streamlit as st

from core.classroom import ownership
from core.engine import get_engine
from core.storage import registry
from core.sweeps import link, start_sweep
from core.sweeps.spec import NOTHING_PICKED
from core.sweeps.sweep import Sweep
from core.training import settings as train_settings
from views import class_session
from views import sweep_charts as charts
from views.keys import Keys
from views.sweep_form import SweepKeys, fill_from_link, plan
from views.train_form import choose_task, init_settings, remember_settings, setting


def save_trial(sweep: Sweep) -> None:
    """Saves the chosen trial's model under the typed name and makes it the active model (a button callback)."""
    trial = next(t for t in sweep.snapshot().trials if t.number == st.session_state[SweepKeys.SAVE_TRIAL])
    db, who = class_session.database(), class_session.current_identity()
    try:
        name = registry.check_name(st.session_state.get(SweepKeys.SAVE_NAME, ""))
        ownership.check_save(db, who, name, class_session.limits())
        metadata = ownership.stamp(trial.metadata, who)
        get_engine().call(
            "save_model", trial.model_bytes, name, metadata, str(registry.models_dir()), overwrite=True, protect_shipped=True
        )
        ownership.record_save(db, who, name)
    except (ValueError, OSError, RuntimeError) as error:  # refused, a full disk, a worker that died
        st.session_state[SweepKeys.MESSAGE] = ("error", str(error))
        return
    st.session_state[Keys.ACTIVE_MODEL] = name
    st.session_state[SweepKeys.MESSAGE] = (
        "success",
        f"Saved trial {trial.number} as {name!r}, now the active model: try it on the Draw page.",
    )


def live_section(sweep: Sweep) -> None:
    """The trials table and charts, polled every second while the sweep runs."""
    live = not sweep.snapshot().done

    @st.fragment(run_every=1.0 if live else None)
    def panel() -> None:
        snap = sweep.snapshot()
        counts = " · ".join(f"{n} {state}" for state, n in snap.counts().items())
        st.markdown(f"**Sweep on the {snap.engine} engine: {snap.state}** · {counts} · {snap.seconds:.0f} s")
        if snap.error:
            st.error(snap.error)
        if not snap.done:
            st.button("Stop sweep", icon=":material/stop:", on_click=sweep.stop, help="Trials that finished are kept.")
        percent = st.column_config.NumberColumn(format="percent")
        st.dataframe(
            snap.table(), hide_index=True, width="stretch", column_config={"val accuracy": percent, "test accuracy": percent}
        )
        curves, outcomes = snap.curves(), snap.outcomes()
        if not curves.empty:
            for column, metric in zip(st.columns(2), ("val_loss", "val_accuracy"), strict=True):
                column.altair_chart(charts.curves_chart(curves, metric), width="stretch")
        if len(outcomes) >= 2:
            st.altair_chart(charts.parallel_chart(outcomes, snap.keys), width="stretch")
        if len(snap.keys) == 2 and not outcomes.empty:
            st.altair_chart(charts.heatmap_chart(snap.heatmap(), snap.keys), width="stretch")
        if live and snap.done:
            st.rerun()  # one full rerun shows the results and stops the polling

    panel()


def results_section(sweep: Sweep) -> None:
    """The best trial's test accuracy and "Save as model" for any trial with a model."""
    snap = sweep.snapshot()
    best, saveable = snap.best(), [t for t in snap.trials if t.model_bytes is not None]
    if best is None:
        st.info("No trial ended with a model to save.")
        return
    st.metric(
        f"Best trial: {best.label}",
        f"{best.test_accuracy:.2%}",
        help="Test accuracy of the trial with the best validation accuracy.",
    )
    left, middle, right = st.columns([2, 2, 1], vertical_alignment="bottom")
    left.selectbox(
        "Trial",
        [t.number for t in saveable],
        index=saveable.index(best),
        key=SweepKeys.SAVE_TRIAL,
        format_func=lambda n: snap.trials[n - 1].label,
    )
    middle.text_input("Save as", value=f"sweep-{sweep.id}-best", key=SweepKeys.SAVE_NAME)
    right.button("Save as model", icon=":material/save:", on_click=save_trial, args=(sweep,))
    kind, text = st.session_state.pop(SweepKeys.MESSAGE, (None, None))
    if kind:
        getattr(st, kind)(text)


def sweep_page() -> None:
    """The Sweep page: the Train page's settings, what to vary, then the live trials and the best one."""
    st.title(":material/grid_view: Sweep")
    init_settings()
    fill_from_link()
    task, _ = choose_task()
    base = {key: st.session_state[setting(key)] for key in train_settings.DEFAULTS} | {"task": task}
    remember_settings()
    sweep: Sweep | None = st.session_state.get(SweepKeys.SWEEP)
    busy = sweep is not None and not sweep.snapshot().done
    problem = None
    try:
        spec = plan()
        st.caption(
            f"Starting from: {train_settings.to_config(base).summary} (change the rest on the Train page). {len(spec.validate(base))} trials."
        )
    except ValueError as error:
        problem = str(error)
        (st.info if problem == NOTHING_PICKED else st.error)(problem)  # an untouched form is not a mistake
    if st.button("Start sweep", icon=":material/play_arrow:", type="primary", disabled=bool(problem) or busy) and not busy:
        try:
            st.session_state[SweepKeys.SWEEP] = sweep = start_sweep(spec, base)
        except (ValueError, RuntimeError) as error:
            st.error(str(error))
    if sweep is not None:
        query = link.to_query(sweep.spec, sweep.base)
        st.query_params.from_dict(query)
        st.caption(f"Share this sweep: `/sweep?{urlencode(query)}`")
        live_section(sweep)
        if sweep.snapshot().done:
            results_section(sweep)
