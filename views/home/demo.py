"""Home's example at a glance: a 7 drawn as on the Draw page, the 28×28 picture a shipped model gets, and its answer.

Everything is real: the strokes are drawn like the canvas draws them, prepared by the app's own
preprocessing, and answered by the shipped 7-vs-8 model through the engine. The answer is cached,
so only the first visit after the server starts waits for it.
"""

from __future__ import annotations

import logging

import numpy as np
import streamlit as st
from PIL import Image, ImageDraw

from core.engine.base import ModelRef
from core.i18n import _
from core.prediction import confidence, preprocess
from core.prediction.predict import Prediction
from core.prediction.verdict import verdict
from core.storage import registry
from views.shell.models import load_classifier
from views.widgets.confidence_charts import CANVAS_SIDE, DEFAULT_STROKE, gauge_chart
from views.widgets.glossary import tip
from views.widgets.text import plain

MODEL = "mnist-7-vs-8"
SEVEN = [(80, 60), (200, 60), (120, 235)]  # one mouse stroke on the 280×280 canvas: a bar and a slanted leg


def drawn_seven() -> np.ndarray:
    """The canvas's picture of the stroke: white ink on black, RGBA, as the Draw page receives it."""
    image = Image.new("RGBA", (CANVAS_SIDE, CANVAS_SIDE), (0, 0, 0, 255))
    ImageDraw.Draw(image).line(SEVEN, fill=(255, 255, 255, 255), width=DEFAULT_STROKE, joint="curve")
    return np.asarray(image)


@st.cache_data(show_spinner=False, max_entries=2)
def answer(ref: ModelRef) -> tuple[np.ndarray, Prediction, tuple[str, ...]]:
    """The model input made from :func:`drawn_seven` and the model's answer (cached per model file version).

    Returns:
        ``(28×28 input, prediction, class names)``.

    """
    handle = load_classifier(ref.path)
    prepared = handle.prepare(drawn_seven())
    return prepared.input, handle.predict_inputs(prepared.input[None])[0], handle.class_names


def example() -> None:
    """Three pictures in a row: the drawing, what the model sees, and the sigmoid gauge with the answer."""
    try:
        with st.spinner(_("Asking the model about a drawn 7…")):
            model_input, prediction, names = answer(ModelRef.of(registry.resolve(MODEL)))
    except (registry.ModelFileError, FileNotFoundError, RuntimeError):  # a missing model or a dead worker: the why is logged
        logging.getLogger("sigmoid_lab").exception("Home's example could not be answered")
        st.caption(_("The example cannot be shown right now: its model is missing or busy. Try the Draw page."))
        return
    drawing, seen, gauge = st.columns([1, 1, 2.4], vertical_alignment="center")
    drawn, sees = _("1 · A 7 drawn with the mouse"), _("2 · What the model sees: 28×28 pixels")
    drawing.image(drawn_seven(), caption=drawn, alt=drawn, width="stretch")
    seen.image(preprocess.for_display(model_input, 140), caption=sees, alt=sees, width="stretch")
    gauge.altair_chart(gauge_chart(prediction.probability, names), width="stretch")
    gauge.caption(
        _("3 · The model's answer: {value}. Near 0 means {first}, near 1 means {second}. {sentence}").format(
            value=confidence.output_text(prediction.probability),
            first=plain(names[0]),
            second=plain(names[1]),
            sentence=verdict(prediction.probabilities).sentence,
        ),
        help=tip("sigmoid"),
    )
