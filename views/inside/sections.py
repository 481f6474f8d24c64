"""Rendering pieces of the Inside page: one image through the network, and a morph between two test images."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st
from matplotlib import colormaps

from core.data import test_sets
from core.engine.model_handle import ModelHandle
from core.i18n import N_, _, number
from core.inspection import inside
from core.prediction.verdict import chance_it_is, verdict
from views.keys import Keys
from views.widgets import palette
from views.widgets.glossary import tip
from views.widgets.numbers import pct
from views.widgets.pictures import picture_grid
from views.widgets.text import plain

KIND_WORDS = {"Conv2D": N_("filter layer"), "MaxPooling2D": N_("shrink layer"), "AveragePooling2D": N_("shrink layer")}
MAP_PIXELS = 4  # every feature map drawn at this many screen pixels per map pixel, so sizes compare


def as_picture(values: np.ndarray) -> np.ndarray:
    """A 2-D map scaled to 0–255 by its own range, as a grey picture."""
    low, span = float(values.min()), float(values.max() - values.min())
    return ((values - low) / span * 255 if span > 0 else np.zeros_like(values)).round().astype(np.uint8)


def image_section(model: ModelHandle, image: np.ndarray) -> None:
    """The image as the model sees it, the first-layer filters, its feature maps and saliency toward each class.

    Args:
        model: The active model.
        image: One model input, ``(height, width, channels)``.

    """
    names, convolutional = model.class_names, model.inspect("has_convolutions")
    probabilities = model.inspect("class_probabilities", image[None])[0]
    said = verdict(dict(zip(names, map(float, probabilities), strict=True)))
    left, right = st.columns([1, 3])
    with left:
        side = f"{image.shape[0]}×{image.shape[1]}"
        caption = _("What the model sees, {side} pixels: {headline}").format(side=side, headline=said.headline)
        picture_grid([image], [plain(caption)], size=image.shape[1] * 4)
    with right:
        if not convolutional:
            st.info(
                _(
                    "This model has no filter layers: it lays the picture out as one long list of numbers for its "
                    "layers of neurons, so there are no filters or maps to show. Try mnist-7-vs-8."
                )
            )
        else:
            filters = model.inspect("first_filters")
            k = filters.shape[1]
            scale = max(8, 64 // k)
            st.markdown(
                _(
                    "**First-layer filters: what the first filter layer looks for.** Its {n} filters, each {k}×{k} "
                    "pixels shown {scale} times bigger (grey = 0, light = adds, dark = takes away)."
                ).format(n=len(filters), k=k, scale=scale),
                help=tip("filter_layer"),
            )
            pictures = [(np.clip(f, 0, 1) * 255).round().astype(np.uint8) for f in filters]
            captions = [_("filter {n}").format(n=n) for n in range(1, len(filters) + 1)]
            picture_grid(pictures, captions, size=k * scale)
    if convolutional:
        st.subheader(_("What each filter found"), help=tip("feature_maps"))
        count = st.slider(_("Maps shown per layer"), 4, 64, 8, 4, key=Keys.INSIDE_MAPS)
        st.caption(_("Every map is drawn at the same pixel size, so you can see each shrink layer halve width and height."))
        for number, feature in enumerate(model.inspect("feature_maps", image), start=1):
            h, w, c = feature.maps.shape
            kind = _(KIND_WORDS.get(feature.kind, N_("layer")))
            st.markdown(_("**{number} · {kind}** · {h}×{w} pixels, {c} maps").format(number=number, kind=kind, h=h, w=w, c=c))
            maps = [as_picture(feature.maps[..., i]) for i in range(min(count, c))]
            labels = [_("{kind} {number}, map {n}").format(kind=kind, number=number, n=n) for n in range(1, len(maps) + 1)]
            picture_grid(maps, labels, size=max(w * MAP_PIXELS, 24))

    st.subheader(_("Where it looked: which pixels push toward each class"), help=tip("saliency"))
    st.caption(_("Bright = making this pixel brighter would raise the chance of that class."))
    maps = model.inspect("saliency", image)
    colour = [(colormaps["inferno"](m)[..., :3] * 255).astype(np.uint8) for m in maps]
    captions = [plain(_("pixels that push toward {name}").format(name=names[label])) for label in range(len(maps))]
    picture_grid(colour, captions, size=image.shape[1] * 5)


def morph_section(model: ModelHandle, test: test_sets.EvalSet) -> None:
    """Two test images of different classes, a blend slider, and the chance along the blend.

    Args:
        model: The active model.
        test: Its test images and labels.

    """
    names = model.class_names
    first_class, second_class = (0, 1) if len(names) == 2 else (7, 8)
    firsts, seconds = np.flatnonzero(test.labels == first_class), np.flatnonzero(test.labels == second_class)
    if not len(firsts) or not len(seconds):
        st.info(_("The test set needs pictures of both classes for a morph."))
        return
    first, second = names[first_class], names[second_class]
    a, b, c = st.columns(3)
    i = a.number_input(_("Which {name}").format(name=plain(first)), 0, len(firsts) - 1, 0, key=Keys.INSIDE_MORPH_A)
    j = b.number_input(_("Which {name}").format(name=plain(second)), 0, len(seconds) - 1, 0, key=Keys.INSIDE_MORPH_B)
    weight = c.slider(_("Blend"), 0.0, 1.0, 0.5, 0.05, key=Keys.INSIDE_BLEND, help=_("0 = the first picture, 1 = the second"))
    start, end = test.images[firsts[i]], test.images[seconds[j]]
    result = model.inspect("morph", start, end)
    blended = inside.blend(start, end, [weight])[0]
    p_now = float(model.inspect("class_probabilities", blended[None])[0][second_class])
    chance = chance_it_is(second)
    pictures, captions = (start, blended, end), []
    for picture, what in zip(pictures, (first, _("blend {weight}").format(weight=number(weight, 2)), second), strict=True):
        p = float(model.inspect("class_probabilities", picture[None])[0][second_class])
        captions.append(plain(_("{what}: {chance} {value}").format(what=what, chance=chance, value=pct(p))))
    picture_grid(list(pictures), captions, size=start.shape[1] * 4)
    curve = pd.DataFrame({"blend": result.weights, "chance": result.probabilities[:, second_class]})
    x = alt.X("blend:Q", title=_("blend (0 = the first picture, 1 = the second)"))
    y = alt.Y("chance:Q", title=chance + " (%)", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%"))
    line = alt.Chart(curve).mark_line(point=True, color=palette.BLUE).encode(x=x, y=y)
    half = alt.Chart(pd.DataFrame({"chance": [0.5]})).mark_rule(strokeDash=[4, 4], color=palette.MUTED).encode(y="chance:Q")
    now = alt.Chart(pd.DataFrame({"blend": [weight], "chance": [p_now]})).mark_point(
        size=150, color=palette.VERMILLION, filled=True, shape="diamond"
    )
    layers = line + half + now.encode(x=x, y=y)
    if result.crossing is not None:
        layers += alt.Chart(pd.DataFrame({"blend": [result.crossing]})).mark_rule(color=palette.INK).encode(x="blend:Q")
    title = _("The chance it is {second} as one picture turns into the other").format(second=second)
    st.altair_chart(layers.properties(height=280, title=title), width="stretch")
    summary = _("The diamond is your blend, at {value}.").format(value=pct(p_now))
    if result.crossing is not None:
        summary += " " + _(
            "The chance crosses 50% at blend **{blend}** (the solid line): there the model changes its mind."
        ).format(blend=number(result.crossing, 2))
    st.caption(summary)
    with st.expander(_("The numbers")):
        table = {_("blend"): [number(w, 2) for w in result.weights], chance: [pct(v) for v in curve["chance"]]}
        st.dataframe(pd.DataFrame(table), hide_index=True)
