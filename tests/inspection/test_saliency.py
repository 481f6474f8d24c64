import numpy as np
import pytest

from core.inspection import saliency
from core.modeling.build import build_model
from core.modeling.config import preset


def test_a_sigmoid_models_two_maps_are_the_two_signs_of_one_gradient(seven_vs_eight, digit_images):
    maps = saliency.saliency(seven_vs_eight.model, digit_images[7][..., None])
    assert maps.shape == (2, 28, 28) and np.isfinite(maps).all()
    assert maps.min() == 0 and maps[0].max() == pytest.approx(1) and maps[1].max() == pytest.approx(1)
    assert not np.any((maps[0] > 0) & (maps[1] > 0))  # a pixel pushes toward one class or the other


def test_brightening_the_pixels_a_map_points_at_moves_the_output_that_way(seven_vs_eight, digit_images):
    seven = digit_images[7][..., None].astype(np.int32)
    maps = saliency.saliency(seven_vs_eight.model, seven.astype(np.uint8))

    def p_eight(image):
        return float(seven_vs_eight.model(np.clip(image, 0, 255)[None].astype(np.float32), training=False)[0, 0])

    before = p_eight(seven)
    for label, direction in ((1, 1), (0, -1)):
        top = np.argsort(np.where(seven[..., 0] < 235, maps[label], 0), axis=None)[-30:]
        brighter = seven.copy()
        brighter.reshape(-1)[top] += 20
        assert np.sign(p_eight(brighter) - before) == direction


def test_ten_classes_give_ten_maps_and_wrong_sizes_are_refused(digit_images):
    ten = build_model(preset("tiny-cnn", num_classes=10))
    assert saliency.saliency(ten, digit_images[3][..., None]).shape == (10, 28, 28)
    with pytest.raises(ValueError, match="takes"):
        saliency.saliency(ten, np.zeros((32, 32, 1), np.uint8))
