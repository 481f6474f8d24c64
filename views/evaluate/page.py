"""Evaluate: metrics, threshold and costs, ROC, a clickable confusion matrix, galleries, histogram and calibration."""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import streamlit as st

from core.data import test_sets
from core.engine.model_handle import ModelHandle
from core.inspection import costs, evaluation
from core.storage import registry
from core.storage.version import model_version
from views.evaluate import charts
from views.evaluate.galleries import EvalKey, clicked_cell, show_galleries
from views.keys import Keys
from views.shell.data import load_dataset
from views.shell.models import active_classifier, active_model_name

LIMIT_ENV = "SIGMOID_LAB_EVAL_LIMIT"  # evaluate only the first N test images (used by the tests)
COST_RATIOS = (0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100)
METRICS = (("accuracy", "Accuracy"), ("loss", "Loss"), ("precision", "Precision"), ("recall", "Recall"), ("f1", "F1"))


@st.cache_resource(show_spinner="Evaluating the model on its test set…", max_entries=4)
def evaluate(path: str, version: int, limit: int | None, _classifier: ModelHandle) -> evaluation.Evaluation:
    """The model on its test set, once per model file version (``path`` and ``version`` are the cache key)."""
    del path, version
    found = test_sets.load_eval_set(_classifier.metadata, limit, loader=load_dataset)
    return _classifier.evaluate(found.images, found.labels, task_labels=True, source=found.source)


@st.cache_resource(max_entries=4)
def templates(key: EvalKey, _ev: evaluation.Evaluation) -> dict[str, dict[str, Any]]:
    """The charts' parts that do not move with the threshold, built once per evaluation (``key``)."""
    if not _ev.binary:
        return {}
    made = {"histogram": charts.histogram_template(_ev), "calibration": charts.calibration_chart(_ev).to_dict()}
    if len(np.unique(_ev.labels)) == 2:
        made["roc"] = charts.roc_template(_ev)
    return made


def evaluate_page() -> None:
    """The Evaluate page: the active model on its test set, at a threshold the student moves or costs choose."""
    st.title(":material/analytics: Evaluate")
    classifier = active_classifier()
    if classifier is None:
        return
    path = registry.resolve(active_model_name() or "")
    limit = int(os.environ.get(LIMIT_ENV) or 0) or None
    try:
        key: EvalKey = (str(path), model_version(path), limit)
        ev = evaluate(*key, classifier)
    except ValueError as error:
        st.error(str(error))
        return
    st.caption(f"`{path.stem}` on {ev.source}: {len(ev):,} images.")
    if not ev.binary:
        st.info("This model picks one of ten classes with argmax: there is no single threshold to move, and no ROC curve.")
    results(ev, key)


@st.fragment
def results(ev: evaluation.Evaluation, key: EvalKey) -> None:
    """Everything that moves with the threshold or a click on the matrix: a fragment, so only it reruns."""
    names, parts = ev.class_names, templates(key, ev)
    threshold, cheapest = choose_threshold(ev) if ev.binary else (0.5, None)
    summary = ev.summary(threshold)
    shown = [*METRICS, ("roc_auc", "ROC AUC")] if "roc_auc" in summary else METRICS
    for column, (name, label) in zip(st.columns(len(shown)), shown, strict=True):
        column.metric(label, f"{summary[name]:.4f}")
    st.caption(
        f"Precision, recall and F1 are those of **{names[1]}** (what the sigmoid measures)."
        if ev.binary
        else "Precision, recall and F1 are averaged over the ten classes."
    )
    left, right = st.columns(2) if ev.binary else st.columns([3, 1])
    with left:
        event = st.vega_lite_chart(
            charts.confusion_spec(ev.confusion(threshold), names),
            on_select="rerun",
            selection_mode=charts.CELL,
            key=Keys.EVALUATE_CELL,
            width="stretch",
            height=320 if ev.binary else 520,
        )
    if "roc" in parts and cheapest is not None:
        right.vega_lite_chart(charts.roc_spec(parts["roc"], ev, threshold, cheapest), width="stretch")
    show_galleries(ev, key, threshold, clicked_cell(event, names))
    if ev.binary:
        st.header("How sure is the model?")
        left, right = st.columns(2)
        left.vega_lite_chart(charts.histogram_spec(parts["histogram"], threshold), width="stretch")
        right.vega_lite_chart(parts["calibration"], width="stretch")
        right.caption(
            "On the dashed diagonal the probabilities are honest: of the images given 0.8, 80% really are "
            f"{names[1]}. Grey bins hold too few images to say."
        )
    else:
        st.caption("The histogram of sigmoid outputs and the calibration plot are drawn for two-class (sigmoid) models.")


def use_cheapest(ev: evaluation.Evaluation) -> None:
    """When the cost changes, the threshold moves to the cheapest one for it."""
    ratio = st.session_state[Keys.EVALUATE_COST]
    st.session_state[Keys.EVALUATE_THRESHOLD] = costs.cheapest_threshold(ev, ratio).threshold


def choose_threshold(ev: evaluation.Evaluation) -> tuple[float, costs.CostChoice]:
    """The cost slider (which moves the threshold to the cheapest) and the threshold slider; returns both choices."""
    positive = ev.class_names[1]
    st.session_state.setdefault(Keys.EVALUATE_COST, 1)
    st.session_state.setdefault(Keys.EVALUATE_THRESHOLD, 0.5)
    left, right = st.columns(2)
    ratio = left.select_slider(
        f"A missed {positive} costs … times a false {positive}",
        COST_RATIOS,
        format_func=lambda value: f"{value:g}×",
        key=Keys.EVALUATE_COST,
        on_change=use_cheapest,
        args=(ev,),
        help=f"How much worse it is to miss a real {positive} than to call something else a {positive}. "
        "Moving it puts the threshold where the test set's mistakes cost least.",
    )
    threshold = right.slider(
        "Threshold",
        0.01,
        0.99,
        step=0.01,
        key=Keys.EVALUATE_THRESHOLD,
        help=f"The model says **{positive}** when the sigmoid is at least this.",
    )
    cheapest = costs.cheapest_threshold(ev, ratio)
    where = "" if np.isclose(threshold, cheapest.threshold) else f" You have the threshold at {threshold:.2f} now."
    st.markdown(costs.explain(cheapest, ev.class_names) + where + " On the ROC curve: red = now, orange = cheapest.")
    return threshold, cheapest
