"""The Draw page's confidence timeline: the model's answer after every stroke, and its chart.

A student sees the answer flip (a 7 becoming an 8 as the loop closes). The canvas reports how
many strokes it holds; a new count drops the points at or after it (undo, clear) and adds the
current answer, so undo removes the last point and a new stroke adds one.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd

from core import i18n
from core.i18n import _
from core.prediction.confidence import output_text, percent
from core.prediction.predict import Prediction
from views.widgets import palette
from views.widgets.vega import FIT_WIDTH, POINT, filled

SHOWN_IN_WORDS = 6  # the caption names the last few answers only
HEIGHT = 150


@dataclass(frozen=True)
class Step:
    """The answer after one stroke.

    Attributes:
        stroke: How many strokes the canvas held (1 = the first).
        label: The predicted class.
        value: What the chart plots: the sigmoid output for two classes, the top probability for ten.
        confidence: The probability of ``label``.

    """

    stroke: int
    label: str
    value: float
    confidence: float


def advance(timeline: Sequence[Step], strokes: int, prediction: Prediction | None) -> list[Step]:
    """The timeline once the canvas holds ``strokes`` strokes and the model gives ``prediction``.

    Args:
        timeline: The points so far.
        strokes: The canvas's stroke count now (0 after Clear, one less after undo).
        prediction: The answer for the drawing now, or ``None`` when there is none (a blank canvas).

    Returns:
        The earlier points, without those at or after ``strokes``, then the current answer.

    """
    kept = [step for step in timeline if step.stroke < strokes]
    if prediction is None or strokes < 1:
        return kept
    return [*kept, Step(strokes, prediction.label, float(prediction.probability), float(prediction.confidence))]


def caption(timeline: Sequence[Step]) -> str:
    """``Stroke by stroke: 7 → 7 → 8 (now 97.0% sure, after stroke 3)``; empty for no points."""
    if not timeline:
        return ""
    shown = " → ".join(step.label for step in timeline[-SHOWN_IN_WORDS:])
    more = "… → " if len(timeline) > SHOWN_IN_WORDS else ""
    last = timeline[-1]
    return _("Stroke by stroke: {more}{shown} (now {chance} sure, after stroke {stroke})").format(
        more=more, shown=shown, chance=percent(last.confidence), stroke=last.stroke
    )


def table(timeline: Sequence[Step]) -> pd.DataFrame:
    """The timeline's numbers, one row per stroke: the answer and how sure it was (beside its chart)."""
    return pd.DataFrame(
        {
            _("stroke"): [step.stroke for step in timeline],
            _("answer"): [step.label for step in timeline],
            _("how sure"): [percent(step.confidence) for step in timeline],
            _("output"): [output_text(step.value) for step in timeline],
        }
    )


def timeline_spec(timeline: Sequence[Step], class_names: Sequence[str]) -> dict[str, Any]:
    """The chart of stroke number → answer, as a Vega-Lite spec filled into a cached template."""
    rows = pd.DataFrame(
        {
            "stroke": [step.stroke for step in timeline],
            "value": [step.value for step in timeline],
            "answer": [step.label for step in timeline],
        }
    )
    return filled(_template(tuple(class_names), i18n.current()), rows)


@functools.lru_cache(maxsize=32)
def _template(class_names: tuple[str, ...], language: str) -> dict[str, Any]:
    """The chart for these classes in ``language`` (the texts are translated here, once per language)."""
    del language  # part of the cache's key: the texts below are in it
    binary = len(class_names) == 2
    title = _("chance of {name} (%)").format(name=class_names[1]) if binary else _("chance of the answer (%)")
    x = alt.X(
        "stroke:Q",
        title=_("stroke (1 = the first)"),
        axis=alt.Axis(tickMinStep=1, format="d"),
        scale=alt.Scale(domainMin=1, nice=False),
    )
    y = alt.Y("value:Q", title=title, scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%"))
    base = alt.Chart(alt.NamedData(POINT)).encode(x=x, y=y)
    line = base.mark_line(color=palette.MUTED)
    # One colour for every dot: the answer is written above each (colour alone never carries it).
    dots = base.mark_point(filled=True, size=90, opacity=1, color=palette.NOW).encode(
        tooltip=[
            alt.Tooltip("stroke:Q", title=_("stroke")),
            alt.Tooltip("answer:N", title=_("answer")),
            alt.Tooltip("value:Q", format=".1%", title=title),
        ],
    )
    words = base.mark_text(dy=-12, fontSize=12, fontWeight="bold").encode(text="answer:N")
    layers = [line, dots, words]
    if binary:
        half = alt.Chart(pd.DataFrame({"value": [0.5]})).mark_rule(strokeDash=[4, 4], color=palette.MUTED).encode(y="value:Q")
        layers.insert(0, half)
    chart = alt.layer(*layers).properties(height=HEIGHT, title=_("Confidence after each stroke"), autosize=FIT_WIDTH)
    return chart.to_dict()
