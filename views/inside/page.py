"""Inside the network: layer table, first-layer filters, feature maps, saliency and a morph between two images."""

from __future__ import annotations

from dataclasses import asdict

import numpy as np
import pandas as pd
import streamlit as st

from core.data import test_sets
from core.engine.model_handle import ModelHandle
from core.prediction import image_io
from core.storage import registry
from core.storage.version import model_version
from views.inside.latent import latent_section
from views.inside.sections import image_section, morph_section
from views.keys import Keys
from views.shell.data import load_dataset
from views.shell.models import active_classifier, active_model_name

SOURCES = ("Drawing from the Draw page", "Upload an image", "Test image")


def inside_page() -> None:
    """The Inside page: the layers, one image through the network, and a morph between two test images."""
    st.title(":material/biotech: Inside the network")
    classifier = active_classifier()
    if classifier is None:
        return
    path = registry.resolve(active_model_name() or "")
    try:
        test = eval_set(str(path), model_version(path), classifier.metadata)
    except ValueError as error:
        st.warning(f"{error} Draw or upload an image instead.")
        test = None

    st.header("Layers")
    st.dataframe(pd.DataFrame([asdict(row) for row in classifier.inspect("layer_table")]), hide_index=True)

    st.header("One image through the network")
    image = pick_input(classifier, test)
    if image is not None:
        image_section(classifier, image)

    st.header("Latent map: where the network puts each image")
    if test is not None:
        latent_section(classifier, image, test)

    st.header("Morph one image into another")
    if test is not None:
        morph_section(classifier, test)


@st.cache_resource(show_spinner="Loading test images…", max_entries=4)
def eval_set(path: str, version: int, _metadata: dict) -> test_sets.EvalSet:
    """The model's test images, loaded once per model file version (``path`` and ``version`` are the cache key)."""
    del path, version
    return test_sets.load_eval_set(_metadata, loader=load_dataset)


def pick_input(classifier: ModelHandle, test: test_sets.EvalSet | None) -> np.ndarray | None:
    """The image to look at: the Draw page's drawing, an upload or a test image, prepared as the model's input.

    Args:
        classifier: The active model.
        test: Its test images, or ``None`` when there are none to pick from.

    Returns:
        The model input, or ``None`` (after saying why) when there is nothing to show yet.

    """
    drawing = st.session_state.get(Keys.DRAWING)
    sources = SOURCES if test is not None else SOURCES[:2]
    source = st.radio(
        "Input", sources, index=0 if drawing is not None or test is None else 2, horizontal=True, key=Keys.INSIDE_SOURCE
    )
    try:
        if source == SOURCES[0]:
            if drawing is None:
                st.info("Nothing drawn yet: draw a digit on the Draw page, or pick another input.")
                return None
            return classifier.prepare(drawing).input
        if source == SOURCES[1]:
            upload = st.file_uploader("Picture", type=list(image_io.UPLOAD_TYPES), key=Keys.INSIDE_UPLOAD)
            return None if upload is None else classifier.prepare(upload.getvalue()).input
    except ValueError as error:
        st.error(str(error))
        return None
    index = st.number_input(f"Test image (0–{len(test.images) - 1})", 0, len(test.images) - 1, 0, key=Keys.INSIDE_INDEX)
    st.caption(f"True class: **{classifier.class_names[test.labels[index]]}**")
    return test.images[index]
