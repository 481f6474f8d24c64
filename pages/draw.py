"""Draw: draw or upload a picture, read the model's answer and how sure it is."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from core.prediction import confidence, image_io, predict, preprocess
from pages.common import active_classifier, run_through_router
from pages.keys import Keys

try:  # a Components v2 element: it registers itself on import and needs a running Streamlit
    from streamlit_drawable_canvas import st_canvas
except Exception as error:  # missing package, or imported outside a Streamlit run
    st_canvas, CANVAS_PROBLEM = None, f"The drawing canvas is unavailable ({type(error).__name__}: {error})."
else:
    CANVAS_PROBLEM = ""

PER_ROW = 5

run_through_router()
st.title("✏️ Draw")
classifier = active_classifier()
if classifier is None:
    st.stop()
names = classifier.class_names
binary = len(names) == 2
is_shapes = classifier.style == "ink"
pair = f"{names[1]} or any other" if names[0] == f"not {names[-1]}" else " or ".join(names)
subject = "a circle or a square" if is_shapes else "a digit" + (f" ({pair})" if binary else " (0–9)")
last_layer = "a number between 0 and 1: how sure it is" if binary else "ten probabilities, one per digit, adding up to 1"
st.write(f"Draw {subject} and see what the model answers. Its last layer gives {last_layer}.")
band = confidence.DEFAULT_BAND
if binary:
    band = st.slider(
        "Not-confident band", 0.0, 1.0, confidence.DEFAULT_BAND, 0.01, help="Sigmoid outputs inside count as a guess."
    )
    if not band[0] <= 0.5 <= band[1]:
        st.warning("The band must contain 0.5; using 0.40–0.60.")
        band = confidence.DEFAULT_BAND


def show_answer(prediction: predict.Prediction) -> None:
    """The headline, the gauge, the band explained and the sigmoid curve (or ten bars)."""
    st.subheader(confidence.headline(prediction))
    st.write(confidence.explain(prediction, band))
    st.caption(confidence.CLOSED_WORLD)
    if binary:
        st.altair_chart(confidence.gauge_chart(prediction.probability, names, band), width="stretch")
        st.caption(confidence.band_explanation(band))
        st.altair_chart(confidence.sigmoid_chart(prediction.probability, names, band), width="stretch")
    else:
        st.altair_chart(confidence.probability_bars(prediction), width="stretch")


def thumbnail(data: bytes) -> object:
    """The upload as the browser can show it: 16-bit and float pictures become 8-bit gray."""
    image = image_io.open_image(data)
    return image_io.to_gray(image)[0] if image.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F") else image.convert("RGB")


def show_steps(prepared: preprocess.Prepared) -> None:
    """What the model sees: each preprocessing step side by side, ending in the model's input."""
    st.markdown("**What the model sees**")
    steps = list(prepared.steps.items())
    columns = st.columns(len(steps) + 1)
    for column, (name, image) in zip(columns, steps, strict=False):
        column.image(preprocess.for_display(image), caption=name)
    size = "×".join(str(v) for v in prepared.input.shape[:2])
    columns[-1].image(preprocess.for_display(prepared.input), caption=f"model input {size} (what it sees)")


draw_tab, upload_tab = st.tabs(["Draw", "Upload"])
with draw_tab:
    left, right = st.columns([1, 1.6], gap="large")
    with left:
        tool = "freedraw"
        if is_shapes:
            tools = {"freehand": "freedraw", "circle": "circle", "square": "rect"}
            tool = tools[st.radio("Tool", list(tools), horizontal=True, help="Circle and square draw filled shapes.")]
        stroke = st.slider(
            "Stroke width",
            4,
            60,
            confidence.DEFAULT_STROKE,
            help=f"At {confidence.DEFAULT_STROKE} px a stroke ends up about "
            f"{confidence.stroke_at_28(confidence.DEFAULT_STROKE):.1f} px wide in the 28×28 input, like MNIST's pens.",
        )
        version = st.session_state.setdefault(Keys.CANVAS_VERSION, 0)
        drawing = None
        if st_canvas is None:
            st.error(CANVAS_PROBLEM + " Use the Upload tab instead.")
        else:
            result = st_canvas(
                fill_color="white",
                stroke_width=stroke,
                stroke_color="white",
                background_color="black",
                height=confidence.CANVAS_SIDE,
                width=confidence.CANVAS_SIDE,
                drawing_mode=tool,
                return_image_data=True,
                key=f"{Keys.CANVAS_PREFIX}{version}",
            )
            drawing = result.image_data
        if st.button("Clear", icon="🧽"):
            st.session_state[Keys.CANVAS_VERSION] = version + 1
            st.session_state[Keys.DRAWING] = None
            st.rerun()
    with right:
        try:
            if drawing is None:
                raise preprocess.BlankImageError("The canvas is empty: draw a digit first.")
            prepared = classifier.prepare(drawing)
        except (preprocess.BlankImageError, image_io.ImageReadError) as problem:
            st.session_state[Keys.DRAWING] = None
            prepared = None
            blank = isinstance(problem, preprocess.BlankImageError)
            st.info(f"The canvas is empty: draw {subject} first." if blank and is_shapes else str(problem))
        if prepared is not None:
            st.session_state[Keys.DRAWING] = np.asarray(drawing)
            show_answer(classifier.predict_inputs(prepared.input[None])[0])
    if prepared is not None:
        show_steps(prepared)

with upload_tab:
    files = st.file_uploader("Pictures to classify", type=list(image_io.UPLOAD_TYPES), accept_multiple_files=True)
    if files:
        results = predict.predict_files(classifier, [(f.name, f.getvalue()) for f in files])
        for result in results:
            if result.error:
                st.warning(result.error)
        good = [(f, r) for f, r in zip(files, results, strict=True) if r.prediction]
        for start in range(0, len(good), PER_ROW):
            for column, (file, result) in zip(st.columns(PER_ROW), good[start : start + PER_ROW], strict=False):
                column.image(thumbnail(file.getvalue()), width="stretch", clamp=True)
                flag = "" if confidence.is_confident(result.prediction, band) else " · not confident"
                column.markdown(
                    f"**Prediction: {result.prediction.label}**  \nconfidence {result.prediction.confidence:.4f}{flag}"
                )
        table = pd.DataFrame(predict.results_table(results, names))
        st.dataframe(table, hide_index=True, column_config={"confidence": st.column_config.NumberColumn(format="%.4f")})
        st.download_button(
            "Download the table as CSV", table.to_csv(index=False).encode(), "predictions.csv", "text/csv", icon="⬇️"
        )
        if len(good) == 1:
            show_steps(good[0][1].prepared)
