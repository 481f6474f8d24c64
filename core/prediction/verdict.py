"""The model's answer in words a student reads: one verdict for the Draw page, uploads, galleries, the timeline and the challenge.

"Sure" is said only outside the not-confident band (:data:`core.prediction.confidence.DEFAULT_BAND`);
inside it the answer is "not sure — a guess between 7 and 8". The headline and the sentence come from
the same verdict, so they never disagree. The words are in the language in use; English's "a 7" / "an 8"
is chosen by picking one whole sentence per article (:func:`article`), so another language words each
sentence its own way ("un 7", "un 8").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from babel.numbers import get_decimal_symbol

from core import i18n
from core.i18n import _
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
        raise ValueError(_("A model's answer needs at least two classes."))
    for name, value in probabilities.items():
        if not 0.0 <= float(value) <= 1.0:  # NaN fails this too
            raise ValueError(
                _("The model gave {name} a chance of {value}, which is not a number between 0 and 1.").format(
                    name=name, value=value
                )
            )
    ranked = sorted(probabilities.items(), key=lambda item: -float(item[1]))
    (label, chance), (runner_up, second) = ranked[0], ranked[1]
    if len(probabilities) == 2:
        p_second_class = float(list(probabilities.values())[1])
        sure = not low <= p_second_class <= high
    else:
        sure = float(chance) > high
    chance = float(chance)
    if sure:
        headline = _("{label} · {chance} sure").format(label=label, chance=percent(chance))
        sentence = _sure_sentence(label).format(label=label, chance=percent(chance))
        status = _sure_status(label).format(label=label, chance=percent(chance))
    else:
        first, last = sorted((label, runner_up))
        headline = _("Not sure: a guess between {first} and {second}").format(first=first, second=last)
        sentence = _(
            "The model leans to {label} ({chance}) over {runner_up} ({second}), but that is too close to call: it is guessing."
        ).format(label=label, chance=percent(chance), runner_up=runner_up, second=percent(float(second)))
        status = _("Not sure, a guess between {first} and {second}").format(first=first, second=last)
    return Verdict(label, chance, runner_up, sure, headline, sentence, status)


def pad_words(names: Sequence[str]) -> dict:
    """The verdict's words for the drawing pad's own answer in the browser, in the language in use.

    The pad (``views/draw/pad_answer.js``) fills in ``{chance}`` (and ``{first}``/``{second}``, ``{value}``,
    ``{label}``) itself, so its headline and status read as :func:`verdict`'s for the same answer.

    Args:
        names: The model's class names, in its output order.

    Returns:
        ``sure`` and ``sureStatus`` (one per class, ``{chance}`` left to fill), ``notSure``, ``notSureStatus``,
        ``gauge`` (the two-class gauge's name, ``{value}`` to fill), ``bars`` (the bar chart's name) and ``percent``
        (how :func:`core.i18n.percent` writes a share: ``pattern`` with ``{n}``, the ``decimal`` sign, ``above``
        and ``below`` for the ends).
    """
    first, second = (str(n) for n in names[:2])
    return {
        "sure": [_("{label} · {chance} sure").format(label=name, chance="{chance}") for name in names],
        "sureStatus": [_sure_status(name).format(label=name, chance="{chance}") for name in names],
        "notSure": _("Not sure: a guess between {first} and {second}"),
        "notSureStatus": _("Not sure, a guess between {first} and {second}"),
        "gauge": _("Gauge of the model's output, from 0 ({first}) to 1 ({second}): now {value}").format(
            first=first, second=second, value="{value}"
        ),
        "bars": _("Bars of the chance of each class: the tallest is {label}, at {chance}"),
        "percent": {
            "pattern": percent(0.5).replace("50", "{n}"),
            "decimal": get_decimal_symbol(i18n.current()),
            "above": percent(0.9999),
            "below": percent(0.0001),
        },
    }


def _sure_sentence(label: str) -> str:
    """The sure sentence in the language in use, one msgid per English article (another language words each its own way)."""
    which = article(label)
    if which == "a":
        return _("The model says {label}: it gives a {chance} chance that this is a {label}.")
    if which == "an":
        return _("The model says {label}: it gives a {chance} chance that this is an {label}.")
    return _("The model says {label}: it gives a {chance} chance that this is {label}.")


def _sure_status(label: str) -> str:
    """What a screen reader announces for a sure answer, one msgid per English article."""
    which = article(label)
    if which == "a":
        return _("Looks like a {label}, {chance} sure")
    if which == "an":
        return _("Looks like an {label}, {chance} sure")
    return _("Looks like {label}, {chance} sure")


def chance_it_is(name: str) -> str:
    """``chance it is an 8`` (a column or an axis title) in the language in use, one msgid per English article."""
    which = article(name)
    if which == "a":
        return _("chance it is a {name}").format(name=name)
    if which == "an":
        return _("chance it is an {name}").format(name=name)
    return _("chance it is {name}").format(name=name)


def article(name: str) -> str:
    """The English article a class name takes: ``a`` (a 7, a circle), ``an`` (an 8) or ``""`` (not 3, multi-word names)."""
    text = str(name)
    if not text or " " in text or text.lower().startswith("not"):
        return ""
    vowel_sound = text[0].lower() in "aeiou" or text.startswith(("8", "11", "18"))
    return "an" if vowel_sound else "a"


def with_article(name: str) -> str:
    """``a 7``, ``an 8``, ``a circle``; ``not 3`` and multi-word names stay as they are.

    English grammar only: a translated sentence should not glue this in; pick a whole sentence per
    :func:`article` instead, as :func:`verdict` does.
    """
    text = str(name)
    which = article(text)
    return f"{which} {text}" if which else text
