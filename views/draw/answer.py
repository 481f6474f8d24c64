"""How the Draw page shows answers: the headline and charts of one prediction, what the model sees, and uploads."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import streamlit as st
from PIL import Image

from core.prediction import confidence, image_io, predict, preprocess
from core.prediction.classifier import Classifier
from core.prediction.verdict import verdict
from views.draw import stroke_timeline
from views.draw.stroke_timeline import Step
from views.widgets import confidence_charts as charts

PER_ROW = 5


def show_answer(
    prediction: predict.Prediction, names: tuple[str, ...], band: tuple[float, float], timeline: Sequence[Step] = ()
) -> None:
    """The headline, the gauge (or ten bars), the timeline of strokes, the band explained and the sigmoid curve.

    The charts are cached templates with this answer filled in (see :mod:`views.widgets.confidence_charts`).

    Args:
        prediction: The model's answer for one picture.
        names: The model's class names (two for a sigmoid model).
        band: The not-confident band of the sigmoid output.
        timeline: The answer after each stroke so far, the last one being this answer.

    """
    st.subheader(verdict(prediction.probabilities, band).headline)
    if timeline:
        st.caption(stroke_timeline.caption(timeline))
    st.write(confidence.explain(prediction, band))
    binary = len(names) == 2
    st.vega_lite_chart(
        charts.gauge_spec(prediction.probability, names, band) if binary else charts.bars_spec(prediction), width="stretch"
    )
    if timeline:
        st.vega_lite_chart(stroke_timeline.timeline_spec(timeline, names), width="stretch")
    if binary:
        st.caption(confidence.band_explanation(band))
        st.vega_lite_chart(charts.sigmoid_spec(prediction.probability, names, band), width="stretch")
    st.caption(confidence.CLOSED_WORLD)


def show_steps(prepared: preprocess.Prepared) -> None:
    """What the model sees: each preprocessing step side by side, ending in the model's input."""
    st.markdown("**What the model sees**")
    size = "×".join(str(v) for v in prepared.input.shape[:2])
    steps = [*prepared.steps.items(), (f"model input {size} (what it sees)", prepared.input)]
    # One element holding every step (not a column each): fewer messages for the browser after every stroke.
    st.image([preprocess.for_display(image) for _, image in steps], caption=[name for name, _ in steps], width=112)


def thumbnail(data: bytes) -> Image.Image | np.ndarray:
    """The upload as the browser can show it: 16-bit and float pictures become 8-bit gray."""
    image = image_io.open_image(data)
    return image_io.to_gray(image)[0] if image.mode in image_io.HIGH_DEPTH_MODES else image.convert("RGB")


def upload_problem(classifier: Classifier, name: str, data: bytes, error: str) -> str:
    """What went wrong with one upload, in words about the picture (core's blank message speaks of drawing)."""
    try:
        classifier.prepare(data)
    except preprocess.BlankImageError:
        return f"{name}: this picture is one even shade, with no digit or shape on it to classify."
    except (image_io.ImageReadError, ValueError):
        pass
    return error


def upload_panel(classifier: Classifier, band: tuple[float, float]) -> None:
    """Pictures to classify: a grid of answers, a table to download, and the steps when there is one picture.

    Args:
        classifier: The active model.
        band: The not-confident band of the sigmoid output.

    """
    files = st.file_uploader("Pictures to classify", type=list(image_io.UPLOAD_TYPES), accept_multiple_files=True)
    if not files:
        return
    results = predict.predict_files(classifier, [(f.name, f.getvalue()) for f in files])
    problems = [
        r.error and upload_problem(classifier, f.name, f.getvalue(), r.error) for f, r in zip(files, results, strict=True)
    ]
    for problem in filter(None, problems):
        st.warning(problem)
    good = [(f, r) for f, r in zip(files, results, strict=True) if r.prediction]
    for start in range(0, len(good), PER_ROW):
        for column, (file, result) in zip(st.columns(PER_ROW), good[start : start + PER_ROW], strict=False):
            column.image(thumbnail(file.getvalue()), caption=file.name, width="stretch", clamp=True)
            flag = "" if confidence.is_confident(result.prediction, band) else " · not confident"
            sure = confidence.percent(result.prediction.confidence)
            column.markdown(f"**Prediction: {result.prediction.label}**  \n{sure} confident{flag}")
    table = pd.DataFrame(predict.results_table(results, classifier.class_names)).assign(error=[p or "" for p in problems])
    shown = table.assign(confidence=[confidence.percent(c) if c == c and c is not None else "" for c in table["confidence"]])
    st.dataframe(shown, hide_index=True)
    st.download_button(
        "Download the table as CSV",
        table.to_csv(index=False).encode(),
        "predictions.csv",
        "text/csv",
        icon=":material/download:",
    )
    if len(good) == 1:
        show_steps(good[0][1].prepared)
