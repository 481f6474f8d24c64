"""Inside a convolutional network: its first layer's filters and every feature map for one image.

:func:`mosaic` tiles many small maps into one picture for the page to show.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import keras

FEATURE_KINDS = ("Conv2D", "MaxPooling2D", "AveragePooling2D")
_FEATURE_MODELS: weakref.WeakKeyDictionary[keras.Model, keras.Model] = weakref.WeakKeyDictionary()
_FEATURE_LOCK = threading.Lock()  # Streamlit sessions run in threads


@dataclass(frozen=True)
class FeatureMap:
    """The output of one convolution or pooling layer for one image.

    Attributes:
        layer: The layer's name.
        kind: ``Conv2D``, ``MaxPooling2D`` ...
        maps: H×W×C float array, one channel per filter.

    """

    layer: str
    kind: str
    maps: np.ndarray


def as_batch(model: keras.Model, image: np.ndarray) -> np.ndarray:
    """One image as a float32 batch of one, checked against the model's input.

    Raises:
        ValueError: If the image does not have the model's input shape.

    """
    image = np.asarray(image)
    if image.ndim == 2:
        image = image[..., None]
    expected = tuple(int(v) for v in model.input_shape[1:])
    if image.shape != expected:
        raise ValueError(f"The model takes {expected} images; this one is {image.shape}.")
    return image[None].astype(np.float32)


def feature_layers(model: keras.Model) -> list[keras.Layer]:
    """The convolution and pooling layers, in order."""
    return [layer for layer in model.layers if type(layer).__name__ in FEATURE_KINDS]


def has_convolutions(model: keras.Model) -> bool:
    """True if the model has at least one convolution layer."""
    return any(type(layer).__name__ == "Conv2D" for layer in model.layers)


def feature_map_model(model: keras.Model) -> keras.Model:
    """A model returning the output of every convolution and pooling layer, built once per model.

    Raises:
        ValueError: For a dense-only model (no convolution or pooling layer).

    """
    with _FEATURE_LOCK:
        if model in _FEATURE_MODELS:
            return _FEATURE_MODELS[model]
        import keras

        layers = feature_layers(model)
        if not layers:
            raise ValueError("This model has no convolution or pooling layers, so it makes no feature maps.")
        inputs = model.inputs[0] if len(model.inputs) == 1 else model.inputs
        # An explicit name: automatic ones come from a counter that threads can share.
        extractor = keras.Model(inputs=inputs, outputs=[layer.output for layer in layers], name=f"{model.name}_feature_maps")
        _FEATURE_MODELS[model] = extractor
        return extractor


def feature_maps(model: keras.Model, image: np.ndarray) -> list[FeatureMap]:
    """Every convolution and pooling layer's output for one image.

    Args:
        model: A Keras model taking raw 0–255 pixels.
        image: One H×W×C (or H×W) uint8 input, already prepared.

    Returns:
        One :class:`FeatureMap` per layer, in order.

    Raises:
        ValueError: For a dense-only model or an image of the wrong size.

    """
    batch = as_batch(model, image)
    outputs = feature_map_model(model)(batch, training=False)
    if not isinstance(outputs, list | tuple):
        outputs = [outputs]
    return [
        FeatureMap(layer.name, type(layer).__name__, np.asarray(output)[0])
        for layer, output in zip(feature_layers(model), outputs, strict=True)
    ]


def first_filters(model: keras.Model) -> np.ndarray:
    """The first convolution's kernels as small images scaled to 0–1 (grey = 0 weight).

    Returns:
        F×k×k array (averaged over input channels), one image per filter.

    Raises:
        ValueError: For a model without convolution layers.

    """
    conv = next((layer for layer in model.layers if type(layer).__name__ == "Conv2D"), None)
    if conv is None:
        raise ValueError("This model has no convolution layers, so it has no filters to show.")
    kernels = np.asarray(conv.get_weights()[0]).mean(axis=2)  # k×k×F
    scale = float(np.abs(kernels).max()) or 1.0
    return np.moveaxis(0.5 + 0.5 * kernels / scale, -1, 0)


def mosaic(images: np.ndarray, columns: int = 8, scale: int = 3, gap: int = 1) -> np.ndarray:
    """Tiles small 2-D maps into one grey image, each scaled 0–1 by its own range and enlarged.

    Args:
        images: N×H×W maps (or H×W×N feature maps: pass ``np.moveaxis(maps, -1, 0)``).
        columns: Maps per row.
        scale: Each pixel becomes a scale×scale block (no blurring), so sizes stay comparable.
        gap: White pixels between tiles.

    Returns:
        A uint8 2-D image.

    """
    images = np.asarray(images, np.float32)
    low = images.min(axis=(1, 2), keepdims=True)
    span = images.max(axis=(1, 2), keepdims=True) - low
    images = np.where(span > 0, (images - low) / np.where(span > 0, span, 1), 0.0)
    images = images.repeat(scale, axis=1).repeat(scale, axis=2)
    count, height, width = images.shape
    columns = max(1, min(columns, count))
    rows = -(-count // columns)
    canvas = np.ones((rows * (height + gap) - gap, columns * (width + gap) - gap), np.float32)
    for i, tile in enumerate(images):
        r, c = divmod(i, columns)
        canvas[r * (height + gap) : r * (height + gap) + height, c * (width + gap) : c * (width + gap) + width] = tile
    return (canvas * 255).round().astype(np.uint8)
