"""Inside the network: layer table, first-layer filters, feature maps, saliency and a morph between two images."""

from __future__ import annotations

from dataclasses import asdict

import numpy as np
import pandas as pd
import streamlit as st

from core import i18n
from core.data import test_sets
from core.engine.model_handle import ModelHandle
from core.i18n import N_, _
from core.prediction import image_io
from core.storage import registry
from core.storage.version import model_version
from views.inside.latent import latent_section
from views.inside.sections import image_section, morph_section
from views.keys import Keys
from views.shell.data import load_dataset
from views.shell.models import active_classifier, active_model_name
from views.widgets.glossary import tip
from views.widgets.numbers import count
from views.widgets.text import plain

SOURCES = (N_("Your drawing from the Draw page"), N_("A picture you upload"), N_("A picture from the test set"))
PLAIN_KINDS = {  # a layer's kind in the lab's words (the technical name stays in "Details")
    "Conv2D": N_("filter layer"),
    "MaxPooling2D": N_("shrink layer"),
    "Dense": N_("layer of neurons"),
    "Dropout": N_("forgetting on purpose"),
    "Flatten": N_("lays the maps out in one line"),
    "Rescaling": N_("turns pixels into 0 to 1"),
    "RandomTranslation": N_("wiggles (training only)"),
    "RandomRotation": N_("wiggles (training only)"),
    "RandomZoom": N_("wiggles (training only)"),
}


def inside_page() -> None:
    """The Inside page: the layers, one image through the network, and a morph between two test images."""
    st.title(_(":material/biotech: Inside the network"))
    classifier = active_classifier()
    if classifier is None:
        return
    path = registry.resolve(active_model_name() or "")
    try:
        with st.spinner(_("Loading test pictures…")):
            test = eval_set(str(path), model_version(path), i18n.current(), classifier.metadata)
    except ValueError as error:
        st.warning(_("{reason} Draw or upload a picture instead.").format(reason=plain(error)))
        test = None

    st.header(_("The layers, in order"))
    layers(classifier)

    st.header(_("One picture through the network"))
    image = pick_input(classifier, test)
    if image is not None:
        image_section(classifier, image)

    st.header(_("Map of the digits: where the network puts each picture"), help=tip("latent"))
    if test is not None:
        latent_section(classifier, image, test)

    st.header(_("Turn one picture into another"))
    if test is not None:
        morph_section(classifier, test)


def layers(classifier: ModelHandle) -> None:
    """The layers in plain words, and the technical table (Keras names, output shapes) in "Details"."""
    rows = classifier.inspect("layer_table")
    words = [
        {
            _("step"): n,
            _("what it does"): _(PLAIN_KINDS.get(row.kind, N_("answer") if row.name == "output" else N_("layer"))),
            _("size of what comes out"): row.output_shape,
            _("numbers it learns"): count(row.parameters),
        }
        for n, row in enumerate(rows, start=1)
    ]
    st.dataframe(pd.DataFrame(words), hide_index=True)
    learned = sum(row.parameters for row in rows)
    st.caption(
        _("{n} steps, {learned} numbers learned in training.").format(n=len(rows), learned=count(learned)), help=tip("parameters")
    )
    with st.expander(_("Details: the layers as Keras names them")):
        st.dataframe(pd.DataFrame([asdict(row) for row in rows]), hide_index=True)


@st.cache_resource(show_spinner=False, max_entries=4)
def eval_set(path: str, version: int, language: str, _metadata: dict) -> test_sets.EvalSet:
    """The model's test images, loaded once per model file version and language (the arguments are the cache key)."""
    del path, version, language
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
        _("Which picture"),
        sources,
        index=0 if drawing is not None or test is None else 2,
        format_func=_,
        horizontal=True,
        key=Keys.INSIDE_SOURCE,
    )
    try:
        if source == SOURCES[0]:
            if drawing is None:
                st.info(_("Nothing drawn yet: draw a digit on the Draw page, or pick another picture."))
                return None
            return classifier.prepare(drawing).input
        if source == SOURCES[1]:
            upload = st.file_uploader(_("Picture"), type=list(image_io.UPLOAD_TYPES), key=Keys.INSIDE_UPLOAD)
            return None if upload is None else classifier.prepare(upload.getvalue()).input
    except ValueError as error:
        st.error(plain(error))
        return None
    last = len(test.images) - 1
    index = st.number_input(_("Test picture number (0–{last})").format(last=last), 0, last, 0, key=Keys.INSIDE_INDEX)
    st.caption(_("It really is: **{name}**").format(name=plain(classifier.class_names[test.labels[index]])))
    return test.images[index]
