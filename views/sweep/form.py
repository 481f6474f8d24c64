"""The Sweep page's form: what to vary and how, the budget and early stopping; filled once from a shared link."""

import streamlit as st

from core.i18n import N_, _
from core.sweeps import link
from core.sweeps.params import HYPERPARAMETERS, hyperparameter
from core.sweeps.spec import MAX_AXES, MAX_EPOCHS, MAX_TRIALS, Axis, SweepSpec
from views.keys import SweepKeys
from views.widgets.glossary import tip
from views.widgets.text import plain

SEARCH_WORDS = {"grid": N_("grid"), "random": N_("random")}


def fill_from_link() -> None:
    """On the session's first visit, fills the form from a shared link's plan (``vary_lr=...``), else from the defaults.

    The link's refused values are kept under :data:`SweepKeys.LINK_NOTES` for :func:`link_notes`.
    """
    if st.session_state.get(SweepKeys.FILLED):
        return
    spec, _base, warnings = link.from_query(st.query_params.to_dict())
    values = {
        SweepKeys.FILLED: True,
        SweepKeys.SEARCH: spec.search,
        SweepKeys.VARIED: list(spec.keys),
        SweepKeys.EARLY: spec.early_stopping,
    }
    values |= {SweepKeys.TRIALS: spec.trials, SweepKeys.BUDGET: spec.max_trials, SweepKeys.EPOCHS: spec.epochs}
    for axis in spec.axes:
        values[SweepKeys.VALUES + axis.key] = link.values_text(axis)
        if axis.is_range:
            values[SweepKeys.LOW + axis.key], values[SweepKeys.HIGH + axis.key] = float(axis.low), float(axis.high)
    values[SweepKeys.LINK_NOTES] = list(warnings)  # shown on every run until a sweep starts
    st.session_state.update(values)


def link_notes() -> None:
    """The shared link's refused values, each naming what is allowed, shown as text until a sweep starts."""
    for warning in st.session_state.get(SweepKeys.LINK_NOTES, []):
        st.warning(plain(warning), icon=":material/link_off:")


def axis_input(key: str, search: str) -> Axis:
    """The values (or, for random search, the range) of one varied hyperparameter."""
    knob = hyperparameter(key)
    if search == "random" and knob.numeric:
        st.session_state.setdefault(SweepKeys.LOW + key, float(knob.low))
        st.session_state.setdefault(SweepKeys.HIGH + key, float(knob.high))
        low, high = st.columns(2)
        return Axis(
            key,
            low=low.number_input(_("{setting} from").format(setting=knob.words), key=SweepKeys.LOW + key, format="%g"),
            high=high.number_input(_("to"), key=SweepKeys.HIGH + key, format="%g"),
        )
    hint = _("e.g. 0.001; 0.01; 0.1") if knob.numeric else ", ".join(knob.choices) or _("e.g. 16,32; 32,64")
    label = _("{setting} values").format(setting=knob.words)
    return Axis(key, link.split_values(key, st.text_input(label, key=SweepKeys.VALUES + key, placeholder=hint)))


def plan() -> SweepSpec:
    """The plan the form describes (not yet checked against the settings)."""
    search = st.radio(
        _("Search"),
        ["grid", "random"],
        key=SweepKeys.SEARCH,
        horizontal=True,
        format_func=lambda s: _(SEARCH_WORDS[s]),
        help=_(
            "Grid: every combination of the values you list. Random: this many trials, each with values picked at random "
            "from the ranges."
        ),
    )
    label = _("Settings to vary (1–{most})").format(most=MAX_AXES)
    varied = st.multiselect(
        label, list(HYPERPARAMETERS), key=SweepKeys.VARIED, max_selections=MAX_AXES, format_func=lambda k: hyperparameter(k).words
    )
    axes = tuple(axis_input(key, search) for key in varied)
    a, b, c = st.columns(3)
    random_trials = _("Random trials (1–{most})").format(most=MAX_TRIALS)
    trials = a.number_input(random_trials, 1, MAX_TRIALS, key=SweepKeys.TRIALS, disabled=search == "grid")
    budget = b.number_input(_("Most trials to run (1–{most})").format(most=MAX_TRIALS), 1, MAX_TRIALS, key=SweepKeys.BUDGET)
    per_trial = _("Epochs per trial (1–{most})").format(most=MAX_EPOCHS)
    epochs = c.number_input(per_trial, 1, MAX_EPOCHS, key=SweepKeys.EPOCHS, help=tip("epoch"))
    early = st.checkbox(
        _("Stop weak trials early (after 1, 2, 4… epochs only the better half goes on)"),
        key=SweepKeys.EARLY,
        help=tip("early_stop"),
    )
    return SweepSpec(axes, search, int(trials), int(budget), int(epochs), early)
