"""How the Draw page shows answers: the headline and charts of one prediction, what the model sees, and uploads."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
import streamlit as st
from PIL import Image

from core.i18n import _
from core.prediction import confidence, image_io, predict, preprocess
from core.prediction.classifier import Classifier
from core.prediction.verdict import article, chance_it_is, verdict
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
        st.caption(safe(curve_summary(prediction.probability, names[1]), names))
    with st.expander(_("Details: the numbers")):  # HTML tables: a screen reader walks them cell by cell
        st.table(chances_table(prediction), hide_index=True)
        if timeline:
            st.table(stroke_timeline.table(timeline), hide_index=True)
        st.caption(safe(confidence.explain(prediction, band), names), help=tip("sigmoid" if binary else "softmax"))
    st.caption(_(confidence.CLOSED_WORLD))


def safe(text: str, names: Sequence[str]) -> str:
    """``text`` for Markdown: as it is when every class name is letters, digits and spaces, else :func:`plain` of it.

    Our own words carry only harmless punctuation (``·``, ``:``, ``%``); a class name is what a student may have typed.
    """
    return text if all(re.fullmatch(r"[\w ]+", str(name)) for name in names) else plain(text)


def curve_summary(p: float, name: str) -> str:
    """One sentence on the sigmoid curve and this drawing's dot on it (one msgid per English article)."""
    which = article(name)
    if which == "a":
        text = _(
            "The curve turns the model's score into a chance from 0% to 100%; the dot is this drawing, "
            "at a {chance} chance that it is a {name}."
        )
    elif which == "an":
        text = _(
            "The curve turns the model's score into a chance from 0% to 100%; the dot is this drawing, "
            "at a {chance} chance that it is an {name}."
        )
    else:
        text = _(
            "The curve turns the model's score into a chance from 0% to 100%; the dot is this drawing, "
            "at a {chance} chance that it is {name}."
        )
    return text.format(chance=pct(p), name=name)


def chart_summary(prediction: predict.Prediction, names: tuple[str, ...], band: tuple[float, float]) -> str:
    """One sentence on what the gauge (or the bars) shows, for everyone who cannot see it."""
    if len(names) != 2:
        return _("The bars show the chance of each digit; the tallest is {label}, at {chance}.").format(
            label=prediction.label, chance=pct(prediction.confidence)
        )
    low, high = confidence.check_band(band)
    return _(
        "The gauge runs from 0 ({first}) to 1 ({second}); the shaded middle, {low} to {high}, is "
        "“not sure”. The diamond is this drawing, at {output}."
    ).format(
        first=names[0],
        second=names[1],
        low=confidence.decimal(low, 2),
        high=confidence.decimal(high, 2),
        output=confidence.output_text(prediction.probability),
    )


def chances_table(prediction: predict.Prediction) -> pd.DataFrame:
    """The chance of each class, as a table beside the chart."""
    return pd.DataFrame(
        {_("class"): list(prediction.probabilities), _("chance"): [pct(v) for v in prediction.probabilities.values()]}
    )


def show_steps(prepared: preprocess.Prepared) -> None:
    """What the model sees: each preprocessing step side by side (wrapping on a phone), ending in the model's input."""
    st.markdown("**" + _("What the model sees") + "**")
    height, width = prepared.input.shape[:2]
    steps = [(_("{n} · {step}").format(n=i, step=_(name)), image) for i, (name, image) in enumerate(prepared.steps.items(), 1)]
    last = _("{n} · model input {height}×{width}: your drawing as the model sees it, {height} by {width} pixels")
    steps.append((last.format(n=len(steps) + 1, height=height, width=width), prepared.input))
    picture_grid([preprocess.for_display(image) for _step, image in steps], [name for name, _image in steps], size=112)


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
    renamed = {"file": _("picture"), "prediction": _("answer"), "confidence": _("how sure"), "error": _("problem")}
    if len(names) == 2:
        column = f"sigmoid P({names[1]})"
        shown[column] = [pct(v) if v == v and v is not None else "" for v in shown[column]]
        renamed[column] = chance_it_is(names[1])
    return shown.rename(columns=renamed)


def upload_problem(classifier: Classifier, name: str, data: bytes, error: str) -> str:
    """What went wrong with one upload, in words about the picture (core's blank message speaks of drawing)."""
    try:
        classifier.prepare(data)
    except preprocess.BlankImageError:
        return _("{name}: this picture is one even shade, with no digit or shape on it to classify.").format(name=name)
    except (image_io.ImageReadError, ValueError):
        pass
    return error


def upload_panel(classifier: Classifier, band: tuple[float, float]) -> None:
    """Pictures to classify: a grid of answers, a table to download, and the steps when there is one picture.

    Args:
        classifier: The active model.
        band: The not-confident band of the sigmoid output.

    """
    files = st.file_uploader(_("Pictures to classify"), type=list(image_io.UPLOAD_TYPES), accept_multiple_files=True)
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
        _("Download the table as CSV"),
        table.to_csv(index=False).encode(),
        "predictions.csv",
        "text/csv",
        icon=":material/download:",
    )
    if len(good) == 1:
        show_steps(good[0][1].prepared)
