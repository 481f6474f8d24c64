"""Charts of the Evaluate page: the right-and-wrong table (clickable), the trade-off curve, the chances and honest chances.

What does not move with the threshold (the trade-off curve, the histogram's bars, the calibration bins)
is built once per evaluation and language into a Vega-Lite template; the threshold's marks read the
named dataset :data:`views.widgets.vega.POINT`, filled in per run (see ``views.widgets.vega``).
Every chart has titled axes with units, chances on 0–100 %, Okabe–Ito colours (``views.widgets.palette``)
and a shape or label beside every colour.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from core.i18n import _
from core.inspection import calibration, evaluation
from core.inspection.costs import CostChoice
from core.prediction.verdict import chance_it_is
from views.widgets import palette
from views.widgets.vega import POINT, filled

CELL = "cell"  # the confusion matrix's click selection: the clicked cell's true and predicted class
HISTOGRAM_BINS = 40
KINDS = ("current threshold", "cheapest threshold")  # the trade-off curve's dots (values of the "kind" field)
PERCENT = alt.Axis(format="%")


def label_words(values: tuple[str, str], words: list[str]) -> str:
    """A legend's ``labelExpr`` that shows ``words`` (in the student's language) for two field ``values``."""
    return f"datum.label == {json.dumps(values[0])} ? {json.dumps(words[0])} : {json.dumps(words[1])}"


def confusion_spec(matrix: np.ndarray, names: tuple[str, ...], language: str = "en") -> dict[str, Any]:
    """The right-and-wrong table as a heat map with the count in each square; a click selects a square."""
    rows = [(names[t], names[p], int(matrix[t, p])) for t in range(len(names)) for p in range(len(names))]
    cells = pd.DataFrame(rows, columns=["true", "predicted", "count"])
    return filled(_confusion_template(tuple(names), language), cells.assign(dark=cells["count"] > matrix.max() / 2))


@functools.lru_cache(maxsize=16)
def _confusion_template(names: tuple[str, ...], language: str) -> dict[str, Any]:
    del language  # the cache key: the titles are in it
    click = alt.selection_point(name=CELL, fields=["true", "predicted"], on="click", clear="dblclick", empty=False)
    said, really = _("the model said …"), _("really a …")
    base = alt.Chart(alt.NamedData(POINT)).encode(
        x=alt.X("predicted:N", sort=list(names), title=said, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("true:N", sort=list(names), title=really),
    )
    heat = (
        base.mark_rect(cursor="pointer")
        .encode(
            color=alt.Color("count:Q", scale=alt.Scale(range=["#F2F7FB", palette.BLUE], type="symlog"), legend=None),
            stroke=alt.condition(click, alt.value(palette.VERMILLION), alt.value(None)),
            strokeWidth=alt.condition(click, alt.value(3), alt.value(0)),
            tooltip=[
                alt.Tooltip("true:N", title=really),
                alt.Tooltip("predicted:N", title=said),
                alt.Tooltip("count:Q", title=_("pictures")),
            ],
        )
        .add_params(click)
    )
    light = alt.condition(alt.datum.dark, alt.value("white"), alt.value(palette.INK))
    text = base.mark_text(fontSize=14 if len(names) == 2 else 11).encode(text="count:Q", color=light)
    title = _("Right and wrong answers (click a square)")
    return (heat + text).properties(title=title).to_dict()


def diagonal() -> alt.Chart:
    """The dashed line from (0, 0) to (1, 1): guessing on a trade-off curve, honesty on a calibration plot."""
    line = pd.DataFrame({"a": [0, 1], "b": [0, 1]})
    return alt.Chart(line).mark_line(strokeDash=[4, 4], color=palette.MUTED).encode(x="a:Q", y="b:Q")


def roc_template(ev: evaluation.Evaluation) -> dict[str, Any]:
    """The trade-off (ROC) curve and the guessing line, with room for the thresholds' dots (once per evaluation)."""
    fpr, tpr, _thresholds = ev.roc()
    first, second = ev.class_names
    x_title = _("false alarms: real {first} called {second} (%)").format(first=first, second=second)
    y_title = _("real {second} found (%)").format(second=second)
    x = alt.X("false-positive rate:Q", title=x_title, scale=alt.Scale(domain=[0, 1]), axis=PERCENT)
    y = alt.Y("true-positive rate:Q", title=y_title, scale=alt.Scale(domain=[0, 1]), axis=PERCENT)
    points = pd.DataFrame({"false-positive rate": fpr, "true-positive rate": tpr})
    curve = alt.Chart(points).mark_line(color=palette.BLUE).encode(x=x, y=y)
    words = [_(kind) for kind in ("where it switches now", "the cheapest place")]
    kinds = alt.Scale(domain=list(KINDS), range=[palette.VERMILLION, palette.INK])
    dots = alt.Chart(alt.NamedData(POINT)).mark_point(size=160, filled=True, opacity=1).encode(
        x=x, y=y,
        color=alt.Color("kind:N", scale=kinds, title=None, legend=alt.Legend(
            orient="bottom-right", labelExpr=label_words(KINDS, words))),
        shape=alt.Shape("kind:N", scale=alt.Scale(domain=list(KINDS), range=["circle", "diamond"]), legend=None),
        tooltip=[alt.Tooltip("threshold:Q", format=".0%", title=_("threshold")),
                 alt.Tooltip("false-positive rate:Q", format=".1%", title=x_title),
                 alt.Tooltip("true-positive rate:Q", format=".1%", title=y_title)],
    )  # fmt: skip
    title = _("Trade-off: real {second} found vs false alarms").format(second=second)
    return (curve + diagonal() + dots).properties(height=320, title=title).to_dict()


