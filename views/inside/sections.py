"""Rendering pieces of the Inside page: one image through the network, and a morph between two test images."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st
from matplotlib import colormaps

from core.data import test_sets
from core.engine.model_handle import ModelHandle
from core.inspection import inside
from views.keys import Keys


def show(image: np.ndarray, caption: str, scale: int = 4) -> None:
    """Shows a model input enlarged without blurring."""
    big = image.repeat(scale, axis=0).repeat(scale, axis=1)
    st.image(big[..., 0] if big.shape[-1] == 1 else big, caption=caption, width=big.shape[1])


def image_section(model: ModelHandle, image: np.ndarray) -> None:
    """The image as the model sees it, the first-layer filters, its feature maps and saliency toward each class.

    Args:
        model: The active model.
        image: One model input, ``(height, width, channels)``.

    """
    names, convolutional = model.class_names, model.inspect("has_convolutions")
    probabilities = model.inspect("class_probabilities", image[None])[0]
    best = int(np.argmax(probabilities))
    left, right = st.columns([1, 3])
    with left:
        show(image, f"what the model sees: {names[best]} ({probabilities[best]:.3f})")
    with right:
        if not convolutional:
            st.info(
                "This model has no convolution layers: it flattens the image straight into dense layers, "
                "so there are no filters or feature maps to show. Try a CNN such as mnist-7-vs-8."
            )
        else:
            filters = model.inspect("first_filters")
            st.markdown(
                f"**First-layer filters** ({len(filters)} kernels, {filters.shape[1]}×{filters.shape[2]}; "
                "grey = 0, light = positive)"
            )
            st.image(inside.mosaic(filters, columns=16, scale=12, gap=2))
    if convolutional:
        st.subheader("Feature maps")
        count = st.slider("Maps per layer", 4, 64, 8, 4, key=Keys.INSIDE_MAPS)
        st.caption("Every map is drawn at the same pixel scale, so you can see each 2×2 pooling halve width and height.")
        scale = max(2, 112 // image.shape[0])
        for feature in model.inspect("feature_maps", image):
            h, w, c = feature.maps.shape
            st.markdown(f"**{feature.layer}** · {feature.kind} · {h}×{w}, {c} maps")
            st.image(inside.mosaic(np.moveaxis(feature.maps, -1, 0)[:count], columns=8, scale=scale, gap=2))

    st.subheader("Saliency: which pixels push toward each class")
    st.caption("Bright = making this pixel brighter would raise the probability of that class (the gradient of the output).")
    maps = model.inspect("saliency", image)
    columns = st.columns(min(len(maps), 5))
    for label, saliency_map in enumerate(maps):
        colour = (colormaps["inferno"](saliency_map)[..., :3] * 255).astype(np.uint8)
        with columns[label % len(columns)]:
            show(colour, f"toward {names[label]}", scale=5)


def morph_section(model: ModelHandle, test: test_sets.EvalSet) -> None:
    """Two test images of different classes, a blend slider, and the output along the blend.

    Args:
        model: The active model.
        test: Its test images and labels.

    """
    names = model.class_names
    first_class, second_class = (0, 1) if len(names) == 2 else (7, 8)
    firsts, seconds = np.flatnonzero(test.labels == first_class), np.flatnonzero(test.labels == second_class)
    if not len(firsts) or not len(seconds):
        st.info("The test set needs images of both classes for a morph.")
        return
    a, b, c = st.columns(3)
    i = a.number_input(f"Which {names[first_class]}", 0, len(firsts) - 1, 0, key=Keys.INSIDE_MORPH_A)
    j = b.number_input(f"Which {names[second_class]}", 0, len(seconds) - 1, 0, key=Keys.INSIDE_MORPH_B)
    weight = c.slider("Blend", 0.0, 1.0, 0.5, 0.05, key=Keys.INSIDE_BLEND, help="0 = the first image, 1 = the second")
    start, end = test.images[firsts[i]], test.images[seconds[j]]
    result = model.inspect("morph", start, end)
    blended = inside.blend(start, end, [weight])[0]
    p_now = model.inspect("class_probabilities", blended[None])[0]
    pictures = st.columns(3)
    for column, picture, caption in zip(
        pictures, (start, blended, end), (names[first_class], f"blend {weight:.2f}", names[second_class]), strict=True
    ):
        with column:
            p_second = model.inspect("class_probabilities", picture[None])[0][second_class]
            show(picture, f"{caption}: P({names[second_class]}) = {p_second:.3f}")
    y = f"P({names[second_class]})"
    curve = pd.DataFrame({"blend": result.weights, y: result.probabilities[:, second_class]})
    line = alt.Chart(curve).mark_line(point=True).encode(x="blend:Q", y=alt.Y(f"{y}:Q", scale=alt.Scale(domain=[0, 1])))
    half = alt.Chart(pd.DataFrame({y: [0.5]})).mark_rule(strokeDash=[4, 4], color="gray").encode(y=f"{y}:Q")
    now = alt.Chart(pd.DataFrame({"blend": [weight], y: [p_now[second_class]]})).mark_point(size=150, color="red", filled=True)
    layers = line + half + now.encode(x="blend:Q", y=f"{y}:Q")
    if result.crossing is not None:
        layers += alt.Chart(pd.DataFrame({"blend": [result.crossing]})).mark_rule(color="orange").encode(x="blend:Q")
        st.caption(f"The output crosses 0.5 at blend **{result.crossing:.2f}** (orange line): there the model changes its mind.")
    st.altair_chart(layers.properties(height=280), width="stretch")
