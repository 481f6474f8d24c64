"""The Evaluate page's galleries: the clicked confusion-matrix cell's images, the most uncertain and the most confident."""

from __future__ import annotations

from typing import Any

import numpy as np
import streamlit as st

from core.i18n import _
from core.inspection import evaluation, galleries
from views.evaluate import charts
from views.widgets.pictures import data_url, picture_grid
from views.widgets.text import plain

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
    """Test pictures at ``indices`` in a grid, the answer under each (also its alt text), or ``empty`` if there are none."""
    if not len(indices):
        st.caption(empty)
        return
    tiles, urls = galleries.tiles(ev, indices, threshold), thumbnails(key)
    for tile in tiles:
        if tile.index not in urls:
            urls[tile.index] = data_url(tile.image)
    picture_grid([urls[t.index] for t in tiles], [plain(t.caption()) for t in tiles], size=112)


def show_galleries(ev: evaluation.Evaluation, key: EvalKey, threshold: float, cell: tuple[int, int] | None) -> None:
    """The clicked square's pictures (the biggest mistake until a click), the least sure and the surest."""
    names = ev.class_names
    st.header(_("Test pictures"))
    chosen, uncertain, confident = st.tabs([_("The square you clicked"), _("Least sure"), _("Surest")])
    with chosen:
        mistakes = ev.confusion_cells(threshold)
        if cell is None and not mistakes:
            st.success(_("No mistakes at this threshold. Click a square of the table to see its pictures."))
        else:
            true_label, predicted_label = cell or mistakes[0][:2]
            found = galleries.confusion_cell(ev, true_label, predicted_label, threshold)
            title = _("**Really {true}, the model said {said}**").format(
                true=plain(names[true_label]), said=plain(names[predicted_label])
            )
            how = _("(you clicked it)") if cell else _("(the biggest mistake; click any square of the table for its pictures)")
            st.markdown(f"{title} {how}")
            show_tiles(ev, key, found, threshold, _("No pictures in this square at this threshold."))
    with uncertain:
        st.caption(
            _("Chance nearest 50%: the model is guessing.") if ev.binary else _("The two likeliest digits are nearly tied.")
        )
        show_tiles(ev, key, galleries.most_uncertain(ev), threshold, _("No pictures."))
    with confident:
        pick = st.selectbox(_("Class"), range(len(names)), format_func=names.__getitem__) if not ev.binary else None
        for label in range(len(names)) if pick is None else [pick]:
            st.markdown(_("**Surest it is {name}**").format(name=plain(names[label])))
            show_tiles(ev, key, galleries.most_confident(ev, label, 12), threshold, _("No pictures."))
