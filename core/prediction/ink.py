"""Clean ink: any grayscale picture as light strokes on a black background, or a blank refused.

Polarity comes from the border, the background level (uneven light included) from a grey-level
opening wider than a stroke, the noise floor from the border's spread; then specks are dropped.
Used by :mod:`core.prediction.preprocess` for digits, drawn shapes and photos alike.
"""

from __future__ import annotations

import numpy as np
from PIL import Image
from scipy import ndimage

from core.i18n import N_, _

_MIN_CONTRAST = 0.1  # ink must stand out from the paper by a tenth of the full range
_BLANK = N_("The image is blank: draw a digit first.")
_MIN_PART_AREA = 0.0005  # ink parts smaller than this share of the picture are specks


class BlankImageError(ValueError):
    """The image holds no ink: nothing to classify."""


def clean_crop(gray: np.ndarray) -> np.ndarray:
    """On a clean digital background (a canvas), only the part holding ink plus a margin; else the whole picture.

    Everything after this works on fewer pixels, which is most of the Draw page's speed.
    """
    edge = _ring(gray, 1)
    if float(edge.max() - edge.min()) > 2 / 255:  # paper, shadows, noise: keep it all
        return gray
    # Row and column extremes instead of a full-size difference image: 4 reductions, no copies.
    background = edge[0]

    def differs(highest: np.ndarray, lowest: np.ndarray) -> np.ndarray:
        return np.flatnonzero((highest - background > 0.05) | (background - lowest > 0.05))

    rows = differs(gray.max(axis=1), gray.min(axis=1))
    cols = differs(gray.max(axis=0), gray.min(axis=0))
    if rows.size == 0:
        return gray
    margin = max(4, round(0.04 * max(gray.shape)))
    return gray[max(0, rows[0] - margin) : rows[-1] + margin + 1, max(0, cols[0] - margin) : cols[-1] + margin + 1]


def shrink(gray: np.ndarray, longest: int) -> np.ndarray:
    """The picture with its longer side at most ``longest`` pixels, box-filtered (smaller ones unchanged)."""
    height, width = gray.shape
    scale = longest / max(height, width)
    if scale >= 1:
        return gray
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return np.asarray(Image.fromarray(gray, "F").resize(size, Image.Resampling.BOX))


def ink_on_black(gray: np.ndarray, from_alpha: bool = False, strokes: bool = True) -> np.ndarray:
    """Turns a grayscale picture into clean light ink on a black background.

    Polarity is decided from the border (mostly paper, seldom ink). For strokes (digits) the
    background level, uneven lighting included, is estimated with a grey-level opening wider
    than a stroke; filled shapes can be wider than any such window, so for them the border's
    level is the background. Noise below a few standard deviations is then dropped along with
    tiny specks.

    Args:
        gray: Float grayscale in [0, 1].
        from_alpha: The values are a transparency mask (already ink on nothing).
        strokes: The ink is thin strokes (digits) rather than filled shapes.

    Raises:
        BlankImageError: If no ink stands out from the background.

    """
    ring = max(1, min(gray.shape) // 20)
    border = _ring(gray, ring)
    level = float(np.median(border))
    if not from_alpha and level > 0.5:
        gray, level, border = 1.0 - gray, 1.0 - level, 1.0 - border
    clean = float(border.max() - border.min()) <= 2 / 255  # a digital drawing: no paper, no light, no noise
    if strokes and not clean:
        # Opening removes anything narrower than the window (the strokes) and keeps slow
        # changes (shadows, uneven paper). Done small for speed, then smoothed up.
        small = shrink(gray, 64)
        window = max(3, round(max(small.shape) / 3))
        background_small = ndimage.uniform_filter(ndimage.grey_opening(small, size=window), size=window)
        background = np.asarray(
            Image.fromarray(background_small.astype(np.float32), "F").resize(gray.shape[::-1], Image.Resampling.BILINEAR)
        )
    else:  # filled shapes, or a clean digital background (a canvas): the border's level is the background
        background = np.float32(level)
    residual = np.maximum(gray - background, 0)
    if clean:
        floor, peak = 0.04, float(residual.max())
    else:
        # Noise level from the border, which is mostly background whatever the ink covers.
        sample = _ring(residual, ring)
        spread = 1.4826 * float(np.median(np.abs(sample - np.median(sample))))
        floor = max(0.04, 4 * spread)
        strong = residual[residual > floor]
        if strong.size == 0:
            raise BlankImageError(_(_BLANK))
        peak = float(np.percentile(strong, 99.5))
    if peak - floor < _MIN_CONTRAST:  # only noise stands out: blank paper or an empty canvas
        raise BlankImageError(_(_BLANK))
    ink = np.clip((residual - floor) / (peak - floor), 0, 1)
    return _drop_specks(ink, one_part_is_clean=clean)


def _ring(image: np.ndarray, width: int) -> np.ndarray:
    """The pixels within ``width`` of the image's edge, flattened."""
    return np.concatenate([image[:width].ravel(), image[-width:].ravel(), image[:, :width].ravel(), image[:, -width:].ravel()])


def _drop_specks(ink: np.ndarray, one_part_is_clean: bool = False) -> np.ndarray:
    """Removes isolated dots (dust, JPEG blocks, sensor noise) that would stretch the bounding box.

    A part is kept if it holds at least 3% of the ink and is not a speck: at least
    :data:`_MIN_PART_AREA` of the picture (a few pixels), so a blank noisy photo stays blank.
    With ``one_part_is_clean`` (a clean digital drawing) a single part is returned as it is.

    Raises:
        BlankImageError: If no part is left.

    """
    labels, count = ndimage.label(ink > 0.25, structure=np.ones((3, 3)))
    if count == 0:
        raise BlankImageError(_(_BLANK))
    if count == 1 and one_part_is_clean and np.count_nonzero(labels) >= 4:
        return ink
    masses = np.bincount(labels.ravel(), weights=ink.ravel(), minlength=count + 1)
    areas = np.bincount(labels.ravel(), minlength=count + 1)
    masses[0] = 0
    keep = (masses >= 0.03 * masses.sum()) & (areas >= max(4.0, _MIN_PART_AREA * ink.size))
    if not keep.any():  # scattered noise, no stroke stands out
        raise BlankImageError(_(_BLANK))
    kept = ndimage.maximum_filter(keep[labels].astype(np.uint8), size=5)  # a 2-pixel margin keeps soft edges
    return ink * kept
