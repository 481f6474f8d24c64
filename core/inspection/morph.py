"""Morphing one image into another: the blend, and where the model changes its mind along it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from core.inspection.features import as_batch

if TYPE_CHECKING:
    import keras


def class_probabilities(model: keras.Model, images: np.ndarray) -> np.ndarray:
    """Per-class probabilities (N×K, K ≥ 2) of ready inputs, calling the model directly."""
    outputs = np.asarray(model(np.asarray(images, np.float32), training=False))
    return np.hstack([1 - outputs, outputs]) if outputs.shape[1] == 1 else outputs


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


def morph(model: keras.Model, first: np.ndarray, second: np.ndarray, steps: int = 41) -> Morph:
    """Predicts every step of a blend from ``first`` to ``second`` in one batch.

    Raises:
        ValueError: If the images differ in shape or do not fit the model, or steps < 2.

    """
    if steps < 2:
        raise ValueError("A morph needs at least two steps.")
    as_batch(model, first)
    weights = np.linspace(0.0, 1.0, steps)
    probabilities = class_probabilities(model, blend(first, second, weights))
    return Morph(weights, probabilities, crossing(weights, probabilities[:, 1]) if probabilities.shape[1] == 2 else None)
