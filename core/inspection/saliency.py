"""Saliency: which pixels of one image push a model's output toward each class."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from core.inspection.features import as_batch

if TYPE_CHECKING:
    import keras


def saliency(model: keras.Model, image: np.ndarray) -> np.ndarray:
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

    batch = tf.convert_to_tensor(as_batch(model, image))
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
