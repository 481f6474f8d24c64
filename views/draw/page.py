"""Draw: draw or upload a picture, read the model's answer and how sure it is."""

from __future__ import annotations

import numpy as np
import streamlit as st

from core import i18n
from core.engine.base import ModelRef
from core.engine.model_handle import ModelHandle
from core.i18n import N_, _
from core.prediction import confidence, image_io, preprocess
from core.prediction.predict import Prediction
from views.draw import class_digits as class_digits_view
from views.draw import pad_offer, sketch_pad, stroke_timeline
from views.draw.answer import show_answer, show_steps, upload_panel
from views.draw.sketch_pad import Sketch
from views.draw.stroke_timeline import Step
from views.keys import Keys
from views.shell.models import active_classifier
from views.widgets import confidence_charts as charts
from views.widgets.glossary import tip
from views.widgets.text import plain

SHAPE_TOOLS = {"freehand": "freedraw", "circle": "circle", "square": "rect"}
TOOL_WORDS = {"freehand": N_("freehand"), "circle": N_("circle"), "square": N_("square")}


def draw_page() -> None:
    """The Draw page: an invitation naming the model's classes, the band, then a canvas tab and an upload tab."""
    st.title(":material/draw: " + _("Draw"))
    classifier = active_classifier()
    if classifier is None:
        return
    names = classifier.class_names
    binary = len(names) == 2
    subject = what_to_draw(classifier.style, names)
    last_layer = (
        _("a number between 0 and 1: how sure it is") if binary else _("ten probabilities, one per digit, adding up to 1")
    )
    intro = _("Draw {subject} and see what the model answers. Its last layer gives {last_layer}.")
    st.write(plain(intro.format(subject=subject, last_layer=last_layer)))
    band = choose_band() if binary else confidence.DEFAULT_BAND
    warm_up(classifier.ref, classifier)
    draw_tab, upload_tab = st.tabs([_("Draw"), _("Upload")])
    with draw_tab:
        canvas_panel(classifier, subject, band)
    with upload_tab:
        upload_panel(classifier, band)


def what_to_draw(style: str, names: tuple[str, ...]) -> str:
    """What the page asks for: ``a circle or a square``, ``a digit (7 or 8)``, ``a digit (3 or any other)``, ``a digit (0–9)``."""
    if style == "ink":
        return _("a circle or a square")
    if len(names) != 2:
        return _("a digit (0–9)")
    if names[0] == f"not {names[-1]}":
        return _("a digit ({name} or any other)").format(name=names[1])
    return _("a digit ({first} or {second})").format(first=names[0], second=names[1])


@st.cache_resource(show_spinner=False, max_entries=32)
def warm_up(ref: ModelRef, _classifier: ModelHandle) -> bool:
    """One answer for a blank input as the page opens, once per model version and server.

    The worker then builds the model's traced forward pass now, not at the student's first stroke (~0.5 s).
    """
    del ref
    _classifier.outputs(np.zeros((1, *_classifier.input_shape), np.uint8))
    return True


def choose_band() -> tuple[float, float]:
    """The not-confident band from its slider; the default band, with a warning, if it misses 0.5."""
    band = st.slider(_("“Not sure” zone"), 0.0, 1.0, confidence.DEFAULT_BAND, 0.01, help=tip("not_sure"))
    if not band[0] <= 0.5 <= band[1]:
        low, high = confidence.DEFAULT_BAND
        st.warning(
            _("The “not sure” zone must contain 0.5; using {low}–{high}.").format(
                low=confidence.decimal(low, 2), high=confidence.decimal(high, 2)
            )
        )
        return confidence.DEFAULT_BAND
    return band


@st.fragment
def canvas_panel(classifier: ModelHandle, subject: str, band: tuple[float, float]) -> None:
    """The canvas and its tools on the left, the model's answer on the right, what it sees below.

    A fragment: a stroke reruns only this, not the sidebar, the band or the Upload tab. It ends with the pad's
    end marker (:func:`views.draw.sketch_pad.sketch_pad_done`), so the pad knows the browser got the whole run.

    Args:
        classifier: The active model.
        subject: What to draw, e.g. ``a digit (7 or 8)``.
        band: The not-confident band of the sigmoid output.

    """
    i18n.use(st.session_state.get(Keys.LANGUAGE, i18n.DEFAULT))  # a fragment's own rerun starts without app.py's language
    left, right = st.columns([1, 1.6], gap="large")
    with left:
        sketch = draw_on_canvas(classifier.style == "ink", pad_offer.offer(classifier, band, sketch_pad.held(Keys.CANVAS)))
        class_digits_view.class_test_prompt(sketch.image)  # while a challenge collects class digits
    drawing = sketch.image
    with right:
        try:
            if drawing is None:
                raise preprocess.BlankImageError(_("The canvas is empty: draw a digit first."))
            prepared = classifier.prepare(drawing)
        except (preprocess.BlankImageError, image_io.ImageReadError) as problem:
            st.session_state[Keys.DRAWING] = None
            prepared = None
            blank = isinstance(problem, preprocess.BlankImageError)
            empty = _("The canvas is empty: draw {subject} first.").format(subject=subject)
            st.info(plain(empty if blank and classifier.style == "ink" else _(str(problem))))
        try:
            prediction = classifier.predict_inputs(prepared.input[None])[0] if prepared is not None else None
            timeline = remember_stroke(classifier.name, sketch.strokes, prediction)
            if prediction is not None:
                st.session_state[Keys.DRAWING] = np.asarray(drawing)
                show_answer(prediction, classifier.class_names, band, timeline)
                class_digits_view.flag_wrong(drawing, prediction.label, classifier.style)  # "Wrong — this is a …"
        except ValueError as error:  # an output that is not a chance (NaN, or no sigmoid): core says so in a sentence
            st.error(plain(error))
            prepared = None
    if prepared is not None:
        show_steps(prepared)
    sketch_pad.sketch_pad_done(Keys.CANVAS)


def remember_stroke(model: str, strokes: int, prediction: Prediction | None) -> list[Step]:
    """The session's confidence timeline after this run (a new model starts a new one)."""
    owner, timeline = st.session_state.get(Keys.TIMELINE, (model, []))
    timeline = stroke_timeline.advance(timeline if owner == model else [], strokes, prediction)
    st.session_state[Keys.TIMELINE] = (model, timeline)
    return timeline


def draw_on_canvas(shapes: bool, model: dict | None = None) -> Sketch:
    """The tools and the drawing pad (its own Undo, Redo and Clear); returns what is drawn.

    Args:
        shapes: Whether the model tells shapes apart, which adds filled circle and square tools.
        model: What the pad answers with in the browser while drawing (:func:`views.draw.pad_offer.offer`).

    """
    tool = "freedraw"
    if shapes:
        tool = SHAPE_TOOLS[
            st.radio(
                _("Tool"),
                list(SHAPE_TOOLS),
                format_func=lambda name: _(TOOL_WORDS[name]),
                horizontal=True,
                help=_("Circle and square draw filled shapes."),
            )
        ]
    stroke = st.slider(
        _("Stroke width"),
        4,
        60,
        charts.DEFAULT_STROKE,
        help=_("At {stroke} px a stroke ends up about {width} px wide in the 28×28 input, like MNIST's pens.").format(
            stroke=charts.DEFAULT_STROKE, width=confidence.decimal(charts.stroke_at_28(charts.DEFAULT_STROKE), 1)
        ),
    )
    return sketch_pad.sketch_pad(key=Keys.CANVAS, stroke_width=stroke, mode=tool, side=charts.CANVAS_SIDE, model=model)
