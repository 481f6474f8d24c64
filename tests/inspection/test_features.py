import numpy as np
import pytest

from core.inspection import features
from core.modeling.build import build_model
from core.modeling.config import preset


@pytest.fixture(scope="module")
def cnn(seven_vs_eight):
    return seven_vs_eight.model


@pytest.fixture(scope="module")
def digit(digit_images):
    return digit_images[7][..., None]


def test_feature_maps_after_every_conv_and_pooling_layer_and_pooling_halves(cnn, digit):
    maps = features.feature_maps(cnn, digit)
    assert [m.layer for m in maps] == [layer.name for layer in features.feature_layers(cnn)]
    assert [m.kind for m in maps] == ["Conv2D", "MaxPooling2D", "Conv2D", "MaxPooling2D"]
    assert [m.maps.shape for m in maps] == [(26, 26, 32), (13, 13, 32), (11, 11, 64), (5, 5, 64)]
    np.testing.assert_allclose(maps[1].maps, maps[0].maps[:26, :26].reshape(13, 2, 13, 2, 32).max(axis=(1, 3)), rtol=1e-6)


def test_feature_model_is_built_once_per_model(cnn):
    assert features.feature_map_model(cnn) is features.feature_map_model(cnn)


def test_feature_maps_match_a_direct_computation(cnn, digit):
    import keras

    first = features.feature_maps(cnn, digit)[0].maps
    conv = features.feature_layers(cnn)[0]
    direct = np.asarray(conv(keras.ops.convert_to_tensor(digit[None].astype("float32") / 255)))[0]
    np.testing.assert_allclose(first, direct, atol=1e-5)


def test_first_filters_are_the_kernels_scaled_around_grey(cnn):
    filters = features.first_filters(cnn)
    kernels = features.feature_layers(cnn)[0].get_weights()[0][:, :, 0, :]  # 3×3×32, one input channel
    assert filters.shape == (32, 3, 3)
    np.testing.assert_allclose(filters, 0.5 + 0.5 * np.moveaxis(kernels, -1, 0) / np.abs(kernels).max(), rtol=1e-6)


def test_dense_only_model_has_no_feature_maps(digit):
    dense = build_model(preset("dense"))
    assert not features.has_convolutions(dense)
    with pytest.raises(ValueError, match="no convolution"):
        features.feature_maps(dense, digit)
    with pytest.raises(ValueError, match="no convolution"):
        features.first_filters(dense)


def test_wrong_image_size_is_refused(cnn):
    with pytest.raises(ValueError, match=r"The model takes \(28, 28, 1\) images; this one is \(32, 32, 1\)"):
        features.as_batch(cnn, np.zeros((32, 32, 1), np.uint8))
    assert features.as_batch(cnn, np.zeros((28, 28), np.uint8)).shape == (1, 28, 28, 1)


def test_mosaic_tiles_maps_each_scaled_by_its_own_range():
    maps = np.stack([np.arange(4, dtype=float).reshape(2, 2), np.full((2, 2), 7.0), -np.eye(2)])
    tiled = features.mosaic(maps, columns=2, scale=2, gap=1)
    assert tiled.shape == (2 * 4 + 1, 2 * 4 + 1) and tiled.dtype == np.uint8
    assert tiled[0, 0] == 0 and tiled[3, 3] == 255  # first map: 0 … 3 stretched to black … white
    assert (tiled[:4, 5:] == 0).all()  # a flat map is black
    assert (tiled[4, :] == 255).all()  # the white gap between rows
