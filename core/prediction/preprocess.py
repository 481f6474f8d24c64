"""Bring any picture of a digit into MNIST's form: light ink on black, 20×20 box, centred.

MNIST digits were scaled to fit a 20×20 box (aspect kept, anti-aliased) and placed in a
28×28 field with their intensity centre of mass in the middle. A canvas drawing or a phone
photo must go through the same steps, or a good model guesses badly. Every prediction in
the lab goes through :func:`prepare`, the one entry point.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PIL import Image
from scipy import ndimage

from core.prediction.image_io import open_image, to_gray

_WORKING_SIDE = 160  # pictures are shrunk to this first: a digit covering a sixth of it still spans the 20-pixel box
_MNIST_BOX = 20
_CLEAN_SIDE = 96  # a clean drawing cropped to its ink needs no more than ~5× the 20-pixel box
_MNIST_SIDE = 28
_MIN_CONTRAST = 0.1  # ink must stand out from the paper by a tenth of the full range
_BLANK = "The image is blank: draw a digit first."
_MIN_PART_AREA = 0.0005  # ink parts smaller than this share of the picture are specks


class BlankImageError(ValueError):
    """The image holds no ink: nothing to classify."""


@dataclass
class Prepared:
    """A model-ready input plus the steps that made it, for showing students.

    Attributes:
        input: uint8 array H×W×C, exactly what the model receives.
        steps: Ordered name → 2-D float image (0 = black, 1 = white).

    """

    input: np.ndarray
    steps: dict[str, np.ndarray] = field(default_factory=dict)


def _gray_of(source: Any) -> tuple[np.ndarray, bool]:
    """:func:`to_gray` of :func:`open_image`, with a shortcut for uint8 RGBA arrays (the canvas) that skips PIL."""
    if isinstance(source, np.ndarray) and source.dtype == np.uint8 and source.ndim == 3 and source.shape[2] == 4 and source.size:
        alpha = source[..., 3]
        if alpha.min() < 250:  # real transparency: the strokes are the opaque part
            return np.multiply(alpha, np.float32(1 / 255), dtype=np.float32), True
        luma = np.asarray(Image.fromarray(np.ascontiguousarray(source), "RGBA").convert("L"))  # PIL's C code: 4× numpy's speed
        return np.multiply(luma, np.float32(1 / 255), dtype=np.float32), False
    return to_gray(open_image(source))


def _clean_crop(gray: np.ndarray) -> np.ndarray:
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


def _shrink(gray: np.ndarray, longest: int) -> np.ndarray:
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
        small = _shrink(gray, 64)
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
            raise BlankImageError(_BLANK)
        peak = float(np.percentile(strong, 99.5))
    if peak - floor < _MIN_CONTRAST:  # only noise stands out: blank paper or an empty canvas
        raise BlankImageError(_BLANK)
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
        raise BlankImageError(_BLANK)
    if count == 1 and one_part_is_clean and np.count_nonzero(labels) >= 4:
        return ink
    masses = np.bincount(labels.ravel(), weights=ink.ravel(), minlength=count + 1)
    areas = np.bincount(labels.ravel(), minlength=count + 1)
    masses[0] = 0
    keep = (masses >= 0.03 * masses.sum()) & (areas >= max(4.0, _MIN_PART_AREA * ink.size))
    if not keep.any():  # scattered noise, no stroke stands out
        raise BlankImageError(_BLANK)
    kept = ndimage.maximum_filter(keep[labels].astype(np.uint8), size=5)  # a 2-pixel margin keeps soft edges
    return ink * kept


def to_mnist_input(source: Any) -> Prepared:
    """The MNIST-faithful path: ink on black, cropped, longer side 20, centred by mass in 28×28.

    Args:
        source: Anything :func:`open_image` accepts.

    Returns:
        :class:`Prepared` with a 28×28×1 uint8 input and the steps ``original``,
        ``ink on black``, ``cropped``, ``20-pixel box`` and ``centred 28×28``.

    Raises:
        ImageReadError: If the input cannot be read.
        BlankImageError: If there is no ink.

    """
    gray, from_alpha = _gray_of(source)
    steps = {"original": gray}
    cropped_early = _clean_crop(gray)
    side = _WORKING_SIDE if cropped_early is gray else _CLEAN_SIDE
    ink = ink_on_black(_shrink(cropped_early, side), from_alpha)
    steps["ink on black"] = ink
    rows, cols = np.nonzero(ink > 0.05)
    cropped = ink[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]
    steps["cropped"] = cropped
    height, width = cropped.shape
    scale = _MNIST_BOX / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    # LANCZOS filters over the whole footprint when shrinking: anti-aliased, never skipping pixels.
    boxed = np.clip(np.asarray(Image.fromarray(cropped.astype(np.float32), "F").resize(size, Image.Resampling.LANCZOS)), 0, 1)
    steps["20-pixel box"] = boxed
    field_ = np.zeros((_MNIST_SIDE, _MNIST_SIDE), np.float32)
    top, left = (_MNIST_SIDE - size[1]) // 2, (_MNIST_SIDE - size[0]) // 2
    field_[top : top + size[1], left : left + size[0]] = boxed
    centre_y, centre_x = ndimage.center_of_mass(field_)
    # Whole-pixel shift keeps strokes sharp; the limits keep the digit inside the field.
    dy = int(np.clip(round((_MNIST_SIDE - 1) / 2 - centre_y), -top, _MNIST_SIDE - top - size[1]))
    dx = int(np.clip(round((_MNIST_SIDE - 1) / 2 - centre_x), -left, _MNIST_SIDE - left - size[0]))
    centred = ndimage.shift(field_, (dy, dx), order=0, mode="constant")
    steps["centred 28×28"] = centred
    peak = centred.max()
    pixels = np.round(centred / peak * 255).astype(np.uint8)
    return Prepared(pixels[..., None], steps)


def to_resized_input(source: Any, input_shape: tuple[int, int, int], ink: bool = True) -> Prepared:
    """The whole picture resized to the model's input (shapes and your own folders).

    Args:
        source: Anything :func:`open_image` accepts.
        input_shape: The model's height, width and channels.
        ink: Make it light-on-black and fill closed outlines first, as for drawn shapes; False
            keeps photos as they are.

    Raises:
        ImageReadError: If the input cannot be read.
        BlankImageError: If ``ink`` is set and there is no ink.

    """
    height, width, channels = input_shape
    image = open_image(source)
    if channels == 3 and not ink:
        rgb = image.convert("RGB").resize((width, height), Image.Resampling.LANCZOS)
        pixels = np.asarray(rgb, dtype=np.uint8)
        return Prepared(
            pixels, {"original": np.asarray(image.convert("L"), np.float32) / 255, "resized": pixels.mean(axis=2) / 255}
        )
    gray, from_alpha = to_gray(image)
    steps = {"original": gray}
    if ink:
        gray = ink_on_black(_shrink(gray, _WORKING_SIDE), from_alpha, strokes=False)
        steps["ink on black"] = gray
        # The shapes were learned filled: a drawn outline is filled in the same way.
        gray = np.maximum(gray, ndimage.binary_fill_holes(gray > 0.5).astype(np.float32))
        steps["filled"] = gray
    resized = np.clip(
        np.asarray(Image.fromarray(gray.astype(np.float32), "F").resize((width, height), Image.Resampling.LANCZOS)), 0, 1
    )
    steps["resized"] = resized
    pixels = np.round(resized * 255).astype(np.uint8)[..., None]
    return Prepared(np.repeat(pixels, channels, axis=2) if channels > 1 else pixels, steps)


def prepare(source: Any, input_shape: tuple[int, int, int] = (28, 28, 1), style: str = "mnist") -> Prepared:
    """The one way every image reaches a model.

    Args:
        source: Path, bytes, file-like object, numpy array or PIL image.
        input_shape: The model's input height, width and channels.
        style: ``mnist`` (digits), ``ink`` (drawn shapes) or ``photo`` (your own folders).

    Raises:
        ImageReadError: If the input cannot be read.
        BlankImageError: If a drawing holds no ink.
        ValueError: For an unknown style.

    """
    if style == "mnist":
        if tuple(input_shape) != (28, 28, 1):
            raise ValueError(f"MNIST-style input is 28×28×1, not {input_shape}.")
        return to_mnist_input(source)
    if style in ("ink", "photo"):
        return to_resized_input(source, tuple(input_shape), ink=style == "ink")  # type: ignore[arg-type]
    raise ValueError(f"Unknown preprocessing style {style!r}.")


def for_display(image: np.ndarray, side: int = 112) -> np.ndarray:
    """A step or model input as uint8 with longer side ``side``, enlarged without blur so pixels stay visible.

    Args:
        image: 2-D float in [0, 1], or uint8 H×W×C (C = 1 or 3).
        side: Longer side of the result in pixels.

    """
    array = np.asarray(image)
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[..., 0]
    if array.dtype != np.uint8:
        array = np.round(np.clip(array, 0, 1) * 255).astype(np.uint8)
    height, width = array.shape[:2]
    scale = side / max(height, width, 1)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    resample = Image.Resampling.NEAREST if scale >= 1 else Image.Resampling.BOX
    return np.asarray(Image.fromarray(array).resize(size, resample))
