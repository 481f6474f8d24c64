"""How sure the model is: what a sigmoid output means, in sentences.

A binary model ends in one sigmoid unit, ``p = 1 / (1 + e^-z)``: the probability of the
second class. ``p`` near 0 or 1 means the model is sure; ``p`` near 0.5 means it is
guessing. This module holds the band and the numbers' wording; :mod:`core.prediction.verdict` turns an answer into
the words every page shows; the gauge and the curve live in ``views.widgets.confidence_charts``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from babel.numbers import get_decimal_symbol

from core import i18n
from core.i18n import N_, _
from core.prediction.predict import Prediction

CLOSED_WORLD = N_(
    "Careful: the model can only answer with one of its classes. A scribble, or a digit it was "
    "not trained on, may still get a confident answer: confidence says how strongly "
    "the model leans to one class, not that the picture really is one of them."
)

# Between 20% and 80% a 14-year-old would not call an answer sure, so neither does the lab (Draw's slider moves it).
DEFAULT_BAND = (0.2, 0.8)


def check_band(band: Sequence[float]) -> tuple[float, float]:
    """The "not confident" band as ``(low, high)``.

    Raises:
        ValueError: If it is not ``0 ≤ low ≤ 0.5 ≤ high ≤ 1``.

    """
    low, high = (float(v) for v in band)
    if not 0.0 <= low <= 0.5 <= high <= 1.0:
        raise ValueError(
            _("The not-confident band must contain 0.5 and lie within 0–1; got {low}–{high}.").format(
                low=f"{low:g}", high=f"{high:g}"
            )
        )
    return low, high


def is_confident(prediction: Prediction, band: Sequence[float] = DEFAULT_BAND) -> bool:
    """Whether a two-class output lies outside the band (ten classes: top probability above ``band`` high)."""
    low, high = check_band(band)
    if len(prediction.probabilities) == 2:
        return not low <= prediction.probability <= high
    return prediction.confidence > high


def percent(value: float) -> str:
    """A probability in percent for people (at most one decimal, in the student's language), never a misleading 100% or 0%."""
    return i18n.percent(value)


def explain(prediction: Prediction, band: Sequence[float] = DEFAULT_BAND) -> str:
    """One or two sentences on what the output means, for a student (in the language in use)."""
    low, high = check_band(band)
    names = list(prediction.probabilities)
    if len(names) != 2:
        runner_up = sorted(prediction.probabilities.items(), key=lambda item: -item[1])[1]
        values = {
            "top": _fixed_percent(prediction.confidence, 1),
            "label": prediction.label,
            "second": _fixed_percent(runner_up[1], 1),
            "runner_up": runner_up[0],
            "high": _fixed_percent(high, 0),
        }
        if is_confident(prediction, band):
            text = _(
                "The softmax gives {top} to {label} and {second} to {runner_up}: the model is sure (it counts as sure above {high})."
            )
        else:
            text = _(
                "The softmax gives {top} to {label} and {second} to {runner_up}: the model is not confident "
                "(it counts as sure above {high})."
            )
        return text.format(**values)
    p = prediction.probability
    side = _("closer to 1 ({name})") if p >= 0.5 else _("closer to 0 ({name})")
    text = _("The sigmoid output is {output}, {side}.").format(
        output=output_text(p), side=side.format(name=names[1] if p >= 0.5 else names[0])
    )
    band_values = {"low": decimal(low, 2), "high": decimal(high, 2)}
    if is_confident(prediction, band):
        return text + " " + _("It lies outside the not-confident band {low}–{high}, so the model is sure.").format(**band_values)
    return (
        text
        + " "
        + _(
            "It lies inside the not-confident band {low}–{high}: the drawing looks partly like {first} and partly like "
            "{second}, so the model is guessing."
        ).format(first=names[0], second=names[1], **band_values)
    )


def decimal(value: float, places: int) -> str:
    """A number with exactly ``places`` decimals and the language's decimal sign: ``0.20`` (``0,20`` in Spanish)."""
    return f"{float(value):.{places}f}".replace(".", get_decimal_symbol(i18n.current()))


def _fixed_percent(value: float, places: int) -> str:
    """A percentage with exactly ``places`` decimals and the language's decimal sign (``55.0%``; ``55,0%`` in Spanish)."""
    return f"{float(value):.{places}%}".replace(".", get_decimal_symbol(i18n.current()))


def output_text(p: float) -> str:
    """The sigmoid output with four decimals (the language's decimal sign), never rounded to a flat 0 or 1."""
    p = float(p)
    return "<" + decimal(0.0001, 4) if p < 0.00005 else ">" + decimal(0.9999, 4) if p > 0.99995 else decimal(p, 4)


def logit(p: float) -> float:
    """The value ``z`` before the sigmoid, ``ln(p / (1 - p))``, kept finite."""
    p = min(max(float(p), 1e-7), 1 - 1e-7)
    return math.log(p / (1 - p))


def band_explanation(band: Sequence[float] = DEFAULT_BAND) -> str:
    """The sentence shown under the gauge."""
    low, high = check_band(band)
    return _(
        "Outputs between {low} and {high} (shaded) are too close to 0.5 to trust: "
        "there the model cannot really tell the two classes apart."
    ).format(low=decimal(low, 2), high=decimal(high, 2))
