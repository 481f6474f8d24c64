import numpy as np
import pytest

from core.data import test_sets
from core.inspection import inside
from core.modeling import models
from core.storage import registry


@pytest.fixture(scope="module")
def cnn():
    return registry.load("mnist-7-vs-8").model


@pytest.fixture(scope="module")
def digit():
    rng = np.random.default_rng(0)
    image = np.zeros((28, 28, 1), np.uint8)
    image[6:22, 12:16] = 255
    image[6:9, 8:20] = rng.integers(100, 255, (3, 12, 1))
    return image


def test_feature_maps_after_every_conv_and_pooling_layer_and_pooling_halves(cnn, digit):
    maps = inside.feature_maps(cnn, digit)
    assert [m.kind for m in maps] == ["Conv2D", "MaxPooling2D", "Conv2D", "MaxPooling2D"]
    assert [m.maps.shape for m in maps] == [(26, 26, 32), (13, 13, 32), (11, 11, 64), (5, 5, 64)]
    for before, after in zip(maps[::2], maps[1::2], strict=True):
        assert after.maps.shape[0] == before.maps.shape[0] // 2
    assert all(np.isfinite(m.maps).all() for m in maps)


def test_feature_model_is_built_once_per_model(cnn):
    assert inside.feature_map_model(cnn) is inside.feature_map_model(cnn)


def test_feature_maps_match_a_direct_computation(cnn, digit):
    import keras

    first = inside.feature_maps(cnn, digit)[0].maps
    conv = inside.feature_layers(cnn)[0]
    direct = np.asarray(conv(keras.ops.convert_to_tensor(digit[None].astype("float32") / 255)))[0]
    np.testing.assert_allclose(first, direct, atol=1e-5)


def test_first_filters_are_images_in_0_1(cnn):
    filters = inside.first_filters(cnn)
    assert filters.shape == (32, 3, 3)
    assert filters.min() >= 0 and filters.max() <= 1


def test_dense_only_model_has_no_feature_maps(digit):
    dense = models.build_model(models.preset("dense"))
    assert not inside.has_convolutions(dense)
    with pytest.raises(ValueError, match="no convolution"):
        inside.feature_maps(dense, digit)
    with pytest.raises(ValueError, match="no convolution"):
        inside.first_filters(dense)
    assert inside.saliency(dense, digit).shape == (2, 28, 28)


def test_saliency_has_one_finite_map_per_class(cnn, digit):
    maps = inside.saliency(cnn, digit)
    assert maps.shape == (2, 28, 28)
    assert np.isfinite(maps).all()
    assert maps.min() >= 0 and maps.max() <= 1
    assert maps.max() > 0
    ten = models.build_model(models.preset("tiny-cnn", num_classes=10))
    assert inside.saliency(ten, digit).shape == (10, 28, 28)


def test_wrong_image_size_is_refused(cnn):
    with pytest.raises(ValueError, match="takes"):
        inside.saliency(cnn, np.zeros((32, 32, 1), np.uint8))


def test_blend_endpoints_equal_the_two_images(digit):
    other = np.flipud(digit)
    blended = inside.blend(digit, other, [0.0, 0.5, 1.0])
    np.testing.assert_array_equal(blended[0], digit)
    np.testing.assert_array_equal(blended[-1], other)
    expected_middle = np.rint((digit.astype(float) + other) / 2)
    assert np.abs(blended[1].astype(float) - expected_middle).max() <= 1
    with pytest.raises(ValueError, match="same size"):
        inside.blend(digit, np.zeros((14, 14, 1), np.uint8), [0.5])


def test_crossing_is_interpolated():
    weights = np.array([0.0, 0.5, 1.0])
    assert inside.crossing(weights, np.array([0.2, 0.4, 0.8])) == pytest.approx(0.5 + 0.5 * 0.1 / 0.4)
    assert inside.crossing(weights, np.array([0.1, 0.2, 0.3])) is None


def test_morph_from_a_7_to_an_8_crosses_one_half(cnn):

    x, y = test_sets.mnist_test_set()
    seven = x[np.flatnonzero(y == 7)[0]][..., None]
    eight = x[np.flatnonzero(y == 8)[0]][..., None]
    result = inside.morph(cnn, seven, eight, steps=21)
    assert result.probabilities.shape == (21, 2)
    assert result.probabilities[0, 1] < 0.5 < result.probabilities[-1, 1]
    assert result.crossing is not None and 0 < result.crossing < 1
