"""How the Draw page shows answers: the headline and charts of one prediction, what the model sees, and uploads."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
import streamlit as st
from PIL import Image

from core.prediction import confidence, image_io, predict, preprocess
from core.prediction.classifier import Classifier
from core.prediction.verdict import verdict, with_article
from views.draw import stroke_timeline
from views.draw.stroke_timeline import Step
from views.widgets import confidence_charts as charts
from views.widgets.announce import announce
from views.widgets.glossary import tip
from views.widgets.numbers import pct
from views.widgets.pictures import picture_grid
from views.widgets.text import plain


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
    said = verdict(prediction.probabilities, band)  # raises ValueError for an answer that is not a chance
    st.subheader(safe(said.headline, names))
    announce(said.status)
    st.write(safe(said.sentence, names))
    if timeline:
        st.caption(safe(stroke_timeline.caption(timeline), names))
    binary = len(names) == 2
    st.vega_lite_chart(
        charts.gauge_spec(prediction.probability, names, band) if binary else charts.bars_spec(prediction), width="stretch"
    )
    st.caption(safe(chart_summary(prediction, names, band), names))
    if timeline:
        st.vega_lite_chart(stroke_timeline.timeline_spec(timeline, names), width="stretch")
    if binary:
        st.caption(confidence.band_explanation(band))
        st.vega_lite_chart(charts.sigmoid_spec(prediction.probability, names, band), width="stretch")
        st.caption(
            safe(
                "The curve turns the model's score into a chance from 0% to 100%; the dot is this drawing, "
                f"at a {pct(prediction.probability)} chance that it is {with_article(names[1])}.",
                names,
            )
        )
    with st.expander("Details: the numbers"):
        st.dataframe(chances_table(prediction), hide_index=True)
        st.caption(safe(confidence.explain(prediction, band), names), help=tip("sigmoid" if binary else "softmax"))
    st.caption(confidence.CLOSED_WORLD)


def safe(text: str, names: Sequence[str]) -> str:
    """``text`` for Markdown: as it is when every class name is letters, digits and spaces, else :func:`plain` of it.

    Our own words carry only harmless punctuation (``·``, ``:``, ``%``); a class name is what a student may have typed.
    """
    return text if all(re.fullmatch(r"[\w ]+", str(name)) for name in names) else plain(text)


def chart_summary(prediction: predict.Prediction, names: tuple[str, ...], band: tuple[float, float]) -> str:
    """One sentence on what the gauge (or the bars) shows, for everyone who cannot see it."""
    if len(names) != 2:
        return f"The bars show the chance of each digit; the tallest is {prediction.label}, at {pct(prediction.confidence)}."
    low, high = confidence.check_band(band)
    return (
        f"The gauge runs from 0 ({names[0]}) to 1 ({names[1]}); the shaded middle, {low:.2f} to {high:.2f}, is "
        f"“not sure”. The diamond is this drawing, at {confidence.output_text(prediction.probability)}."
    )


def chances_table(prediction: predict.Prediction) -> pd.DataFrame:
    """The chance of each class, as a table beside the chart."""
    return pd.DataFrame({"class": list(prediction.probabilities), "chance": [pct(v) for v in prediction.probabilities.values()]})


def show_steps(prepared: preprocess.Prepared) -> None:
    """What the model sees: each preprocessing step side by side (wrapping on a phone), ending in the model's input."""
    st.markdown("**What the model sees**")
    height, width = prepared.input.shape[:2]
    steps = [(f"{i} · {name}", image) for i, (name, image) in enumerate(prepared.steps.items(), 1)]
    steps.append((f"{len(steps) + 1} · model input {height}×{width}: your picture as the model sees it", prepared.input))
    picture_grid([preprocess.for_display(image) for _, image in steps], [name for name, _ in steps], size=112)


def thumbnail(data: bytes, side: int = 280) -> np.ndarray:
    """The upload as the browser can show it, at most ``side`` px: 16-bit and float pictures become 8-bit gray."""
    image = image_io.open_image(data)
    if image.mode in image_io.HIGH_DEPTH_MODES:
        image = Image.fromarray((255 * image_io.to_gray(image)[0]).round().astype(np.uint8))
    image = image.convert("RGB")
    image.thumbnail((side, side))
    return np.asarray(image)


def student_table(table: pd.DataFrame, names: tuple[str, ...]) -> pd.DataFrame:
    """The uploads' table in plain words: the answer, how sure in percent, and the chance of the second class."""
    shown = table.assign(confidence=[pct(c) if c == c and c is not None else "" for c in table["confidence"]])
    renamed = {"file": "picture", "prediction": "answer", "confidence": "how sure", "error": "problem"}
    if len(names) == 2:
        column = f"sigmoid P({names[1]})"
        shown[column] = [pct(v) if v == v and v is not None else "" for v in shown[column]]
        renamed[column] = f"chance it is {with_article(names[1])}"
    return shown.rename(columns=renamed)


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
        st.warning(plain(problem))
    good, said = [], []
    for file, result in zip(files, results, strict=True):
        if result.prediction:
            try:
                said.append(verdict(result.prediction.probabilities, band))
            except ValueError as error:  # the model's output is not a chance (NaN, or a layer without a sigmoid)
                st.error(plain(f"{file.name}: {error}"))
                continue
            good.append((file, result))
    if good:
        captions = [f"{file.name}: {words.headline}" for (file, _), words in zip(good, said, strict=True)]
        picture_grid([thumbnail(file.getvalue()) for file, _ in good], captions, 140)
    table = pd.DataFrame(predict.results_table(results, classifier.class_names)).assign(error=[p or "" for p in problems])
    st.dataframe(student_table(table, classifier.class_names), hide_index=True)
    st.download_button(
        "Download the table as CSV",
        table.to_csv(index=False).encode(),
        "predictions.csv",
        "text/csv",
        icon=":material/download:",
    )
    if len(good) == 1:
        show_steps(good[0][1].prepared)
