import numpy as np
import pytest

from core.inspection import morph


def test_blend_endpoints_equal_the_two_images(digit_images):
    first, second = digit_images[7][..., None], digit_images[8][..., None]
    blended = morph.blend(first, second, [0.0, 0.5, 1.0])
    np.testing.assert_array_equal(blended[0], first)
    np.testing.assert_array_equal(blended[-1], second)
    expected_middle = np.rint((first.astype(float) + second) / 2)
    assert np.abs(blended[1].astype(float) - expected_middle).max() <= 1
    with pytest.raises(ValueError, match="same size"):
        morph.blend(first, np.zeros((14, 14, 1), np.uint8), [0.5])
    with pytest.raises(ValueError, match="from 0"):
        morph.blend(first, second, [1.5])


def test_crossing_is_interpolated():
    weights = np.array([0.0, 0.5, 1.0])
    assert morph.crossing(weights, np.array([0.2, 0.4, 0.8])) == pytest.approx(0.5 + 0.5 * 0.1 / 0.4)
    assert morph.crossing(weights, np.array([0.5, 0.4, 0.8])) == 0.0
    assert morph.crossing(weights, np.array([0.1, 0.2, 0.3])) is None


def test_class_probabilities_of_a_sigmoid_add_up_to_one(seven_vs_eight, digit_images):
    images = np.stack([digit_images[7], digit_images[8]])[..., None]
    probabilities = morph.class_probabilities(seven_vs_eight.model, images)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1, rtol=1e-6)
    assert probabilities[0].argmax() == 0 and probabilities[1].argmax() == 1  # the 7 is a 7, the 8 an 8


def test_morph_from_a_7_to_an_8_crosses_one_half(seven_vs_eight, digit_images):
    result = morph.morph(seven_vs_eight.model, digit_images[7][..., None], digit_images[8][..., None], steps=21)
    assert result.probabilities.shape == (21, 2) and result.weights[0] == 0 and result.weights[-1] == 1
    assert result.probabilities[0, 1] < 0.5 < result.probabilities[-1, 1]
    assert result.crossing is not None and 0 < result.crossing < 1
    with pytest.raises(ValueError, match="at least two steps"):
        morph.morph(seven_vs_eight.model, digit_images[7][..., None], digit_images[8][..., None], steps=1)
