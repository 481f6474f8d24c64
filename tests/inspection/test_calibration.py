"""Calibration bins with their counts: by hand, against scikit-learn, and with the shipped 7-vs-8 model."""

import numpy as np
import pytest
from sklearn.calibration import calibration_curve

from core.inspection import calibration, evaluation
from core.inspection.evaluation import Evaluation


def outputs(p: list[float], labels: list[int]) -> Evaluation:
    return Evaluation(np.array(p, np.float32)[:, None], np.array(labels), ("7", "8"), np.zeros((len(p), 28, 28, 1), np.uint8))


def test_each_bin_has_its_count_and_thin_bins_are_flagged_by_hand():
    ev = outputs([0.05, 0.02, 0.08, 0.35, 0.65, 0.95, 0.97], [0, 0, 0, 0, 1, 1, 1])
    bins = calibration.calibration_bins(ev, bins=10, min_count=3)
    assert bins.lower.tolist() == pytest.approx([0.0, 0.3, 0.6, 0.9])  # empty bins are left out
    assert bins.count.tolist() == [3, 1, 1, 2]
    assert bins.fraction.tolist() == [0, 0, 1, 1]
    assert bins.enough.tolist() == [True, False, False, False]
    assert bins.mean_predicted[0] == pytest.approx(0.05)


def test_the_shares_are_scikit_learns_and_the_counts_add_up(seven_vs_eight, t10k):
    x, y = t10k
    ev = evaluation.evaluate(seven_vs_eight, x, y)
    bins = calibration.calibration_bins(ev)
    fraction, mean_predicted = calibration_curve(ev.labels, ev.outputs[:, 0], n_bins=10)
    np.testing.assert_allclose(bins.fraction, fraction, rtol=1e-6)
    np.testing.assert_allclose(bins.mean_predicted, mean_predicted, rtol=1e-5)
    assert bins.count.sum() == len(ev)
    # a 99% model puts nearly every image in the two end bins: the middle ones hold a handful each
    assert bins.enough[0] and bins.enough[-1] and not bins.enough[1:-1].all()


def test_ten_classes_are_refused():
    ten = Evaluation(np.eye(10, dtype=np.float32)[[1, 2]], np.array([1, 2]), tuple("0123456789"), np.zeros((2, 28, 28, 1)))
    with pytest.raises(ValueError, match="one answer from 0 to 1"):
        calibration.calibration_bins(ten)
