"""The Evaluate page's galleries: the clicked confusion-matrix cell's images, the most uncertain and the most confident."""

from __future__ import annotations

from typing import Any

import numpy as np
import streamlit as st

from core.inspection import evaluation, galleries
from views.evaluate import charts
from views.widgets.pictures import data_url

EvalKey = tuple[str, int, int | None]  # model file, its version, the test-image limit: what an evaluation depends on


def clicked_cell(event: Any, names: tuple[str, ...]) -> tuple[int, int] | None:
    """The (true, predicted) labels of the confusion-matrix cell the student clicked, if any."""
    picked = (event.selection.get(charts.CELL) or [None])[0] if event is not None else None
    if not picked or picked.get("true") not in names or picked.get("predicted") not in names:
        return None
    return names.index(picked["true"]), names.index(picked["predicted"])


@st.cache_resource(max_entries=4)
def thumbnails(key: EvalKey) -> dict[int, str]:
    """Test-image index → the image as a PNG data URL, filled as galleries show them (``key`` names the evaluation).

    A data URL goes to the browser as it is: a gallery redrawn at a new threshold encodes nothing again.
    """
    del key
    return {}


def show_tiles(ev: evaluation.Evaluation, key: EvalKey, indices: np.ndarray, threshold: float, empty: str) -> None:
    """Test images at ``indices`` with the model's answer under each, or the ``empty`` sentence if there are none."""
    if not len(indices):
        st.caption(empty)
        return
    tiles, urls = galleries.tiles(ev, indices, threshold), thumbnails(key)
    for tile in tiles:
        if tile.index not in urls:
            urls[tile.index] = data_url(tile.image)
    st.image([urls[t.index] for t in tiles], caption=[t.caption() for t in tiles], width=112)


def show_galleries(ev: evaluation.Evaluation, key: EvalKey, threshold: float, cell: tuple[int, int] | None) -> None:
    """The clicked cell's images (the biggest mistake until a click), the most uncertain and the most confident."""
    names = ev.class_names
    st.header("Galleries")
    chosen, uncertain, confident = st.tabs(["Confusion-matrix cell", "Most uncertain", "Most confident"])
    with chosen:
        mistakes = ev.confusion_cells(threshold)
        if cell is None and not mistakes:
            st.success("No mistakes at this threshold. Click a cell of the confusion matrix to see its images.")
        else:
            true_label, predicted_label = cell or mistakes[0][:2]
            found = galleries.confusion_cell(ev, true_label, predicted_label, threshold)
            how = "you clicked" if cell else "the biggest mistake; click any cell of the confusion matrix for its images"
            st.markdown(f"**True {names[true_label]}, predicted {names[predicted_label]}** ({how})")
            show_tiles(ev, key, found, threshold, "No images in this cell at this threshold.")
    with uncertain:
        st.caption("Sigmoid nearest 0.5: the model is guessing." if ev.binary else "The two likeliest classes are nearly tied.")
        show_tiles(ev, key, galleries.most_uncertain(ev), threshold, "No images.")
    with confident:
        shown = range(len(names)) if ev.binary else [st.selectbox("Class", range(len(names)), format_func=names.__getitem__)]
        for label in shown:
            st.markdown(f"**Most confidently {names[label]}**")
            show_tiles(ev, key, galleries.most_confident(ev, label, 12), threshold, "No images.")
