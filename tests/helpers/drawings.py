"""Digits drawn as a student would on the 280×280 canvas: white strokes on black."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

CANVAS = 280


def seven(size: int = CANVAS, width: int = 18) -> np.ndarray:
    """A white 7 on black: a top bar and a slanted leg, uint8 size×size."""
    image = Image.new("L", (size, size), 0)
    s = size / 280
    ImageDraw.Draw(image).line(
        [(80 * s, 60 * s), (200 * s, 60 * s), (120 * s, 230 * s)], fill=255, width=round(width * s), joint="curve"
    )
    return np.asarray(image)


def eight(size: int = CANVAS, width: int = 18) -> np.ndarray:
    """A white 8 on black: two stacked rings."""
    image = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(image)
    s = size / 280
    draw.ellipse([105 * s, 45 * s, 175 * s, 135 * s], outline=255, width=round(width * s))
    draw.ellipse([95 * s, 130 * s, 185 * s, 235 * s], outline=255, width=round(width * s))
    return np.asarray(image)


def rgba(ink: np.ndarray) -> np.ndarray:
    """What the canvas returns for ``ink``: white strokes on an opaque black background, RGBA."""
    image = np.zeros((*ink.shape, 4), np.uint8)
    image[..., :3] = ink[..., None]
    image[..., 3] = 255
    return image
