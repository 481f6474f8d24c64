"""Calibration with its evidence: per bin of the sigmoid output, the true share of class 1 and how many images say so.

A reliability curve drawn through bins of two or three images zig-zags (1.0 at 0.65, 0 at 0.3)
and means nothing; each bin here carries its count, and bins with fewer than ``min_count`` images
are flagged so the page can grey them out instead of joining them into the curve.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.i18n import _
from core.inspection.evaluation import Evaluation

MIN_COUNT = 20  # fewer images than this in a bin: its share of class 1 is mostly chance


@dataclass(frozen=True)
class CalibrationBins:
    """The non-empty bins of the sigmoid output, lowest first.

    Attributes:
        lower: Each bin's lower edge.
        upper: Each bin's upper edge.
        mean_predicted: The mean sigmoid output of the bin's images.
        fraction: The share of them that really are class 1.
        count: How many images fell in the bin.
        enough: True where ``count`` reaches the minimum for the share to mean something.

    """

    lower: np.ndarray
    upper: np.ndarray
    mean_predicted: np.ndarray
    fraction: np.ndarray
    count: np.ndarray
    enough: np.ndarray


def calibration_bins(evaluation: Evaluation, bins: int = 10, min_count: int = MIN_COUNT) -> CalibrationBins:
    """Equal-width bins of the sigmoid output with the mean output, the true share of class 1 and the count.

    Args:
        evaluation: A two-class (sigmoid) model's test outputs.
        bins: How many equal bins split 0–1.
        min_count: The fewest images a bin needs to count as evidence.

    Raises:
        ValueError: For a ten-class model.

    """
    if not evaluation.binary:
        raise ValueError(_("The honest-chances chart is drawn only for models with one answer from 0 to 1."))
    p = evaluation.outputs[:, 0].astype(float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.searchsorted(edges[1:-1], p)  # the bins of scikit-learn's calibration_curve
    count = np.bincount(which, minlength=bins)
    filled = count > 0
    mean_predicted = np.bincount(which, weights=p, minlength=bins)[filled] / count[filled]
    fraction = np.bincount(which, weights=evaluation.labels == 1, minlength=bins)[filled] / count[filled]
    return CalibrationBins(
        edges[:-1][filled], edges[1:][filled], mean_predicted, fraction, count[filled], count[filled] >= min_count
    )
