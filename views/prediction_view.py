"""How the Draw page shows answers: the headline and charts of one prediction, what the model sees, and uploads."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st
from PIL import Image

from core.prediction import confidence, image_io, predict, preprocess
from core.prediction.classifier import Classifier
from views import confidence_charts as charts

PER_ROW = 5


def show_answer(prediction: predict.Prediction, names: tuple[str, ...], band: tuple[float, float]) -> None:
    """The headline, the gauge, the band explained and the sigmoid curve (or ten bars).

    Args:
        prediction: The model's answer for one picture.
        names: The model's class names (two for a sigmoid model).
        band: The not-confident band of the sigmoid output.

    """
    st.subheader(confidence.headline(prediction))
    st.write(confidence.explain(prediction, band))
    st.caption(confidence.CLOSED_WORLD)
    if len(names) == 2:
        st.altair_chart(charts.gauge_chart(prediction.probability, names, band), width="stretch")
        st.caption(confidence.band_explanation(band))
        st.altair_chart(charts.sigmoid_chart(prediction.probability, names, band), width="stretch")
    else:
        st.altair_chart(charts.probability_bars(prediction), width="stretch")


def show_steps(prepared: preprocess.Prepared) -> None:
    """What the model sees: each preprocessing step side by side, ending in the model's input."""
    st.markdown("**What the model sees**")
    steps = list(prepared.steps.items())
    columns = st.columns(len(steps) + 1)
    for column, (name, image) in zip(columns, steps, strict=False):
        column.image(preprocess.for_display(image), caption=name)
    size = "×".join(str(v) for v in prepared.input.shape[:2])
    columns[-1].image(preprocess.for_display(prepared.input), caption=f"model input {size} (what it sees)")


def thumbnail(data: bytes) -> Image.Image | np.ndarray:
    """The upload as the browser can show it: 16-bit and float pictures become 8-bit gray."""
    image = image_io.open_image(data)
    return image_io.to_gray(image)[0] if image.mode in image_io.HIGH_DEPTH_MODES else image.convert("RGB")


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
    for result in results:
        if result.error:
            st.warning(result.error)
    good = [(f, r) for f, r in zip(files, results, strict=True) if r.prediction]
    for start in range(0, len(good), PER_ROW):
        for column, (file, result) in zip(st.columns(PER_ROW), good[start : start + PER_ROW], strict=False):
            column.image(thumbnail(file.getvalue()), width="stretch", clamp=True)
            flag = "" if confidence.is_confident(result.prediction, band) else " · not confident"
            column.markdown(f"**Prediction: {result.prediction.label}**  \nconfidence {result.prediction.confidence:.4f}{flag}")
    table = pd.DataFrame(predict.results_table(results, classifier.class_names))
    st.dataframe(table, hide_index=True, column_config={"confidence": st.column_config.NumberColumn(format="%.4f")})
    st.download_button(
        "Download the table as CSV",
        table.to_csv(index=False).encode(),
        "predictions.csv",
        "text/csv",
        icon=":material/download:",
    )
    if len(good) == 1:
        show_steps(good[0][1].prepared)
