"""Evaluate: metrics, threshold and costs, ROC, a clickable confusion matrix, galleries, histogram and calibration."""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import streamlit as st

from core import i18n
from core.data import test_sets
from core.engine.model_handle import ModelHandle
from core.i18n import _, number
from core.inspection import costs, evaluation
from core.storage import registry
from core.storage.version import model_version
from views.evaluate import charts, words
from views.evaluate.galleries import EvalKey, clicked_cell, show_galleries
from views.keys import Keys
from views.shell.data import load_dataset
from views.shell.models import active_classifier, active_model_name
from views.widgets.glossary import tip
from views.widgets.numbers import count, pct
from views.widgets.text import plain, quoted

LIMIT_ENV = "SIGMOID_LAB_EVAL_LIMIT"  # evaluate only the first N test images (used by the tests)
COST_RATIOS = (0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100)


@st.cache_resource(show_spinner=False, max_entries=4)
def evaluate(path: str, version: int, limit: int | None, language: str, _classifier: ModelHandle) -> evaluation.Evaluation:
    """The model on its test set, once per model file version and language (the arguments are the cache key)."""
    del path, version, language
    found = test_sets.load_eval_set(_classifier.metadata, limit, loader=load_dataset)
    return _classifier.evaluate(found.images, found.labels, task_labels=True, source=found.source)


@st.cache_resource(max_entries=4)
def templates(key: EvalKey, language: str, _ev: evaluation.Evaluation) -> dict[str, dict[str, Any]]:
    """The charts' parts that do not move with the threshold, built once per evaluation and language."""
    del language
    if not _ev.binary:
        return {}
    made = {"histogram": charts.histogram_template(_ev), "calibration": charts.calibration_chart(_ev).to_dict()}
    if len(np.unique(_ev.labels)) == 2:
        made["roc"] = charts.roc_template(_ev)
    return made


def evaluate_page() -> None:
    """The Evaluate page: the active model on its test set, at a threshold the student moves or costs choose."""
    st.title(_(":material/analytics: Evaluate"))
    classifier = active_classifier()
    if classifier is None:
        return
    path = registry.resolve(active_model_name() or "")
    limit = int(os.environ.get(LIMIT_ENV) or 0) or None
    try:
        key: EvalKey = (str(path), model_version(path), limit)
        with st.spinner(_("Testing the model on its test pictures…")):
            ev = evaluate(*key, i18n.current(), classifier)
    except ValueError as error:
        st.error(plain(error))
        return
    st.caption(
        _("{model} tested on {source}: {count} pictures it never learned from.").format(
            model=quoted(path.stem), source=plain(ev.source), count=count(len(ev))
        ),
        help=tip("real_test"),
    )
    if not ev.binary:
        st.info(
            _(
                "This model gives each of the ten digits a chance and answers the likeliest one: "
                "there is no threshold to move, and no trade-off curve."
            )
        )
    results(ev, key)


@st.fragment
def results(ev: evaluation.Evaluation, key: EvalKey) -> None:
    """Everything that moves with the threshold or a click on the matrix: a fragment, so only it reruns."""
    names, parts = ev.class_names, templates(key, i18n.current(), ev)
    threshold, cheapest = choose_threshold(ev) if ev.binary else (0.5, None)
    summary = ev.summary(threshold)
    shown = [*words.METRICS, words.AUC] if "roc_auc" in summary else list(words.METRICS)
    for column, (name, label, term) in zip(st.columns(len(shown)), shown, strict=True):
        column.metric(_(label), words.metric_value(name, summary[name]), help=tip(term))
        column.caption(words.metric_line(name, summary[name], names, ev.binary))
    matrix = ev.confusion(threshold)
    left, right = st.columns(2) if ev.binary else st.columns([3, 1])
    with left:
        event = st.vega_lite_chart(
            charts.confusion_spec(matrix, names, i18n.current()),
            on_select="rerun",
            selection_mode=charts.CELL,
            key=Keys.EVALUATE_CELL,
            width="stretch",
            height=320 if ev.binary else 520,
        )
        st.caption(words.confusion_summary(matrix, names), help=tip("confusion"))
        with st.expander(_("The numbers")):
            st.dataframe(words.confusion_table(matrix, names))
    if "roc" in parts and cheapest is not None:
        right.vega_lite_chart(charts.roc_spec(parts["roc"], ev, threshold, cheapest), width="stretch")
        right.caption(words.roc_summary(ev, threshold), help=tip("roc"))
        with right.expander(_("The numbers")):
            st.dataframe(words.roc_table(ev), hide_index=True)
    show_galleries(ev, key, threshold, clicked_cell(event, names))
    if ev.binary:
        st.header(_("How sure is the model?"))
        left, right = st.columns(2)
        left.vega_lite_chart(charts.histogram_spec(parts["histogram"], threshold), width="stretch")
        left.caption(words.histogram_summary(ev, threshold), help=tip("chance"))
        with left.expander(_("The numbers")):
            st.dataframe(words.histogram_table(ev), hide_index=True)
        right.vega_lite_chart(parts["calibration"], width="stretch")
        right.caption(words.calibration_summary(ev), help=tip("calibration"))
        with right.expander(_("The numbers")):
            st.dataframe(words.calibration_table(ev), hide_index=True)
    else:
        st.caption(_("The charts of chances and honest chances are drawn for two-class models."))


def use_cheapest(ev: evaluation.Evaluation) -> None:
    """When the cost changes, the threshold moves to the cheapest one for it (in whole percent)."""
    ratio = st.session_state[Keys.EVALUATE_COST]
    st.session_state[Keys.EVALUATE_THRESHOLD] = round(100 * costs.cheapest_threshold(ev, ratio).threshold)


def choose_threshold(ev: evaluation.Evaluation) -> tuple[float, costs.CostChoice]:
    """The cost slider (which moves the threshold to the cheapest) and the threshold slider; returns both choices."""
    positive = plain(ev.class_names[1])
    st.session_state.setdefault(Keys.EVALUATE_COST, 1)
    st.session_state.setdefault(Keys.EVALUATE_THRESHOLD, 50)
    left, right = st.columns(2)
    ratio = left.select_slider(
        _("A missed {positive} costs … times a false {positive}").format(positive=positive),
        COST_RATIOS,
        format_func=lambda value: f"{number(value, 2)}×",
        key=Keys.EVALUATE_COST,
        on_change=use_cheapest,
        args=(ev,),
        help=_(
            "How much worse it is to miss a real {positive} than to call something else {positive}. "
            "Moving it puts the threshold where the test set's mistakes cost least."
        ).format(positive=positive),
    )
    percent_now = right.slider(
        _("Threshold: it says {positive} from this chance up").format(positive=positive),
        1,
        99,
        step=1,
        format="%d%%",
        key=Keys.EVALUATE_THRESHOLD,
        help=tip("threshold"),
    )
    threshold = percent_now / 100
    cheapest = costs.cheapest_threshold(ev, ratio)
    where = (
        ""
        if np.isclose(threshold, cheapest.threshold)
        else " " + _("You have the threshold at {threshold} now.").format(threshold=pct(threshold))
    )
    on_curve = _("On the trade-off curve: the circle is where it switches now, the diamond the cheapest place.")
    st.markdown(costs.explain(cheapest, tuple(plain(name) for name in ev.class_names)) + where + " " + on_curve)
    return threshold, cheapest
