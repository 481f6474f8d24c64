"""Shaping image arrays for training: a channel axis, a validation hold-out and balanced classes."""

from __future__ import annotations

import numpy as np
from sklearn.model_selection import train_test_split


def channels_last(x: np.ndarray) -> np.ndarray:
    """N×H×W images as N×H×W×1; images that already have channels unchanged."""
    return x[..., None] if x.ndim == 3 else x


def split_validation(x: np.ndarray, y: np.ndarray, fraction: float, seed: int) -> tuple[np.ndarray, ...]:
    """Holds out a stratified fraction of the images for validation.

    Args:
        x: Images.
        y: Their labels.
        fraction: Share held out; 0 holds out nothing.
        seed: Seed of the random split.

    Returns:
        ``(x_train, y_train, x_val, y_val)``; stratified by label when every class has two images.

    Raises:
        ValueError: For a fraction that is not below 1.

    """
    if fraction <= 0:
        return x, y, x[:0], y[:0]
    if not 0 < fraction < 1:
        raise ValueError("The validation split must be a fraction between 0 and 1, e.g. 0.1 for 10%.")
    counts = np.bincount(y)
    stratify = y if counts[counts > 0].min() >= 2 else None
    x_train, x_val, y_train, y_val = train_test_split(x, y, test_size=fraction, random_state=seed, stratify=stratify)
    return x_train, y_train, x_val, y_val


def balance_classes(x: np.ndarray, y: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Keeps as many images of each class as the smallest class has, chosen at random.

    Args:
        x: Images.
        y: Their labels.
        seed: Seed of the random choice.

    Returns:
        ``(x, y)`` balanced, in their original order.

    """
    rng = np.random.default_rng(seed)
    smallest = np.bincount(y).min()
    keep = np.sort(np.concatenate([rng.choice(np.flatnonzero(y == c), smallest, replace=False) for c in np.unique(y)]))
    return x[keep], y[keep]
