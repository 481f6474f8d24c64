"""The model's answer in words a student reads: one verdict for the Draw page, uploads, galleries, the timeline and the challenge.

"Sure" is said only outside the not-confident band (:data:`core.prediction.confidence.DEFAULT_BAND`);
inside it the answer is "not sure — a guess between 7 and 8". The headline and the sentence come from
the same verdict, so they never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from core.prediction.confidence import DEFAULT_BAND, check_band, percent


@dataclass(frozen=True)
class Verdict:
    """What the model says about one picture, in words.

    Attributes:
        label: The class the model leans to.
        chance: The probability it gives that class (0–1).
        runner_up: The next most likely class.
        sure: Whether the answer lies outside the not-confident band.
        headline: A few words for the big line (``7 · 97% sure`` or ``Not sure: a guess between 7 and 8``).
        sentence: One sentence that says the same in full.
        status: What a screen reader announces (``Looks like a 7, 97% sure``).
    """

    label: str
    chance: float
    runner_up: str
    sure: bool
    headline: str
    sentence: str
    status: str


def verdict(probabilities: Mapping[str, float], band: Sequence[float] = DEFAULT_BAND) -> Verdict:
    """The verdict on one picture from the probability of each class.

    Args:
        probabilities: Class name → probability, for two classes (a sigmoid) or more (a softmax).
        band: The not-confident band ``(low, high)``: a two-class output inside it, or a top
            probability of a softmax at or below ``high``, is "not sure".

    Returns:
        The verdict.

    Raises:
        ValueError: If there are fewer than two classes, a probability is not a number between 0 and 1,
            or the band is not a band around 0.5.

    """
    low, high = check_band(band)
    if len(probabilities) < 2:
        raise ValueError("A model's answer needs at least two classes.")
    for name, value in probabilities.items():
        if not 0.0 <= float(value) <= 1.0:  # NaN fails this too
            raise ValueError(f"The model gave {name} a chance of {value}, which is not a number between 0 and 1.")
    ranked = sorted(probabilities.items(), key=lambda item: -float(item[1]))
    (label, chance), (runner_up, second) = ranked[0], ranked[1]
    if len(probabilities) == 2:
        p_second_class = float(list(probabilities.values())[1])
        sure = not low <= p_second_class <= high
    else:
        sure = float(chance) > high
    chance = float(chance)
    if sure:
        headline = f"{label} · {percent(chance)} sure"
        sentence = f"The model says {label}: it gives a {percent(chance)} chance that this is {with_article(label)}."
        status = f"Looks like {with_article(label)}, {percent(chance)} sure"
    else:
        pair = " and ".join(sorted((label, runner_up)))
        headline = f"Not sure: a guess between {pair}"
        sentence = (
            f"The model leans to {label} ({percent(chance)}) over {runner_up} ({percent(float(second))}), "
            "but that is too close to call: it is guessing."
        )
        status = f"Not sure, a guess between {pair}"
    return Verdict(label, chance, runner_up, sure, headline, sentence, status)


def with_article(name: str) -> str:
    """``a 7``, ``an 8``, ``a circle``; ``not 3`` and multi-word names stay as they are."""
    text = str(name)
    if not text or " " in text or text.lower().startswith("not"):
        return text
    vowel_sound = text[0].lower() in "aeiou" or text.startswith(("8", "11", "18"))
    return f"{'an' if vowel_sound else 'a'} {text}"
