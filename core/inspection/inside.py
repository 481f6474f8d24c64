"""What a network does to one image: filters, feature maps, saliency and a morph between two images."""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass
from typing import Any

import numpy as np

FEATURE_KINDS = ("Conv2D", "MaxPooling2D", "AveragePooling2D")
_FEATURE_MODELS: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()
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


def _as_batch(model: Any, image: np.ndarray) -> np.ndarray:
    """One image as a float32 batch of one, checked against the model's input."""
    image = np.asarray(image)
    if image.ndim == 2:
        image = image[..., None]
    expected = tuple(int(v) for v in model.input_shape[1:])
    if image.shape != expected:
        raise ValueError(f"The model takes {expected} images; this one is {image.shape}.")
    return image[None].astype(np.float32)


def feature_layers(model: Any) -> list[Any]:
    """The convolution and pooling layers, in order."""
    return [layer for layer in model.layers if type(layer).__name__ in FEATURE_KINDS]


def has_convolutions(model: Any) -> bool:
    """True if the model has at least one convolution layer."""
    return any(type(layer).__name__ == "Conv2D" for layer in model.layers)


def feature_map_model(model: Any) -> Any:
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


def feature_maps(model: Any, image: np.ndarray) -> list[FeatureMap]:
    """Every convolution and pooling layer's output for one image.

    Args:
        model: A Keras model taking raw 0–255 pixels.
        image: One H×W×C (or H×W) uint8 input, already prepared.

    Returns:
        One :class:`FeatureMap` per layer, in order.

    Raises:
        ValueError: For a dense-only model or an image of the wrong size.

    """
    batch = _as_batch(model, image)
    outputs = feature_map_model(model)(batch, training=False)
    if not isinstance(outputs, list | tuple):
        outputs = [outputs]
    return [
        FeatureMap(layer.name, type(layer).__name__, np.asarray(output)[0])
        for layer, output in zip(feature_layers(model), outputs, strict=True)
    ]


def first_filters(model: Any) -> np.ndarray:
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


def class_probabilities(model: Any, images: np.ndarray) -> np.ndarray:
    """Per-class probabilities (N×K, K ≥ 2) of ready inputs, calling the model directly."""
    outputs = np.asarray(model(np.asarray(images, np.float32), training=False))
    return np.hstack([1 - outputs, outputs]) if outputs.shape[1] == 1 else outputs


def saliency(model: Any, image: np.ndarray) -> np.ndarray:
    """Which pixels push the output toward each class: the positive part of the gradient.

    For a sigmoid model the gradient of P(class 1) with respect to the input pixels pushes
    toward class 1 where it is positive and toward class 0 where it is negative.

    Args:
        model: A Keras model taking raw 0–255 pixels.
        image: One H×W×C (or H×W) uint8 input.

    Returns:
        K×H×W array (K = number of classes), each map scaled to 0–1 by its own maximum.

    Raises:
        ValueError: For an image of the wrong size.

    """
    import tensorflow as tf

    batch = tf.convert_to_tensor(_as_batch(model, image))
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(batch)
        outputs = model(batch, training=False)
        scores = [outputs[0, 0]] if outputs.shape[1] == 1 else [outputs[0, k] for k in range(outputs.shape[1])]
    gradients = [np.asarray(tape.gradient(score, batch))[0].sum(axis=-1) for score in scores]
    del tape
    if len(gradients) == 1:
        gradients = [-gradients[0], gradients[0]]
    maps = np.stack([np.maximum(g, 0) for g in gradients])
    peaks = maps.reshape(len(maps), -1).max(axis=1)
    return maps / np.where(peaks > 0, peaks, 1)[:, None, None]


def blend(first: np.ndarray, second: np.ndarray, weights: np.ndarray | list[float]) -> np.ndarray:
    """Images fading from ``first`` (weight 0) to ``second`` (weight 1).

    Args:
        first: H×W×C uint8 image.
        second: An image of the same shape.
        weights: Blend weights between 0 and 1.

    Returns:
        N×H×W×C uint8 images, ``(1 − w)·first + w·second`` rounded.

    Raises:
        ValueError: If the images differ in shape or a weight is outside 0–1.

    """
    first, second = np.asarray(first, np.float32), np.asarray(second, np.float32)
    if first.shape != second.shape:
        raise ValueError(f"Both images must be the same size to blend them ({first.shape} vs {second.shape}).")
    w = np.asarray(weights, np.float32).reshape(-1, *([1] * first.ndim))
    if np.any((w < 0) | (w > 1)):
        raise ValueError("Blend weights go from 0 (the first image) to 1 (the second).")
    return np.clip(np.rint((1 - w) * first + w * second), 0, 255).astype(np.uint8)


@dataclass(frozen=True)
class Morph:
    """The model's output along a blend of two images.

    Attributes:
        weights: Blend weights from 0 to 1.
        probabilities: N×K per-class probabilities along the blend.
        crossing: The weight where P(class 1) crosses 0.5 (linear between samples), or None.

    """

    weights: np.ndarray
    probabilities: np.ndarray
    crossing: float | None


def crossing(weights: np.ndarray, values: np.ndarray, level: float = 0.5) -> float | None:
    """The first weight where ``values`` crosses ``level``, interpolated linearly; None if it never does."""
    values = np.asarray(values, float) - level
    for i in range(len(values) - 1):
        a, b = values[i], values[i + 1]
        if a == 0:
            return float(weights[i])
        if a * b < 0:
            return float(weights[i] + (weights[i + 1] - weights[i]) * a / (a - b))
    return float(weights[-1]) if len(values) and values[-1] == 0 else None


def morph(model: Any, first: np.ndarray, second: np.ndarray, steps: int = 41) -> Morph:
    """Predicts every step of a blend from ``first`` to ``second`` in one batch.

    Raises:
        ValueError: If the images differ in shape or do not fit the model, or steps < 2.

    """
    if steps < 2:
        raise ValueError("A morph needs at least two steps.")
    _as_batch(model, first)
    weights = np.linspace(0.0, 1.0, steps)
    probabilities = class_probabilities(model, blend(first, second, weights))
    return Morph(weights, probabilities, crossing(weights, probabilities[:, 1]) if probabilities.shape[1] == 2 else None)


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
