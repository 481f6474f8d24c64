"""Sweep: run a whole set of settings at once and see the pattern (which learning rates diverge, what batch size trades)."""

from urllib.parse import urlencode

import streamlit as st

from core.i18n import _
from core.sweeps import link
from core.sweeps.spec import NOTHING_PICKED
from core.sweeps.sweep import Sweep
from core.training import settings as train_settings
from views.keys import SweepKeys
from views.sweep import charts, tables
from views.sweep.form import fill_from_link, link_notes, plan
from views.sweep.record import start_recorded_sweep
from views.sweep.results import past_sweeps_panel, results_section
from views.widgets.announce import announce
from views.widgets.settings_form import choose_task, init_settings, remember_settings, setting
from views.widgets.text import plain


def live_section(sweep: Sweep) -> None:
    """The trials table and charts, polled every second while the sweep runs."""
    live = not sweep.snapshot().done

    @st.fragment(run_every=1.0 if live else None)
    def panel() -> None:
        snap = sweep.snapshot()
        counts = " · ".join(f"{n} {_(state.word)}" for state, n in snap.counts().items())
        heading = _("**Sweep {where}: {state}**").format(where=tables.engine_words(snap.engine), state=_(snap.state.word))
        st.markdown(f"{heading} · {counts} · {snap.seconds:.0f} s")
        if snap.error:
            st.error(plain(snap.error))
            announce(snap.error, urgent=True)  # role=alert: a screen reader hears that the sweep failed
        if not snap.done:
            st.button(_("Stop sweep"), icon=":material/stop:", on_click=sweep.stop, help=_("Trials that finished are kept."))
        announce(tables.status(snap))  # role=status: how many trials have ended
        st.dataframe(tables.trials_table(snap), hide_index=True, width="stretch")
        curves, outcomes = snap.curves(), snap.outcomes()
        if not curves.empty:
            for column, metric in zip(st.columns(2), ("val_loss", "val_accuracy"), strict=True):
                chart, numbers = charts.curves_chart(curves, metric), curves[curves.metric == metric]
                charts.chart_with_numbers(
                    chart, charts.curves_sentence(curves, metric), numbers, _(tables.METRIC_TITLES[metric]), column
                )
        if len(outcomes) >= 2:
            sentence, numbers = charts.outcomes_sentence(outcomes), tables.outcomes_numbers(outcomes)
            charts.chart_with_numbers(charts.parallel_chart(outcomes, snap.keys), sentence, numbers, _("each trial"))
        if len(snap.keys) == 2 and not outcomes.empty:
            heatmap = snap.heatmap()
            sentence = charts.outcomes_sentence(outcomes)
            charts.chart_with_numbers(charts.heatmap_chart(heatmap, snap.keys), sentence, heatmap, _("each pair of values"))
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
            _("Show sweep"),
            list(reversed(by_id)),
            key=SweepKeys.SHOWN,
            format_func=lambda i: _("Sweep {number}: {varied} · {state}").format(
                number=i, varied=", ".join(by_id[i].spec.keys), state=_(by_id[i].snapshot().state.word)
            ),
        )
    return by_id[st.session_state[SweepKeys.SHOWN]]


def sweep_page() -> None:
    """The Sweep page: the Train page's settings, what to vary, then the live trials and the best one."""
    st.title(_(":material/grid_view: Sweep"))
    init_settings()
    fill_from_link()
    link_notes()
    task, _row = choose_task()
    base = {key: st.session_state[setting(key)] for key in train_settings.DEFAULTS} | {"task": task}
    remember_settings()
    running = [s for s in st.session_state.get(SweepKeys.SWEEPS, []) if not s.snapshot().done]
    problem, spec = None, None
    try:
        spec = plan()
        st.caption(
            _("Starting from: {summary} (change the rest on the Train page). {count} trials.").format(
                summary=plain(train_settings.to_config(base).summary), count=len(spec.validate(base))
            )
        )
    except ValueError as error:
        problem = str(error)
        untyped = spec is not None and any(not axis.values and not axis.is_range for axis in spec.axes)
        (st.info if problem == _(NOTHING_PICKED) or untyped else st.error)(plain(problem))  # nothing typed yet: no mistake
    if st.button(_("Start sweep"), icon=":material/play_arrow:", type="primary", disabled=bool(problem) or bool(running)):
        try:
            if start_recorded_sweep(spec, base) is not None:  # refused with st.error over a class limit
                st.session_state[SweepKeys.LINK_NOTES] = []
        except RuntimeError as error:  # e.g. Ray is missing
            st.error(plain(error))
    sweep = shown_sweep()
    if sweep is not None:
        query = link.to_query(sweep.spec, sweep.base)
        st.query_params.from_dict(query)
        st.caption(_("Share this sweep: {link}").format(link=f"`/sweep?{urlencode(query)}`"))
        live_section(sweep)
        if sweep.snapshot().done:
            results_section(sweep)
    past_sweeps_panel()
