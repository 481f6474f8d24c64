"""The Draw page's charts of a prediction: the sigmoid gauge, the sigmoid curve and ten-class bars, and the canvas size.

Core (``core.prediction.confidence``) says what an output means; this module draws it with Altair,
in :mod:`views.widgets.palette`'s colours (marks at least 3:1 on white, or outlined in ink where they
sit on the shaded band), every axis titled with its unit and every text in the session's language
(the cached templates are kept per language).
Each chart has two forms: an Altair chart (``gauge_chart``) and a Vega-Lite spec (``gauge_spec``)
made from a template built once per class names and band, whose moving part reads the named
dataset :data:`POINT`. Building and validating an Altair chart costs ~50–100 ms here; filling a
template costs nothing, and an unchanged spec lets the browser update the data in place.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from core import i18n
from core.i18n import _
from core.prediction.confidence import DEFAULT_BAND, check_band, decimal, logit, output_text
from core.prediction.predict import Prediction
from core.prediction.verdict import chance_it_is
from views.widgets import palette
from views.widgets.vega import FIT_WIDTH, POINT, Data, filled

CANVAS_SIDE = 280
DEFAULT_STROKE = 24  # a 7 drawn ~200 px tall becomes 20 px: 24 px strokes end up ~2.4 px wide, like MNIST's
GAUGE_HEIGHT = 60
CURVE_HEIGHT = 200
_Z_LIMIT = 8.0  # the curve spans z in [-8, 8]: p is then within 0.0004 of 0 or 1


def stroke_at_28(stroke: float, digit_height: float = 0.7 * CANVAS_SIDE) -> float:
    """How wide a canvas stroke ends up in the 28×28 input once the digit's longer side is scaled to 20."""
    return stroke * 20.0 / max(digit_height, 1.0)


def gauge_chart(p: float, class_names: Sequence[str], band: Sequence[float] = DEFAULT_BAND) -> alt.LayerChart:
    """A horizontal 0–1 gauge: the band shaded, 0.5 marked, the output as a diamond with its value."""
    return _gauge(_gauge_point(p), class_names, band)


def gauge_spec(p: float, class_names: Sequence[str], band: Sequence[float] = DEFAULT_BAND) -> dict[str, Any]:
    """:func:`gauge_chart` as a Vega-Lite spec, from a template made once per class names and band."""
    return filled(_gauge_template(tuple(class_names), tuple(check_band(band)), i18n.current()), _gauge_point(p))


@functools.lru_cache(maxsize=64)
def _gauge_template(class_names: tuple[str, ...], band: tuple[float, float], language: str = i18n.DEFAULT) -> dict[str, Any]:
    del language  # part of the cache's key: the chart's texts are in that language
    return _gauge(alt.NamedData(POINT), class_names, band).to_dict()


def _gauge_point(p: float) -> pd.DataFrame:
    return pd.DataFrame({"x": [float(p)], "text": [output_text(p)], "row": ["gauge"]})


def _gauge(point: Data, class_names: Sequence[str], band: Sequence[float]) -> alt.LayerChart:
    low, high = check_band(band)
    title = _("0 = {first}   ·   1 = {second}   (the model's answer, from 0 to 1)").format(
        first=class_names[0], second=class_names[1]
    )
    axis = alt.Axis(values=[0, 0.25, 0.5, 0.75, 1], format=".2f", title=title)
    x = alt.X("x:Q", scale=alt.Scale(domain=[0, 1]), axis=axis)
    y = alt.Y("row:N", axis=None, scale=alt.Scale(paddingInner=0, paddingOuter=0.25))
    spans = pd.DataFrame({"x": [0.0, low], "x2": [1.0, high], "part": ["track", "not sure"], "row": ["gauge"] * 2})
    colours = alt.Scale(domain=["track", "not sure"], range=[palette.TRACK, palette.BAND])
    track = alt.Chart(spans).mark_rect().encode(x=x, x2="x2:Q", y=y, color=alt.Color("part:N", scale=colours, legend=None))
    named = pd.DataFrame({"x": [(low + high) / 2], "row": ["gauge"], "text": [_("not sure")]})  # the band in words too
    band = alt.Chart(named).mark_text(dy=14, fontSize=11, color=palette.INK).encode(x=x, y=y, text="text:N")
    middle = alt.Chart(pd.DataFrame({"x": [0.5], "row": ["gauge"]})).mark_tick(color=palette.INK, thickness=3).encode(x=x, y=y)
    dot = (
        alt.Chart(point)
        .mark_point(filled=True, size=320, color=palette.NOW, shape="diamond", opacity=1, stroke=palette.INK, strokeWidth=1.5)
        .encode(x=x, y=y)
    )
    label = alt.Chart(point).mark_text(dy=-22, fontSize=13, fontWeight="bold").encode(x=x, y=y, text="text:N")
    return alt.layer(track, band, middle, dot, label).properties(
        height=GAUGE_HEIGHT, title=_("Sigmoid output: the model's answer"), autosize=FIT_WIDTH
    )


