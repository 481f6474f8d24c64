import numpy as np
import pytest

from core.inspection import galleries
from core.inspection.evaluation import Evaluation


@pytest.fixture
def ev() -> Evaluation:
    p = np.array([0.05, 0.45, 0.62, 0.97, 0.2, 0.51, 0.99, 0.8], np.float32)
    labels = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    images = np.arange(8, dtype=np.uint8)[:, None, None, None] * np.ones((8, 28, 28, 1), np.uint8)
    return Evaluation(p[:, None], labels, ("7", "8"), images)


def test_confusion_cell_selects_exactly_that_cell_most_confident_first(ev):
    # "7 predicted as 8": true 0 with p ≥ 0.5 → indices 2 (0.62) and 3 (0.97)
    np.testing.assert_array_equal(galleries.confusion_cell(ev, 0, 1), [3, 2])
    np.testing.assert_array_equal(galleries.confusion_cell(ev, 1, 0), [4])
    # at threshold 0.7 the 0.62 becomes a 7, 0.51 and 0.2 become 7s
    np.testing.assert_array_equal(galleries.confusion_cell(ev, 0, 1, threshold=0.7), [3])
    np.testing.assert_array_equal(galleries.confusion_cell(ev, 1, 0, threshold=0.7), [4, 5])
    assert len(galleries.confusion_cell(ev, 0, 1, limit=1)) == 1
    with pytest.raises(ValueError, match="class"):
        galleries.confusion_cell(ev, 0, 5)


def test_most_uncertain_is_nearest_one_half(ev):
    np.testing.assert_array_equal(galleries.most_uncertain(ev, 3), [5, 1, 2])


def test_most_confident_of_each_class(ev):
    np.testing.assert_array_equal(galleries.most_confident(ev, 1, 2), [6, 3])
    np.testing.assert_array_equal(galleries.most_confident(ev, 0, 2), [0, 4])


def test_tiles_carry_labels_prediction_and_probability(ev):
    tiles = galleries.tiles(ev, [3, 4])
    assert (tiles[0].true_label, tiles[0].predicted_label) == ("7", "8")
    assert tiles[0].probability == pytest.approx(0.97)
    assert not tiles[0].correct
    assert tiles[0].image[0, 0, 0] == 3
    assert tiles[0].caption() == "✗ really 7 · said 8 · chance it is an 8: 97%"


def test_ten_classes_galleries_use_argmax():
    outputs = np.array([[0.5, 0.4] + [0.0125] * 8, [0.1, 0.8] + [0.0125] * 8, [0.9, 0.02] + [0.01] * 8], np.float32)
    ev = Evaluation(outputs, np.array([1, 1, 0]), tuple(str(i) for i in range(10)), np.zeros((3, 28, 28, 1), np.uint8))
    np.testing.assert_array_equal(galleries.confusion_cell(ev, 1, 0), [0])
    assert galleries.most_uncertain(ev, 1)[0] == 0
    np.testing.assert_array_equal(galleries.most_confident(ev, 0, 1), [2])
