"""The Inside page's latent map: test digits where the layer before the output puts them, and the current image among them.

The map is made once per model file version (and method) in the model's worker and cached here;
placing the current image costs one call for its activations and a little numpy.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from core import i18n
from core.data import test_sets
from core.engine.base import ModelRef
from core.engine.model_handle import ModelHandle
from core.i18n import N_, _, number
from core.inspection import latent
from views.keys import Keys
from views.widgets import palette
from views.widgets.numbers import count, pct
from views.widgets.pictures import data_url, picture_grid
from views.widgets.text import plain
from views.widgets.vega import POINT, filled

MAP_IMAGES = {"pca": 800, "tsne": 400}  # t-SNE is slow: fewer images (~20 s here under load)
METHOD_NAMES = {"pca": N_("Quick map (PCA)"), "tsne": N_("Tighter groups, slower (t-SNE)")}
CLOUD = [c for c in palette.OKABE_ITO if c != palette.VERMILLION]  # the vermillion is the student's picture
SHAPES = (
    "circle",
    "square",
    "triangle-up",
    "diamond",
    "cross",
    "triangle-down",
    "triangle-right",
    "triangle-left",
    "circle",
    "square",
)
NEIGHBOURS = 5


def sample(labels: np.ndarray, count: int, seed: int = 0) -> np.ndarray:
    """Up to ``count`` indices spread evenly over the classes (the same ones every time)."""
    rng = np.random.default_rng(seed)
    classes = np.unique(labels)
    per_class = max(count // len(classes), 1)
    picked = [rng.permutation(np.flatnonzero(labels == c))[:per_class] for c in classes]
    return np.sort(np.concatenate(picked))


@st.cache_data(show_spinner=False, max_entries=8)
def latent_map(ref: ModelRef, method: str, _model: ModelHandle, _test: test_sets.EvalSet) -> latent.LatentMap:
    """The map of this model file version, made in its worker (``ref`` and ``method`` are the cache key)."""
    chosen = sample(_test.labels, MAP_IMAGES[method])
    return _model.inspect("latent_map", _test.images[chosen], _test.labels[chosen], method)


@st.cache_data(max_entries=8)
def map_template(ref: ModelRef, method: str, names: tuple[str, ...], language: str, _latent: latent.LatentMap) -> dict[str, Any]:
    """The scatter of the mapped digits (tooltips show each digit), with room for the current image and its neighbours."""
    del ref, language
    points = pd.DataFrame(
        {
            "x": _latent.points[:, 0],
            "y": _latent.points[:, 1],
            "class": [names[label] for label in _latent.labels],
            "image": [data_url(image) for image in _latent.images],  # vega-tooltip shows an "image" field as the picture
        }
    )
    no_unit = alt.Axis(labels=False, ticks=False, grid=False)
    axes = {
        "x": alt.X("x:Q", axis=no_unit, title=_("across (no unit: only closeness matters)")),
        "y": alt.Y("y:Q", axis=no_unit, title=_("up (no unit)")),
    }
    really = _("really")
    cloud = (
        alt.Chart(points)
        .mark_point(size=30, opacity=0.7, filled=True)
        .encode(
            **axes,
            color=alt.Color("class:N", title=really, scale=alt.Scale(domain=list(names), range=CLOUD * 2)),
            shape=alt.Shape("class:N", title=really, scale=alt.Scale(domain=list(names), range=list(SHAPES[: len(names)]))),
            tooltip=[alt.Tooltip("class:N", title=really), "image:N"],
        )
    )
    current = alt.Chart(alt.NamedData(POINT)).encode(**axes, tooltip=[alt.Tooltip("class:N", title=_("picture")), "image:N"])
    rings = current.transform_filter(alt.datum.kind == "neighbour").mark_point(size=160, color=palette.INK, strokeWidth=2)
    star = current.transform_filter(alt.datum.kind == "you").mark_point(
        shape="diamond", size=420, filled=True, color=palette.VERMILLION, stroke=palette.INK, strokeWidth=1.5, opacity=1
    )
    title = _("Map of the digits: the big diamond is your picture, the rings its {n} nearest").format(n=NEIGHBOURS)
    return (cloud + rings + star).properties(height=420, title=title).to_dict()


def latent_section(model: ModelHandle, image: np.ndarray | None, test: test_sets.EvalSet) -> None:
    """The map with the current image as a red diamond, and its nearest test digits as pictures.

    Args:
        model: The active model.
        image: The model input looked at above, or ``None``.
        test: The model's test images (a sample of them is mapped).

    """
    names = model.class_names
    method = st.radio(
        _("How the map is drawn"),
        list(METHOD_NAMES),
        format_func=lambda key: _(METHOD_NAMES[key]),
        horizontal=True,
        key=Keys.INSIDE_MAP_METHOD,
    )
    try:
        with st.spinner(_("Mapping the test digits (once per model)…")):
            mapped = latent_map(model.ref, method, model, test)
    except ValueError as error:
        st.warning(plain(error))
        return
    explained = (
        " " + _("The map keeps {share} of how the layer's numbers vary.").format(share=pct(mapped.explained))
        if method == "pca"
        else ""
    )
    st.caption(
        _(
            "Each dot is one of {n} test pictures, placed by what the model's last hidden layer makes of it: "
            "similar pictures land close together.{explained} Hover a dot to see its digit."
        ).format(n=count(len(mapped.labels)), explained=explained)
    )
    rows = pd.DataFrame(columns=["x", "y", "kind", "class", "image"])
    placed = None
    if image is not None:
        placed = latent.place(mapped, model.inspect("activations", image)[0], NEIGHBOURS)
        near = list(placed.neighbours)
        rows = pd.DataFrame(
            {
                "x": [*mapped.points[near, 0], placed.point[0]],
                "y": [*mapped.points[near, 1], placed.point[1]],
                "kind": ["neighbour"] * len(near) + ["you"],
                "class": [_("nearest: {name}").format(name=names[mapped.labels[i]]) for i in near] + [_("your picture")],
                "image": [data_url(mapped.images[i]) for i in near] + [data_url(image)],
            }
        )
    st.vega_lite_chart(filled(map_template(model.ref, method, names, i18n.current(), mapped), rows), width="stretch")
    with st.expander(_("The numbers")):
        counted = pd.Series([names[label] for label in mapped.labels]).value_counts().sort_index()
        st.dataframe(pd.DataFrame({_("really"): counted.index, _("dots"): counted.to_numpy()}), hide_index=True)
        with st.container():
            st.caption(
                _("Details: the {layer} layer, drawn flat with {method}.").format(layer=plain(mapped.layer), method=method)
            )
    if placed is None:
        st.info(_("Pick a picture above to see where it lands on the map."))
        return
    st.markdown(_("**Its {n} nearest test pictures** (closest in the layer's numbers, not on the flat map)").format(n=NEIGHBOURS))
    captions = [
        plain(_("{name} · distance {distance}").format(name=names[mapped.labels[i]], distance=number(d, 1)))
        for i, d in zip(placed.neighbours, placed.distances, strict=True)
    ]
    picture_grid([mapped.images[i] for i in placed.neighbours], captions, size=84)
