"""The threshold a sigmoid model should use when one kind of mistake costs more than the other.

"A missed 8 costs N times a false 8": a missed positive (a false negative) costs ``N``, a false
alarm (a false positive) costs 1. On a test set, the expected cost of a threshold is the mean of
those costs over its images; the cheapest threshold moves below 0.5 as ``N`` grows (say the
positive class more readily) and above 0.5 when ``N`` is below 1. For honest (calibrated)
probabilities it would be ``1 / (1 + N)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.i18n import _, number, percent
from core.inspection.evaluation import Evaluation

THRESHOLDS = np.round(np.arange(0.01, 1.0, 0.01), 2)  # the Evaluate page's threshold steps


@dataclass(frozen=True)
class CostChoice:
    """The cheapest threshold for one cost ratio, and what it saves.

    Attributes:
        miss_cost: What a missed positive costs, a false positive costing 1.
        threshold: The threshold with the least expected cost (the one nearest 0.5 among ties).
        cost: Its expected cost per test image.
        cost_at_half: The expected cost per image at 0.5.
        misses: Missed positives (false negatives) at the threshold.
        false_alarms: False positives at the threshold.

    """

    miss_cost: float
    threshold: float
    cost: float
    cost_at_half: float
    misses: int
    false_alarms: int


def mistakes(labels: np.ndarray, scores: np.ndarray, thresholds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Missed positives and false positives at each threshold (positive where ``score >= threshold``)."""
    positive = np.asarray(labels) == 1
    said = np.asarray(scores)[None, :] >= np.asarray(thresholds)[:, None]
    return (~said & positive).sum(axis=1), (said & ~positive).sum(axis=1)


def expected_costs(labels: np.ndarray, scores: np.ndarray, thresholds: np.ndarray, miss_cost: float) -> np.ndarray:
    """The mean cost per image at each threshold: ``miss_cost`` per missed positive, 1 per false positive."""
    misses, false_alarms = mistakes(labels, scores, thresholds)
    return (miss_cost * misses + false_alarms) / max(len(labels), 1)


def cheapest_threshold(evaluation: Evaluation, miss_cost: float, thresholds: np.ndarray = THRESHOLDS) -> CostChoice:
    """The threshold that makes the test set's mistakes cost least.

    Args:
        evaluation: A two-class (sigmoid) model's test outputs.
        miss_cost: What a missed positive (class 1) costs compared with a false positive.
        thresholds: The thresholds to choose from.

    Returns:
        The :class:`CostChoice`.

    Raises:
        ValueError: For a ten-class model or a cost that is not a positive number.

    """
    if not evaluation.binary:
        raise ValueError(_("Costs move a threshold, and this model picks among ten classes with argmax: it has none."))
    if not miss_cost > 0:
        raise ValueError(_("A missed image must cost more than nothing; got {cost}.").format(cost=miss_cost))
    scores = evaluation.outputs[:, 0]
    candidates = np.append(np.asarray(thresholds, float), 0.5)
    costs = expected_costs(evaluation.labels, scores, candidates, miss_cost)
    cheapest = np.flatnonzero(np.isclose(costs, costs.min()))
    best = int(cheapest[np.argmin(np.abs(candidates[cheapest] - 0.5))])
    misses, false_alarms = mistakes(evaluation.labels, scores, candidates[[best]])
    return CostChoice(
        float(miss_cost), float(candidates[best]), float(costs[best]), float(costs[-1]), int(misses[0]), int(false_alarms[0])
    )


def explain(choice: CostChoice, class_names: tuple[str, ...]) -> str:
    """Why the cheapest threshold sits where it does, in a sentence or two for a student (chances as percentages).

    Class names are put in as they are: a page escapes them (``plain``) before it passes them in.
    """
    positive = class_names[1]
    ratio = number(choice.miss_cost, 2)
    if choice.miss_cost > 1:
        cost = _("A missed {positive} costs {ratio} times a false {positive}").format(positive=positive, ratio=ratio)
        why = _("missing a real {positive} is the worse mistake, so the model should say {positive} even when it is less sure")
    elif choice.miss_cost < 1:
        cost = _("A missed {positive} costs {ratio} times a false {positive}").format(positive=positive, ratio=ratio)
        why = _("a false {positive} is the worse mistake, so the model should say {positive} only when it is very sure")
    else:
        cost = _("A missed {positive} costs as much as a false {positive}").format(positive=positive)
        why = _("both mistakes cost the same, so the cheapest threshold is the one that makes the fewest mistakes")
    found = _(
        "On this test set the cheapest threshold is **{threshold}** (missed {positive}: {misses}, false alarms: {alarms})."
    ).format(
        threshold=percent(choice.threshold), misses=number(choice.misses), alarms=number(choice.false_alarms), positive=positive
    )
    moved = (
        ""
        if choice.threshold == 0.5
        else " "
        + _("Its mistakes cost {cost} per 1,000 pictures, against {at_half} at 50%.").format(
            cost=number(1000 * choice.cost, 1), at_half=number(1000 * choice.cost_at_half, 1)
        )
    )
    honest = _("If the model's chances were honest, it would be 1 / (1 + {ratio}) = {honest}.").format(
        ratio=ratio, honest=percent(1 / (1 + choice.miss_cost))
    )
    return f"{cost}: {why.format(positive=positive)}. {found}{moved} {honest}"
