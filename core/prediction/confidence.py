"""How sure the model is: what a sigmoid output means, in sentences.

A binary model ends in one sigmoid unit, ``p = 1 / (1 + e^-z)``: the probability of the
second class. ``p`` near 0 or 1 means the model is sure; ``p`` near 0.5 means it is
guessing. This module holds the band and the numbers' wording; :mod:`core.prediction.verdict` turns an answer into
the words every page shows; the gauge and the curve live in ``views.widgets.confidence_charts``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from core import i18n
from core.prediction.predict import Prediction

CLOSED_WORLD = (
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
        raise ValueError(f"The not-confident band must contain 0.5 and lie within 0–1; got {low:g}–{high:g}.")
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
    """One or two sentences on what the output means, for a student."""
    low, high = check_band(band)
    names = list(prediction.probabilities)
    if len(names) != 2:
        runner_up = sorted(prediction.probabilities.items(), key=lambda item: -item[1])[1]
        sure = "sure" if is_confident(prediction, band) else "not confident"
        return (
            f"The softmax gives {prediction.confidence:.1%} to {prediction.label} and {runner_up[1]:.1%} to "
            f"{runner_up[0]}: the model is {sure} (it counts as sure above {high:.0%})."
        )
    p = prediction.probability
    side = f"closer to 1 ({names[1]})" if p >= 0.5 else f"closer to 0 ({names[0]})"
    text = f"The sigmoid output is {output_text(p)}, {side}."
    if is_confident(prediction, band):
        return text + f" It lies outside the not-confident band {low:.2f}–{high:.2f}, so the model is sure."
    return (
        text + f" It lies inside the not-confident band {low:.2f}–{high:.2f}: the drawing looks partly like "
        f"{names[0]} and partly like {names[1]}, so the model is guessing."
    )


def output_text(p: float) -> str:
    """The sigmoid output with four decimals, never rounded to a flat 0 or 1."""
    p = float(p)
    return "<0.0001" if p < 0.00005 else ">0.9999" if p > 0.99995 else f"{p:.4f}"


def logit(p: float) -> float:
    """The value ``z`` before the sigmoid, ``ln(p / (1 - p))``, kept finite."""
    p = min(max(float(p), 1e-7), 1 - 1e-7)
    return math.log(p / (1 - p))


def band_explanation(band: Sequence[float] = DEFAULT_BAND) -> str:
    """The sentence shown under the gauge."""
    low, high = check_band(band)
    return (
        f"Outputs between {low:.2f} and {high:.2f} (shaded) are too close to 0.5 to trust: "
        "there the model cannot really tell the two classes apart."
    )
