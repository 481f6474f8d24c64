import numpy as np
import pytest

from core.data import shapes


def test_shapes_are_deterministic_half_circles_half_squares():
    first, labels = shapes.make_shapes(40, seed=3)
    second, _ = shapes.make_shapes(40, seed=3)
    assert np.array_equal(first, second) and labels.sum() == 20
    assert not np.array_equal(first, shapes.make_shapes(40, seed=4)[0])
    circle = first[labels == 1][0].astype(float)
    square = first[labels == 0][0].astype(float)

    # A filled square fills its bounding box; a circle only about π/4 of it.
    def fill(image):
        rows, cols = np.nonzero(image > 127)
        return (image > 127).sum() / ((np.ptp(rows) + 1) * (np.ptp(cols) + 1))

    assert fill(square) > 0.9 and 0.6 < fill(circle) < 0.88


@pytest.mark.parametrize("kwargs", [{"count": 1}, {"count": 10, "image_size": 4}, {"count": 10, "radius_range": (0.3, 0.9)}])
def test_impossible_shapes_are_refused(kwargs):
    with pytest.raises(ValueError):
        shapes.make_shapes(**kwargs)
