"""Reading pictures safely: any file, bytes, array or PIL image becomes grayscale floats.

Size limits are checked from the header before any pixel is decoded, so a decompression bomb
or an oversized upload is refused with a sentence instead of eating the server's memory.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO, TypeAlias

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from core import i18n
from core.i18n import _

ImageSource: TypeAlias = "str | Path | bytes | bytearray | BinaryIO | np.ndarray | Image.Image"
"""Anything a picture can arrive as: a path, its bytes, an open file or upload, an array or a PIL image."""
UPLOAD_TYPES = ("png", "jpg", "jpeg", "bmp", "gif", "webp", "tiff", "tif")  # what the pages accept
MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # checked from the header, before decoding: no decompression bombs
HIGH_DEPTH_MODES = ("I", "I;16", "I;16B", "I;16L", "I;16N", "F")  # PIL modes beyond 8 bits per pixel
_OPAQUE = 250  # alpha at or above this everywhere means "no real transparency" (0-255 scale)


class ImageReadError(ValueError):
    """The input is not an image we can read (wrong format, damaged, empty or too large)."""


def open_image(source: ImageSource) -> Image.Image:
    """Opens a path, bytes, file-like object, numpy array or PIL image as a PIL image.

    EXIF orientation is applied and only the first frame of an animation is kept.

    Raises:
        ImageReadError: For unreadable, empty, oversized or unsupported input.

    """
    if isinstance(source, Image.Image):
        image = source
    elif isinstance(source, np.ndarray):
        return _from_array(source)
    else:
        data = _read_bytes(source)
        if not data:
            raise ImageReadError(_("The file is empty."))
        if data.lstrip()[:5] in (b"<?xml", b"<svg ") or b"<svg" in data[:512]:
            raise ImageReadError(_("SVG drawings are not supported; export the picture as PNG or JPEG."))
        try:
            image = Image.open(io.BytesIO(data))
        except UnidentifiedImageError:
            raise ImageReadError(_("This is not a picture format we can read (try PNG or JPEG).")) from None
        except Image.DecompressionBombError:  # far beyond our own limit: PIL refuses before we can look
            raise ImageReadError(_too_big(_claimed_size(data))) from None
        except Exception as error:  # PIL raises many kinds for damaged headers
            raise ImageReadError(_("The picture could not be read: {error}.").format(error=error)) from None
    if image.width * image.height > MAX_IMAGE_PIXELS:
        raise ImageReadError(_too_big(image.size))
    try:
        image.seek(0)
        image.load()
        return ImageOps.exif_transpose(image)
    except Exception as error:  # truncated or corrupt pixel data
        raise ImageReadError(_("The picture is damaged and could not be decoded ({error}).").format(error=error)) from None


def _too_big(size: tuple[int, int] | None) -> str:
    limit = _("pictures up to {megapixels} megapixels are accepted.").format(megapixels=MAX_IMAGE_PIXELS // 1_000_000)
    if size is None:
        return _("The picture is too large: {limit}").format(limit=limit)
    return _("The picture is {width}×{height} pixels; {limit}").format(
        width=i18n.number(size[0]), height=i18n.number(size[1]), limit=limit
    )


def _claimed_size(data: bytes) -> tuple[int, int] | None:
    """The width and height a file's header claims, read without decoding (and without PIL's bomb check)."""
    Image.init()
    for format_id in Image.ID:
        factory, accept = Image.OPEN[format_id]
        if accept is not None and not accept(data[:16]):
            continue
        try:
            return factory(io.BytesIO(data), "").size
        except Exception:  # not this format: try the next
            continue
    return None


def _read_bytes(source: ImageSource) -> bytes:
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
    elif isinstance(source, str | Path):
        path = Path(source)
        if not path.is_file():
            raise ImageReadError(_("{path} does not exist or is not a file.").format(path=path))
        if path.stat().st_size > MAX_IMAGE_BYTES:
            raise ImageReadError(_("{name} is larger than {mb} MB.").format(name=path.name, mb=MAX_IMAGE_BYTES // 2**20))
        data = path.read_bytes()
    elif hasattr(source, "read"):
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read(MAX_IMAGE_BYTES + 1)
    else:
        raise ImageReadError(_("Cannot read an image from a {kind}.").format(kind=type(source).__name__))
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageReadError(_("The file is larger than {mb} MB.").format(mb=MAX_IMAGE_BYTES // 2**20))
    return data


def _from_array(array: np.ndarray) -> Image.Image:
    array = np.asarray(array)
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[..., 0]
    if array.ndim not in (2, 3) or (array.ndim == 3 and array.shape[2] not in (3, 4)) or min(array.shape[:2]) < 1:
        raise ImageReadError(_("An image array must be H×W, H×W×3 or H×W×4; got shape {shape}.").format(shape=array.shape))
    if array.dtype == np.uint16 and array.ndim == 2:
        return Image.fromarray(array.astype(np.int32), "I")
    if array.dtype != np.uint8:
        if np.issubdtype(array.dtype, np.floating) and array.size and np.nanmax(array) <= 1.0:
            array = array * 255
        array = np.clip(np.nan_to_num(array), 0, 255).astype(np.uint8)
    return Image.fromarray(array)


def to_gray(image: Image.Image) -> tuple[np.ndarray, bool]:
    """Float grayscale in [0, 1], and whether the ink came from the alpha channel.

    16-bit images are scaled (not clipped); palette, CMYK and other modes are converted.
    With real transparency (a canvas with a transparent background) the alpha channel is
    the ink, whatever colour the strokes have.
    """
    if image.mode in HIGH_DEPTH_MODES:
        values = np.asarray(image, dtype=np.float32)
        top = 65535.0 if image.mode.startswith("I;16") or values.max() > 255 else 255.0
        if image.mode == "F" and values.max() <= 1.0:
            top = 1.0
        return np.clip(values / top, 0, 1), False
    if image.mode in ("P", "PA", "1", "CMYK", "YCbCr", "LAB", "HSV", "La"):
        image = image.convert("RGBA" if "transparency" in image.info or image.mode in ("PA", "La") else "RGB")
    if image.mode in ("RGBA", "LA"):
        alpha = np.asarray(image.getchannel("A"))
        if alpha_is_ink(alpha):  # real transparency: the strokes are the opaque part
            return alpha.astype(np.float32) / 255, True
        image = image.convert("L")
    if image.mode != "L":
        image = image.convert("L")
    return np.asarray(image, dtype=np.float32) / 255, False


def alpha_is_ink(alpha: np.ndarray) -> bool:
    """True if an alpha channel has real transparency, so the opaque part is the ink whatever its colour.

    Args:
        alpha: uint8 alpha values (0 = transparent, 255 = opaque).

    Returns:
        True if any pixel is noticeably transparent (a canvas with a transparent background).

    """
    return bool(alpha.size) and int(alpha.min()) < _OPAQUE


def read_gray(source: ImageSource) -> tuple[np.ndarray, bool]:
    """:func:`to_gray` of :func:`open_image`, with a fast path for uint8 RGBA arrays (the canvas) that skips most of PIL.

    Args:
        source: Anything :func:`open_image` accepts.

    Returns:
        ``(gray in [0, 1], whether the ink came from the alpha channel)``.

    Raises:
        ImageReadError: For unreadable, empty, oversized or unsupported input.

    """
    if isinstance(source, np.ndarray) and source.dtype == np.uint8 and source.ndim == 3 and source.shape[2] == 4 and source.size:
        alpha = source[..., 3]
        if alpha_is_ink(alpha):
            return np.multiply(alpha, np.float32(1 / 255), dtype=np.float32), True
        luma = np.asarray(Image.fromarray(np.ascontiguousarray(source), "RGBA").convert("L"))  # PIL's C code: 4× numpy's speed
        return np.multiply(luma, np.float32(1 / 255), dtype=np.float32), False
    return to_gray(open_image(source))
