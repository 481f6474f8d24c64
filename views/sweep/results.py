"""The Sweep page after a sweep: the best trial, "Save as model" for any trial, and the student's past sweeps."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.classroom import runs, sweep_records
from core.classroom.schema import Run
from core.i18n import _
from core.sweeps.sweep import Sweep
from core.training import run_state
from views.keys import SweepKeys
from views.shell import session as class_session
from views.sweep.charts import run_name
from views.sweep.record import record_of
from views.sweep.tables import shown
from views.widgets.flash import flash, show_flash
from views.widgets.numbers import of_hundred, pct
from views.widgets.save_model import save_trained
from views.widgets.text import plain


def save_trial(sweep: Sweep) -> None:
    """Saves the chosen trial's model under the typed name and makes it the active model (a button callback)."""
    trial = next(t for t in sweep.snapshot().trials if t.number == st.session_state[SweepKeys.SAVE_TRIAL])
    try:
        name, replacing = save_trained(trial.model_bytes, trial.metadata, st.session_state.get(SweepKeys.SAVE_NAME, ""))
    except (ValueError, OSError, RuntimeError) as error:  # refused, a full disk, a worker that died
        flash(SweepKeys.MESSAGE, "error", str(error))
        return
    record = record_of(sweep)
    if record is not None:
        runs.update_run(class_session.database(), record.run_ids[trial.number - 1], model_name=name)
    done = (
        _(
            "Saved trial {number} as '{name}' (replacing your earlier model of that name), now the active model: try it on the Draw page."
        )
        if replacing
        else _("Saved trial {number} as '{name}', now the active model: try it on the Draw page.")
    )
    flash(SweepKeys.MESSAGE, "success", done.format(number=trial.number, name=name))


def results_section(sweep: Sweep) -> None:
    """The best trial's test accuracy and "Save as model" for any trial with a model."""
    snap = sweep.snapshot()
    best, saveable = snap.best(), [t for t in snap.trials if t.model_bytes is not None]
    if best is None:
        st.info(_("No trial ended with a model to save."))
        return
    st.metric(
        _("Best trial: {trial}").format(trial=plain(run_name(best.label))),
        pct(best.test_accuracy),
        help=_("Test accuracy of the trial with the best validation accuracy."),
    )
    st.caption(_("Of 100 test pictures, the best trial got {n} right.").format(n=of_hundred(best.test_accuracy or 0)))
    left, middle, right = st.columns([2, 2, 1], vertical_alignment="bottom")
    left.selectbox(
        _("Trial"),
        [t.number for t in saveable],
        index=saveable.index(best),
        key=SweepKeys.SAVE_TRIAL,
        format_func=lambda n: run_name(snap.trials[n - 1].label),
    )
    middle.text_input(_("Save as"), value=f"sweep-{sweep.id}-best", key=SweepKeys.SAVE_NAME)
    right.button(_("Save as model"), icon=":material/save:", on_click=save_trial, args=(sweep,))
    show_flash(SweepKeys.MESSAGE)


def past_sweeps_panel() -> None:
    """The student's sweeps in the class database, newest first: each one's plan and its trials' outcomes."""
    who = class_session.current_identity()
    past = sweep_records.sweeps_of(class_session.database(), who) if who is not None else []
    if not past:
        return
    with st.expander(_("Your sweeps ({count} kept)").format(count=len(past)), icon=":material/history:"):
        for sweep, trial_runs in past:
            varied = [k.removeprefix("vary_") for k in sweep.settings.get("plan", {}) if k.startswith("vary_")]
            words = plain(", ".join(varied) or _("nothing"))
            heading = _("**Sweep {number}** · {when} · {state} · varied: {varied}")
            st.markdown(
                heading.format(
                    number=sweep.id, when=f"{sweep.created:%d %b %H:%M}", state=run_state.plain(sweep.state), varied=words
                )
            )
            st.dataframe(past_table(trial_runs, varied), hide_index=True, width="stretch")


def past_table(trial_runs: list[Run], varied: list[str]) -> pd.DataFrame:
    """One row per trial of a past sweep: its varied values, how it ended, its best validation and test accuracy."""
    rows = []
    for number, run in enumerate(trial_runs, start=1):
        epochs = (run.curves or {}).get("epochs", [])
        rows.append(
            {_("trial"): number}
            | {key: shown(run.settings.get(key)) for key in varied}
            | {
                _("state"): run_state.words(run.state),
                _("val accuracy"): pct(max((e.get("val_accuracy", 0.0) for e in epochs), default=None)),
                _("test accuracy"): pct((run.metrics or {}).get("test_accuracy")),
                _("saved as"): run.model_name or "—",
            }
        )
    return pd.DataFrame(rows)
