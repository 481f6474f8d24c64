"""Evaluate: metrics, ROC and threshold, confusion matrix, galleries, histogram and calibration."""

from __future__ import annotations

import os

import numpy as np
import streamlit as st

from core.data import test_sets
from core.engine.model_handle import ModelHandle
from core.inspection import evaluation, galleries
from core.storage import registry
from views import evaluation_charts as charts
from views.common import active_classifier, active_model_name, load_dataset
from views.keys import Keys

LIMIT_ENV = "SIGMOID_LAB_EVAL_LIMIT"  # evaluate only the first N test images (used by the tests)


@st.cache_resource(show_spinner="Evaluating the model on its test set…", max_entries=4)
def evaluate(path: str, modified: float, limit: int | None, _classifier: ModelHandle) -> evaluation.Evaluation:
    """The model on its test set, once per model file version (``path`` and ``modified`` are the cache key)."""
    del path, modified
    found = test_sets.load_eval_set(_classifier.metadata, limit, loader=load_dataset)
    return _classifier.evaluate(found.images, found.labels, task_labels=True, source=found.source)


def show_tiles(ev: evaluation.Evaluation, indices: np.ndarray, threshold: float, empty: str) -> None:
    """Test images at ``indices`` with the model's answer under each, or the ``empty`` sentence if there are none."""
    if not len(indices):
        st.caption(empty)
        return
    tiles = galleries.tiles(ev, indices, threshold)
    images = [t.image[..., 0] if t.image.shape[-1] == 1 else t.image for t in tiles]
    st.image(images, caption=[t.caption() for t in tiles], width=112)


def evaluate_page() -> None:
    """The Evaluate page: the active model on its test set, at a threshold the student moves."""
    st.title(":material/analytics: Evaluate")
    classifier = active_classifier()
    if classifier is None:
        return
    path = registry.resolve(active_model_name() or "")
    limit = int(os.environ.get(LIMIT_ENV) or 0) or None
    try:
        ev = evaluate(str(path), path.stat().st_mtime, limit, classifier)
    except ValueError as error:
        st.error(str(error))
        return
    names = ev.class_names
    st.caption(f"`{path.stem}` on {ev.source}: {len(ev):,} images.")

    if ev.binary:
        threshold = st.slider(
            "Threshold", 0.01, 0.99, 0.5, 0.01, help=f"The model says **{names[1]}** when the sigmoid is at least this."
        )
    else:
        threshold = 0.5
        st.info("This model picks one of ten classes with argmax: there is no single threshold to move, and no ROC curve.")

    summary = ev.summary(threshold)
    columns = st.columns(6 if "roc_auc" in summary else 5)
    for column, (key, label) in zip(
        columns,
        [
            ("accuracy", "Accuracy"),
            ("loss", "Loss"),
            ("precision", "Precision"),
            ("recall", "Recall"),
            ("f1", "F1"),
            ("roc_auc", "ROC AUC"),
        ],
        strict=False,
    ):
        column.metric(label, f"{summary[key]:.4f}")
    if ev.binary:
        st.caption(f"Precision, recall and F1 are those of **{names[1]}** (what the sigmoid measures).")
    else:
        st.caption("Precision, recall and F1 are averaged over the ten classes.")

    left, right = st.columns(2) if ev.binary else st.columns([3, 1])
    left.altair_chart(charts.confusion_chart(ev.confusion(threshold), names), width="stretch", height=320 if ev.binary else 520)
    if ev.binary and "roc_auc" in summary:
        right.altair_chart(charts.roc_chart(ev, threshold), width="stretch")

    st.header("Galleries")
    mistakes, uncertain, confident = st.tabs(["Mistakes", "Most uncertain", "Most confident"])
    with mistakes:
        cells = ev.confusion_cells(threshold)
        if not cells:
            st.success("No mistakes at this threshold.")
        else:
            by_label = {f"{names[t]} predicted as {names[p]}": (t, p, n) for t, p, n in cells}
            choice = st.selectbox(
                "Confusion-matrix cell", list(by_label), format_func=lambda c: f"{c} ({by_label[c][2]})", key=Keys.EVALUATE_CELL
            )
            true_label, predicted_label, _ = by_label[choice]
            show_tiles(ev, galleries.confusion_cell(ev, true_label, predicted_label, threshold), threshold, "No images here.")
    with uncertain:
        st.caption("Sigmoid nearest 0.5: the model is guessing." if ev.binary else "The two likeliest classes are nearly tied.")
        show_tiles(ev, galleries.most_uncertain(ev), threshold, "No images.")
    with confident:
        shown = range(len(names)) if ev.binary else [st.selectbox("Class", range(len(names)), format_func=names.__getitem__)]
        for label in shown:
            st.markdown(f"**Most confidently {names[label]}**")
            show_tiles(ev, galleries.most_confident(ev, label, 12), threshold, "No images.")

    if ev.binary:
        st.header("How sure is the model?")
        left, right = st.columns(2)
        left.altair_chart(charts.output_histogram(ev, threshold), width="stretch")
        right.altair_chart(charts.calibration_chart(ev), width="stretch")
    else:
        st.caption("The histogram of sigmoid outputs and the calibration plot are drawn for two-class (sigmoid) models.")
