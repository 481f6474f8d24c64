"""Circles and squares drawn on the fly: a dataset small enough to train in seconds."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

CLASS_NAMES = ("square", "circle")  # label 1 = circle, so the sigmoid is P(circle)
_SUPERSAMPLE = 4  # draw 4× larger, then shrink: smooth anti-aliased edges


def make_shapes(
    count: int,
    image_size: int = 28,
    radius_range: tuple[float, float] = (0.2, 0.45),
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Draws white filled circles and squares on black, half of each, at random places.

    Args:
        count: How many images.
        image_size: Side of each square image in pixels.
        radius_range: Smallest and largest radius (half the square's side) as a fraction
            of the image size.
        seed: Same seed, same images.

    Returns:
        ``(images, labels)``: ``count × image_size × image_size`` uint8 and labels
        (1 = circle, 0 = square).

    Raises:
        ValueError: For a count below 2, an image smaller than 8 pixels or a radius range
            outside (0, 0.5].

    """
    low, high = radius_range
    if count < 2:
        raise ValueError("Ask for at least 2 shapes: one circle and one square.")
    if image_size < 8:
        raise ValueError("Shapes need images of at least 8×8 pixels.")
    if not 0 < low <= high <= 0.5:
        raise ValueError("The radius range must satisfy 0 < smallest ≤ largest ≤ 0.5 of the image size.")
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.arange(count) % 2).astype(np.uint8)
    big = image_size * _SUPERSAMPLE
    images = np.empty((count, image_size, image_size), np.uint8)
    for i, label in enumerate(labels):
        radius = rng.uniform(low, high) * big
        cx, cy = rng.uniform(radius, big - radius, size=2)
        canvas = Image.new("L", (big, big), 0)
        draw = ImageDraw.Draw(canvas)
        box = (cx - radius, cy - radius, cx + radius, cy + radius)
        if label == 1:
            draw.ellipse(box, fill=255)
        else:
            draw.rectangle(box, fill=255)
        images[i] = np.asarray(canvas.resize((image_size, image_size), Image.Resampling.BOX))
    return images, labels
