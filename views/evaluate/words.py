"""The Evaluate page's numbers in words: each metric as a percentage with a plain line, and each chart's sentence and table.

Class names are escaped with ``plain`` before they go into a sentence; tables carry them as they are.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from core.i18n import N_, _
from core.inspection import calibration, evaluation
from views.evaluate.charts import histogram_bars
from views.widgets.numbers import count, of_hundred, pct
from views.widgets.text import plain

# (summary key, label, glossary term)
METRICS = (
    ("accuracy", N_("Accuracy"), "accuracy"),
    ("loss", N_("How wrong it is"), "loss"),
    ("precision", N_("Right when it says so"), "precision"),
    ("recall", N_("Real ones it finds"), "recall"),
    ("f1", N_("Both in one number"), "f1"),
)
AUC = ("roc_auc", N_("Telling the two apart"), "auc")


def hundred(fraction: float) -> str:
    """How many of 100, never a flat 100 for less than all nor 0 for more than none."""
    n = of_hundred(fraction)
    return count(99 if n == 100 and fraction < 1 else 1 if n == 0 and fraction > 0 else n)


def metric_value(name: str, value: float) -> str:
    """A metric as shown big: chances and shares as percentages, the loss as a number with two decimals."""
    return f"{value:.2f}" if name == "loss" else pct(value)


def metric_line(name: str, value: float, names: tuple[str, ...], binary: bool) -> str:
    """The plain line under a metric ("Of 100 pictures that really are 8, it finds 99")."""
    n, positive, other = hundred(value), plain(names[-1]), plain(names[0])
    if name == "accuracy":
        return _("Of 100 test pictures, it answers {n} right.").format(n=n)
    if name == "loss":
        return _("0 would mean always right and sure; smaller is better.")
    if not binary:
        lines = {
            "precision": _("Of 100 times it names a digit, {n} are right (the average over the ten digits)."),
            "recall": _("Of 100 real pictures of a digit, it finds {n} (the average over the ten digits)."),
            "f1": _("{n} of 100: high only when both lines to the left are high."),
        }
        return lines[name].format(n=n)
    lines = {
        "precision": _("Of 100 times it says {positive}, it is right {n} times."),
        "recall": _("Of 100 pictures that really are {positive}, it finds {n}."),
        "f1": _("{n} of 100: high only when both lines to the left are high."),
        "roc_auc": _(
            "Shown one real {other} and one real {positive}, it gives the {positive} the higher chance {n} times in 100."
        ),
    }
    return lines[name].format(n=n, positive=positive, other=other)


def confusion_summary(matrix: np.ndarray, names: tuple[str, ...]) -> str:
    """One sentence: how many right of how many, and the most common mistake."""
    total, right = int(matrix.sum()), int(np.trace(matrix))
    sentence = _("Of {total} test pictures it answers {right} right.").format(total=count(total), right=count(right))
    wrong = matrix - np.diag(np.diag(matrix))
    if wrong.max() > 0:
        t, p = np.unravel_index(int(np.argmax(wrong)), wrong.shape)
        sentence += " " + _("Its most common mistake: {n} pictures that really are {true} called {said}.").format(
            n=count(int(wrong[t, p])), true=plain(names[t]), said=plain(names[p])
        )
    return sentence


def confusion_table(matrix: np.ndarray, names: tuple[str, ...]) -> pd.DataFrame:
    """The matrix as a table: a row per real class, a column per answer."""
    columns = [_("said {name}").format(name=name) for name in names]
    rows = [_("really {name}").format(name=name) for name in names]
    return pd.DataFrame(matrix.astype(int), index=rows, columns=columns)


def roc_summary(ev: evaluation.Evaluation, threshold: float) -> str:
    """Where the threshold sits on the trade-off curve, in one sentence."""
    false_alarms, found = ev.roc_point(threshold)
    first, second = (plain(name) for name in ev.class_names)
    return _(
        "The curve shows every threshold. At {threshold} it finds {found} of the real {second} "
        "and calls {alarms} of the real {first} {second}."
    ).format(threshold=pct(threshold), found=pct(found), second=second, alarms=pct(false_alarms), first=first)


def roc_table(ev: evaluation.Evaluation) -> pd.DataFrame:
    """The curve at thresholds 10 %, 20 % … 90 %."""
    first, second = ev.class_names
    rows = [(pct(t), *(pct(v) for v in reversed(ev.roc_point(t)))) for t in np.round(np.arange(0.1, 1.0, 0.1), 1)]
    return pd.DataFrame(
        rows,
        columns=[
            _("threshold"),
            _("real {second} found").format(second=second),
            _("real {first} called {second}").format(first=first, second=second),
        ],
    )


def histogram_summary(ev: evaluation.Evaluation, threshold: float) -> str:
    """How many pictures of each class fall on the wrong side of the threshold."""
    scores, (first, second) = ev.outputs[:, 0], ev.class_names
    low = int(np.sum((ev.labels == 1) & (scores < threshold)))
    high = int(np.sum((ev.labels == 0) & (scores >= threshold)))
    return _(
        "Each bar counts test pictures that got about that chance. Left of the line the model says {first}, right of "
        "it {second}: {high} real {first} sit right of it and {low} real {second} left of it."
    ).format(first=plain(first), second=plain(second), high=count(high), low=count(low))


def histogram_table(ev: evaluation.Evaluation) -> pd.DataFrame:
    """The bars that hold pictures: class, chance from–to, pictures."""
    bars = histogram_bars(ev)
    return pd.DataFrame(
        {
            _("really"): bars["true class"],
            _("chance from"): [pct(v) for v in bars["from"]],
            _("chance up to"): [pct(v) for v in bars["to"]],
            _("pictures"): bars["images"],
        }
    )


def calibration_summary(ev: evaluation.Evaluation) -> str:
    """How far the honest-chances dots stray from the line, in one sentence."""
    bins = calibration.calibration_bins(ev)
    off = np.abs(bins.fraction - bins.mean_predicted)[bins.enough]
    worst = float(off.max()) if len(off) else 0.0
    return _(
        "On the dashed line the chances are honest: of the pictures given 80%, 80% really are {positive}. "
        "Its groups with enough pictures are at most {worst} off the line."
    ).format(positive=plain(ev.class_names[1]), worst=pct(worst))


def calibration_table(ev: evaluation.Evaluation) -> pd.DataFrame:
    """Each group of chances: the mean chance, the share that really are the second class, and its pictures."""
    bins, positive = calibration.calibration_bins(ev), ev.class_names[1]
    return pd.DataFrame(
        {
            _("chance the model gave"): [pct(v) for v in bins.mean_predicted],
            _("share that really are {positive}").format(positive=positive): [pct(v) for v in bins.fraction],
            _("pictures"): bins.count,
        }
    )
