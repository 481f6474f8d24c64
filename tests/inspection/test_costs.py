"""The cost-aware threshold, by hand on six images and with the shipped 7-vs-8 model on the real test set."""

import re

import numpy as np
import pytest

from core.inspection import costs, evaluation
from core.inspection.evaluation import Evaluation


@pytest.fixture(scope="module")
def seven_eight_eval(seven_vs_eight, t10k):
    x, y = t10k
    return evaluation.evaluate(seven_vs_eight, x, y)


def six_images() -> Evaluation:
    # true:   0    0    0    1    1    1
    # p:     0.1  0.4  0.6  0.3  0.7  0.9
    outputs = np.array([[0.1], [0.4], [0.6], [0.3], [0.7], [0.9]], np.float32)
    return Evaluation(outputs, np.array([0, 0, 0, 1, 1, 1]), ("7", "8"), np.zeros((6, 28, 28, 1), np.uint8))


def test_a_costly_miss_lowers_the_threshold_until_no_eight_is_missed_by_hand():
    choice = costs.cheapest_threshold(six_images(), 10)
    # at 0.11–0.30 nothing is missed and two 7s (0.4, 0.6) are false 8s: cost 2/6; at 0.5 one missed 8 and one false 8: 11/6
    assert choice.threshold == pytest.approx(0.30)  # the nearest 0.5 of the cheapest ones
    assert (choice.misses, choice.false_alarms) == (0, 2)
    assert choice.cost == pytest.approx(2 / 6) and choice.cost_at_half == pytest.approx(11 / 6)
    even = costs.cheapest_threshold(six_images(), 1)  # equal costs: just above the 7 at 0.6 saves its false alarm
    assert even.threshold == pytest.approx(0.61) and (even.misses, even.false_alarms) == (1, 0)


def test_with_the_shipped_model_the_threshold_falls_as_a_missed_eight_costs_more(seven_eight_eval):
    ratios = [0.01, 0.1, 1, 10, 100]
    thresholds = [costs.cheapest_threshold(seven_eight_eval, n).threshold for n in ratios]
    assert thresholds == sorted(thresholds, reverse=True)
    assert thresholds[-1] < 0.5 < thresholds[0]


def test_the_choice_is_the_cheapest_threshold_of_all_and_never_dearer_than_half(seven_eight_eval):
    for ratio in (0.2, 5, 50):
        choice = costs.cheapest_threshold(seven_eight_eval, ratio)
        every = costs.expected_costs(seven_eight_eval.labels, seven_eight_eval.outputs[:, 0], costs.THRESHOLDS, ratio)
        assert choice.cost == pytest.approx(every.min()) and choice.cost <= choice.cost_at_half
        matrix = seven_eight_eval.confusion(choice.threshold)
        assert (choice.misses, choice.false_alarms) == (matrix[1, 0], matrix[0, 1])  # the same counts the confusion matrix shows


def test_the_sentence_says_which_way_the_threshold_moved_and_why(seven_eight_eval):
    low = costs.explain(costs.cheapest_threshold(seven_eight_eval, 100), ("7", "8"))
    assert "A missed 8 costs 100 times a false 8" in low and "even when it is less sure" in low
    high = costs.explain(costs.cheapest_threshold(seven_eight_eval, 0.01), ("7", "8"))
    assert "only when it is very sure" in high and "1 / (1 + 0.01) = 99%" in high
    even = costs.explain(costs.cheapest_threshold(seven_eight_eval, 1), ("7", "8"))
    assert even.startswith("A missed 8 costs as much as a false 8: both mistakes cost the same") and "1 / (1 + 1) = 50%" in even
    assert not re.search(r"\d\.\d{3}", low + high + even) and "%** (missed 8:" in low  # percentages, never 0.0042


def test_ten_classes_and_a_free_miss_are_refused():
    ten = Evaluation(np.eye(10, dtype=np.float32)[[1, 2, 3]], np.array([1, 2, 3]), tuple("0123456789"), np.zeros((3, 28, 28, 1)))
    with pytest.raises(ValueError, match="argmax"):
        costs.cheapest_threshold(ten, 2)
    with pytest.raises(ValueError, match="more than nothing"):
        costs.cheapest_threshold(six_images(), 0)
