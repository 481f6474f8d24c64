"""Sweep: run a whole set of settings at once and see the pattern (which learning rates diverge, what batch size trades)."""

from urllib.parse import urlencode

import streamlit as st

from core.sweeps import link
from core.sweeps.spec import NOTHING_PICKED
from core.sweeps.sweep import Sweep
from core.training import settings as train_settings
from views.keys import SweepKeys
from views.sweep import charts
from views.sweep.form import fill_from_link, plan
from views.sweep.record import start_recorded_sweep
from views.sweep.results import past_sweeps_panel, results_section
from views.widgets.settings_form import choose_task, init_settings, remember_settings, setting


def live_section(sweep: Sweep) -> None:
    """The trials table and charts, polled every second while the sweep runs."""
    live = not sweep.snapshot().done

    @st.fragment(run_every=1.0 if live else None)
    def panel() -> None:
        snap = sweep.snapshot()
        counts = " · ".join(f"{n} {state.word}" for state, n in snap.counts().items())
        st.markdown(f"**Sweep on the {snap.engine} engine: {snap.state.word}** · {counts} · {snap.seconds:.0f} s")
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


def shown_sweep() -> Sweep | None:
    """The session's sweep the page shows: a newly started one, else the one picked when the session has run several."""
    kept: list[Sweep] = st.session_state.get(SweepKeys.SWEEPS, [])
    if not kept:
        return None
    by_id = {sweep.id: sweep for sweep in kept}
    if st.session_state.get(SweepKeys.SHOWN) not in by_id or kept[-1].id > st.session_state.get(SweepKeys.NEWEST, 0):
        st.session_state[SweepKeys.SHOWN] = st.session_state[SweepKeys.NEWEST] = kept[-1].id
    if len(kept) > 1:
        st.selectbox(
            "Show sweep",
            list(reversed(by_id)),
            key=SweepKeys.SHOWN,
            format_func=lambda i: f"Sweep {i}: {', '.join(by_id[i].spec.keys)} · {by_id[i].snapshot().state.word}",
        )
    return by_id[st.session_state[SweepKeys.SHOWN]]


def sweep_page() -> None:
    """The Sweep page: the Train page's settings, what to vary, then the live trials and the best one."""
    st.title(":material/grid_view: Sweep")
    init_settings()
    fill_from_link()
    task, _ = choose_task()
    base = {key: st.session_state[setting(key)] for key in train_settings.DEFAULTS} | {"task": task}
    remember_settings()
    running = [s for s in st.session_state.get(SweepKeys.SWEEPS, []) if not s.snapshot().done]
    problem = None
    try:
        spec = plan()
        st.caption(
            f"Starting from: {train_settings.to_config(base).summary} (change the rest on the Train page). {len(spec.validate(base))} trials."
        )
    except ValueError as error:
        problem = str(error)
        (st.info if problem == NOTHING_PICKED else st.error)(problem)  # an untouched form is not a mistake
    if st.button("Start sweep", icon=":material/play_arrow:", type="primary", disabled=bool(problem) or bool(running)):
        try:
            start_recorded_sweep(spec, base)  # refused with st.error over a class limit
        except RuntimeError as error:  # e.g. Ray is missing
            st.error(str(error))
    sweep = shown_sweep()
    if sweep is not None:
        query = link.to_query(sweep.spec, sweep.base)
        st.query_params.from_dict(query)
        st.caption(f"Share this sweep: `/sweep?{urlencode(query)}`")
        live_section(sweep)
        if sweep.snapshot().done:
            results_section(sweep)
    past_sweeps_panel()