def sigmoid_chart(p: float, class_names: Sequence[str], band: Sequence[float] = DEFAULT_BAND) -> alt.LayerChart:
    """The curve ``p = 1 / (1 + e^-z)`` with this image's ``(z, p)`` on it and the band shaded."""
    return _sigmoid(_sigmoid_point(p), class_names, band, logit(p) < 0)


def sigmoid_spec(p: float, class_names: Sequence[str], band: Sequence[float] = DEFAULT_BAND) -> dict[str, Any]:
    """:func:`sigmoid_chart` as a Vega-Lite spec, from a template made once per class names, band and side."""
    template = _sigmoid_template(tuple(class_names), tuple(check_band(band)), logit(p) < 0, i18n.current())
    return filled(template, _sigmoid_point(p))


@functools.lru_cache(maxsize=64)
def _sigmoid_template(class_names: tuple[str, ...], band: tuple[float, float], left: bool, language: str) -> dict[str, Any]:
    del language  # part of the cache's key: the chart's texts are in that language
    return _sigmoid(alt.NamedData(POINT), class_names, band, left).to_dict()


def _sigmoid_point(p: float) -> pd.DataFrame:
    z_here = logit(p)
    beyond = _(" (off the chart)") if abs(z_here) > _Z_LIMIT else ""
    text = _("this drawing: score {score}{beyond}, answer {output}").format(
        score=decimal(z_here, 2), beyond=beyond, output=output_text(p)
    )
    return pd.DataFrame({"z": [float(np.clip(z_here, -_Z_LIMIT, _Z_LIMIT))], "p": [float(p)], "text": [text]})


def _sigmoid(here: Data, class_names: Sequence[str], band: Sequence[float], left: bool) -> alt.LayerChart:
    low, high = check_band(band)
    z = np.linspace(-_Z_LIMIT, _Z_LIMIT, 161)
    curve = pd.DataFrame({"z": z, "p": 1 / (1 + np.exp(-z))})
    y = alt.Y(
        "p:Q",
        scale=alt.Scale(domain=[0, 1]),
        title=_("{chance} (%)").format(chance=chance_it_is(class_names[1])),
        axis=alt.Axis(format="%"),
    )
    x = alt.X("z:Q", scale=alt.Scale(domain=[-_Z_LIMIT, _Z_LIMIT], clamp=True), title=_("the score before the sigmoid (no unit)"))
    shaded = alt.Chart(pd.DataFrame({"p": [low], "p2": [high]})).mark_rect(color=palette.BAND, opacity=0.6)
    named = alt.Chart(pd.DataFrame({"z": [-_Z_LIMIT], "p": [(low + high) / 2], "text": [_("not sure")]}))
    band_words = named.mark_text(align="left", dx=4, fontSize=11, color=palette.INK).encode(x=x, y=y, text="text:N")
    line = alt.Chart(curve).mark_line(color=palette.BLUE, strokeWidth=3)
    dot = alt.Chart(here).mark_point(filled=True, size=200, color=palette.NOW, stroke=palette.INK, strokeWidth=1.5)
    words = alt.Chart(here).mark_text(align="left" if left else "right", dx=10 if left else -10, dy=-12)
    return alt.layer(
        shaded.encode(y=y, y2="p2:Q"),
        band_words,
        line.encode(x=x, y=y),
        dot.encode(x=x, y=y),
        words.encode(x=x, y=y, text="text:N"),
    ).properties(height=CURVE_HEIGHT, title=_("Where this drawing sits on the sigmoid"), autosize=FIT_WIDTH)


def probability_bars(prediction: Prediction) -> alt.Chart:
    """One bar per class (for ten-class models), the predicted one highlighted."""
    return _bars(_bar_rows(prediction))


def bars_spec(prediction: Prediction) -> dict[str, Any]:
    """:func:`probability_bars` as a Vega-Lite spec, from a template made once."""
    return filled(_bars_template(i18n.current()), _bar_rows(prediction))


@functools.lru_cache(maxsize=4)
def _bars_template(language: str) -> dict[str, Any]:
    del language  # part of the cache's key: the chart's texts are in that language
    return _bars(alt.NamedData(POINT)).to_dict()


def _bar_rows(prediction: Prediction) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "class": list(prediction.probabilities),
            "probability": list(prediction.probabilities.values()),
            "predicted": [name == prediction.label for name in prediction.probabilities],
        }
    )


def _bars(frame: Data) -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("class:N", sort=None, title=_("digit"), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("probability:Q", scale=alt.Scale(domain=[0, 1]), title=_("chance (%)"), axis=alt.Axis(format="%")),
            color=alt.Color("predicted:N", scale=alt.Scale(domain=[False, True], range=[palette.BLUE, palette.NOW]), legend=None),
            tooltip=[alt.Tooltip("class:N", title=_("digit")), alt.Tooltip("probability:Q", title=_("chance"), format=".1%")],
        )
        .properties(height=220, title=_("Chance of each digit (they add up to 100%)"), autosize=FIT_WIDTH)
    )
