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

from core.data import test_sets
from core.engine.base import ModelRef
from core.engine.model_handle import ModelHandle
from core.inspection import latent
from views.keys import Keys
from views.widgets.pictures import data_url
from views.widgets.vega import POINT, filled

MAP_IMAGES = {"pca": 800, "tsne": 400}  # t-SNE is slow: fewer images (~20 s here under load)
METHOD_NAMES = {"pca": "PCA (fast)", "tsne": "t-SNE (slower: it groups neighbours more tightly)"}
NEIGHBOURS = 5


def sample(labels: np.ndarray, count: int, seed: int = 0) -> np.ndarray:
    """Up to ``count`` indices spread evenly over the classes (the same ones every time)."""
    rng = np.random.default_rng(seed)
    classes = np.unique(labels)
    per_class = max(count // len(classes), 1)
    picked = [rng.permutation(np.flatnonzero(labels == c))[:per_class] for c in classes]
    return np.sort(np.concatenate(picked))


@st.cache_data(show_spinner="Mapping the test digits (once per model)…", max_entries=8)
def latent_map(ref: ModelRef, method: str, _model: ModelHandle, _test: test_sets.EvalSet) -> latent.LatentMap:
    """The map of this model file version, made in its worker (``ref`` and ``method`` are the cache key)."""
    chosen = sample(_test.labels, MAP_IMAGES[method])
    return _model.inspect("latent_map", _test.images[chosen], _test.labels[chosen], method)


@st.cache_data(max_entries=8)
def map_template(ref: ModelRef, method: str, names: tuple[str, ...], _latent: latent.LatentMap) -> dict[str, Any]:
    """The scatter of the mapped digits (tooltips show each digit), with room for the current image and its neighbours."""
    del ref
    points = pd.DataFrame(
        {
            "x": _latent.points[:, 0],
            "y": _latent.points[:, 1],
            "class": [names[label] for label in _latent.labels],
            "image": [data_url(image) for image in _latent.images],  # vega-tooltip shows an "image" field as the picture
        }
    )
    axes = {"x": alt.X("x:Q", axis=None), "y": alt.Y("y:Q", axis=None)}
    cloud = (
        alt.Chart(points)
        .mark_circle(size=28, opacity=0.55)
        .encode(
            **axes,
            color=alt.Color("class:N", title="true class", scale=alt.Scale(scheme="tableau10")),
            tooltip=["class:N", "image:N"],
        )
    )
    current = alt.Chart(alt.NamedData(POINT)).encode(**axes, tooltip=["class:N", "image:N"])
    rings = current.transform_filter(alt.datum.kind == "neighbour").mark_point(size=160, color="black", strokeWidth=2)
    star = current.transform_filter(alt.datum.kind == "you").mark_point(
        shape="diamond", size=420, filled=True, color="#d7263d", stroke="white", strokeWidth=1.5, opacity=1
    )
    title = f"Latent map ({'PCA' if method == 'pca' else 't-SNE'}): red diamond = your image, rings = its {NEIGHBOURS} nearest"
    return (cloud + rings + star).properties(height=420, title=title).to_dict()


def latent_section(model: ModelHandle, image: np.ndarray | None, test: test_sets.EvalSet) -> None:
    """The map with the current image as a red diamond, and its nearest test digits as pictures.

    Args:
        model: The active model.
        image: The model input looked at above, or ``None``.
        test: The model's test images (a sample of them is mapped).

    """
    names = model.class_names
    method = st.radio("Projection", list(METHOD_NAMES), format_func=METHOD_NAMES.get, horizontal=True, key=Keys.INSIDE_MAP_METHOD)
    try:
        mapped = latent_map(model.ref, method, model, test)
    except ValueError as error:
        st.warning(str(error))
        return
    explained = f" The two axes show {mapped.explained:.0%} of how the activations vary." if method == "pca" else ""
    st.caption(
        f"Each dot is one of {len(mapped.labels):,} test images, placed by the {mapped.layer!r} layer's activations "
        f"(the layer before the output), squeezed to 2-D.{explained} Hover a dot to see its digit."
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
                "class": [f"nearest: {names[mapped.labels[i]]}" for i in near] + ["your image"],
                "image": [data_url(mapped.images[i]) for i in near] + [data_url(image)],
            }
        )
    st.vega_lite_chart(filled(map_template(model.ref, method, names, mapped), rows), width="stretch")
    if placed is None:
        st.info("Pick an image above to see where it lands on the map.")
        return
    st.markdown(f"**Its {NEIGHBOURS} nearest test images** (closest in the layer's activations, not on the flat map)")
    captions = [f"{names[mapped.labels[i]]} · distance {d:.1f}" for i, d in zip(placed.neighbours, placed.distances, strict=True)]
    pictures = [mapped.images[i] for i in placed.neighbours]
    st.image([p[..., 0] if p.shape[-1] == 1 else p for p in pictures], caption=captions, width=84)
