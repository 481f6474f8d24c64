import numpy as np
import pytest

from core.data import splits


def test_channels_last_adds_one_axis_only_when_missing():
    assert splits.channels_last(np.zeros((5, 28, 28))).shape == (5, 28, 28, 1)
    assert splits.channels_last(np.zeros((5, 8, 8, 3))).shape == (5, 8, 8, 3)


def test_validation_split_is_stratified_and_seeded():
    x, y = np.arange(100), np.array([0] * 80 + [1] * 20)
    x_train, y_train, x_val, y_val = splits.split_validation(x, y, 0.25, seed=0)
    assert len(x_val) == 25 and np.bincount(y_val).tolist() == [20, 5] and np.bincount(y_train).tolist() == [60, 15]
    assert sorted(np.concatenate([x_train, x_val]).tolist()) == list(range(100))
    again = splits.split_validation(x, y, 0.25, seed=0)
    assert np.array_equal(again[2], x_val)
    assert splits.split_validation(x, y, 0, seed=0)[2].size == 0
    with pytest.raises(ValueError, match="fraction between 0 and 1"):
        splits.split_validation(x, y, 1.5, seed=0)


def test_balancing_keeps_as_many_of_each_class_as_the_smallest_has():
    x, y = np.arange(30), np.array([0] * 25 + [1] * 5)
    kept_x, kept_y = splits.balance_classes(x, y, seed=0)
    assert np.bincount(kept_y).tolist() == [5, 5] and kept_x[kept_y == 1].tolist() == [25, 26, 27, 28, 29]
    assert np.all(np.diff(kept_x) > 0)  # original order
