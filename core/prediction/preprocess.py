"""Bring any picture of a digit into MNIST's form: light ink on black, 20×20 box, centred.

MNIST digits were scaled to fit a 20×20 box (aspect kept, anti-aliased) and placed in a
28×28 field with their intensity centre of mass in the middle. A canvas drawing or a phone
photo must go through the same steps, or a good model guesses badly. Every prediction in
the lab goes through :func:`prepare`, the one entry point.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PIL import Image
from scipy import ndimage

from core.i18n import N_, _
from core.prediction.image_io import ImageSource, open_image, read_gray, to_gray
from core.prediction.ink import BlankImageError, clean_crop, ink_on_black, shrink

__all__ = ["BlankImageError", "Prepared", "for_display", "prepare", "to_mnist_input", "to_resized_input"]

_WORKING_SIDE = 160  # pictures are shrunk to this first: a digit covering a sixth of it still spans the 20-pixel box
_MNIST_BOX = 20
_CLEAN_SIDE = 96  # a clean drawing cropped to its ink needs no more than ~5× the 20-pixel box
_MNIST_SIDE = 28


@dataclass
class Prepared:
    """A model-ready input plus the steps that made it, for showing students.

    Attributes:
        input: uint8 array H×W×C, exactly what the model receives.
        steps: Ordered name → 2-D float image (0 = black, 1 = white).

    """

    input: np.ndarray
    steps: dict[str, np.ndarray] = field(default_factory=dict)


def to_mnist_input(source: ImageSource) -> Prepared:
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
    gray, from_alpha = read_gray(source)
    steps = {N_("original"): gray}
    cropped_early = clean_crop(gray)
    side = _WORKING_SIDE if cropped_early is gray else _CLEAN_SIDE
    ink = ink_on_black(shrink(cropped_early, side), from_alpha)
    steps[N_("ink on black")] = ink
    rows, cols = np.nonzero(ink > 0.05)
    cropped = ink[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]
    steps[N_("cropped")] = cropped
    height, width = cropped.shape
    scale = _MNIST_BOX / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    # LANCZOS filters over the whole footprint when shrinking: anti-aliased, never skipping pixels.
    boxed = np.clip(np.asarray(Image.fromarray(cropped.astype(np.float32), "F").resize(size, Image.Resampling.LANCZOS)), 0, 1)
    steps[N_("20-pixel box")] = boxed
    field_ = np.zeros((_MNIST_SIDE, _MNIST_SIDE), np.float32)
    top, left = (_MNIST_SIDE - size[1]) // 2, (_MNIST_SIDE - size[0]) // 2
    field_[top : top + size[1], left : left + size[0]] = boxed
    centre_y, centre_x = ndimage.center_of_mass(field_)
    # Whole-pixel shift keeps strokes sharp; the limits keep the digit inside the field.
    dy = int(np.clip(round((_MNIST_SIDE - 1) / 2 - centre_y), -top, _MNIST_SIDE - top - size[1]))
    dx = int(np.clip(round((_MNIST_SIDE - 1) / 2 - centre_x), -left, _MNIST_SIDE - left - size[0]))
    centred = ndimage.shift(field_, (dy, dx), order=0, mode="constant")
    steps[N_("centred 28×28")] = centred
    peak = centred.max()
    pixels = np.round(centred / peak * 255).astype(np.uint8)
    return Prepared(pixels[..., None], steps)


def to_resized_input(source: ImageSource, input_shape: tuple[int, int, int], ink: bool = True) -> Prepared:
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
            pixels, {N_("original"): np.asarray(image.convert("L"), np.float32) / 255, N_("resized"): pixels.mean(axis=2) / 255}
        )
    gray, from_alpha = to_gray(image)
    steps = {N_("original"): gray}
    if ink:
        gray = ink_on_black(shrink(gray, _WORKING_SIDE), from_alpha, strokes=False)
        steps[N_("ink on black")] = gray
        # The shapes were learned filled: a drawn outline is filled in the same way.
        gray = np.maximum(gray, ndimage.binary_fill_holes(gray > 0.5).astype(np.float32))
        steps[N_("filled")] = gray
    resized = np.clip(
        np.asarray(Image.fromarray(gray.astype(np.float32), "F").resize((width, height), Image.Resampling.LANCZOS)), 0, 1
    )
    steps[N_("resized")] = resized
    pixels = np.round(resized * 255).astype(np.uint8)[..., None]
    return Prepared(np.repeat(pixels, channels, axis=2) if channels > 1 else pixels, steps)


def prepare(source: ImageSource, input_shape: tuple[int, int, int] = (28, 28, 1), style: str = "mnist") -> Prepared:
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
            raise ValueError(_("MNIST-style input is 28×28×1, not {shape}.").format(shape=input_shape))
        return to_mnist_input(source)
    if style in ("ink", "photo"):
        return to_resized_input(source, tuple(input_shape), ink=style == "ink")  # type: ignore[arg-type]
    raise ValueError(_("Unknown preprocessing style {style}.").format(style=repr(style)))


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