def roc_spec(template: dict[str, Any], ev: evaluation.Evaluation, threshold: float, cheapest: CostChoice) -> dict[str, Any]:
    """The curve's template with the current threshold (circle) and the cost-optimal one (diamond) on it."""
    marks = [(KINDS[0], threshold), (KINDS[1], cheapest.threshold)]
    rows = [(kind, t, *ev.roc_point(t)) for kind, t in marks]
    return filled(template, pd.DataFrame(rows, columns=["kind", "threshold", "false-positive rate", "true-positive rate"]))


def histogram_bars(ev: evaluation.Evaluation) -> pd.DataFrame:
    """The histogram's bars: per true class and bin of the chance of the second class, how many pictures."""
    names, edges = ev.class_names, np.linspace(0, 1, HISTOGRAM_BINS + 1)
    parts = [(names[label], *np.histogram(ev.outputs[ev.labels == label, 0], edges)) for label in range(len(names))]
    rows = [(name, edges[i], edges[i + 1], int(n)) for name, counts, _e in parts for i, n in enumerate(counts) if n]
    return pd.DataFrame(rows, columns=["true class", "from", "to", "images"])


def histogram_template(ev: evaluation.Evaluation) -> dict[str, Any]:
    """How many pictures of each true class got each chance (40 bars, log counts), with room for the threshold's rule."""
    names, title = ev.class_names, chance_it_is(ev.class_names[1]) + " (%)"
    really, images = _("really"), _("pictures (log scale)")
    x = alt.X("from:Q", title=title, scale=alt.Scale(domain=[0, 1]), axis=PERCENT)
    histogram = alt.Chart(histogram_bars(ev)).mark_bar(opacity=0.7, binSpacing=0, stroke=palette.INK, strokeWidth=0.5).encode(
        x=x, x2="to:Q", y=alt.Y("images:Q", stack=None, scale=alt.Scale(type="symlog"), title=images),
        color=alt.Color("true class:N", title=really, scale=alt.Scale(domain=list(names), range=[palette.BLUE, palette.VERMILLION])),
        strokeDash=alt.StrokeDash("true class:N", legend=None, scale=alt.Scale(domain=list(names), range=[[1, 0], [3, 2]])),
        tooltip=[alt.Tooltip("true class:N", title=really), alt.Tooltip("from:Q", format=".0%", title=title),
                 alt.Tooltip("images:Q", title=_("pictures"))],
    )  # fmt: skip
    rule = alt.Chart(alt.NamedData(POINT)).mark_rule(color=palette.INK, strokeWidth=2, strokeDash=[6, 3])
    rule = rule.encode(x=alt.X("threshold:Q", title=title))
    chart_title = _("The chance it gave each test picture")
    return (histogram + rule).properties(title=chart_title).to_dict()


def histogram_spec(template: dict[str, Any], threshold: float) -> dict[str, Any]:
    """The histogram template with the threshold's rule."""
    return filled(template, pd.DataFrame({"threshold": [threshold]}))


def calibration_chart(ev: evaluation.Evaluation) -> alt.LayerChart:
    """Honest chances: per bin the share that really is the second class against the chance given; thin bins grey."""
    positive, bins = ev.class_names[1], calibration.calibration_bins(ev)
    enough, thin = "enough images", f"fewer than {calibration.MIN_COUNT} images"
    words = [_("enough pictures"), _("fewer than {count} pictures").format(count=calibration.MIN_COUNT)]
    frame = pd.DataFrame(
        {
            "mean predicted probability": bins.mean_predicted,
            "share": bins.fraction,
            "images": bins.count,
            "evidence": np.where(bins.enough, enough, thin),
            "label": [f"n={n}" for n in bins.count],
        }
    )
    x_title = _("chance the model gave (%)")
    y_title = _("share that really are {positive} (%)").format(positive=positive)
    x = alt.X("mean predicted probability:Q", title=x_title, scale=alt.Scale(domain=[0, 1]), axis=PERCENT)
    y = alt.Y("share:Q", title=y_title, scale=alt.Scale(domain=[0, 1]), axis=PERCENT)
    colours = alt.Scale(domain=[enough, thin], range=[palette.BLUE, palette.THIN])
    legend = alt.Legend(orient="bottom-right", labelExpr=label_words((enough, thin), words))
    base = alt.Chart(frame).encode(x=x, y=y)
    line = base.transform_filter(alt.datum.evidence == enough).mark_line(color=palette.BLUE)
    dots = base.mark_point(filled=True, size=70, opacity=1).encode(
        color=alt.Color("evidence:N", scale=colours, title=None, legend=legend),
        shape=alt.Shape("evidence:N", scale=alt.Scale(domain=[enough, thin], range=["circle", "triangle-down"]), legend=None),
        tooltip=[
            alt.Tooltip("mean predicted probability:Q", format=".0%", title=x_title),
            alt.Tooltip("share:Q", format=".0%", title=y_title),
            alt.Tooltip("images:Q", title=_("pictures")),
        ],
    )
    counts = base.mark_text(dy=-10, fontSize=10).encode(text="label:N", color=alt.Color("evidence:N", scale=colours, legend=None))
    return (line + dots + counts + diagonal()).properties(title=_("Honest chances (n = pictures in each group)"))
