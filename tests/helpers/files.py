"""Pictures and archives as a student hands them in: encoded images and zips, as bytes."""

from __future__ import annotations

import io
import zipfile

import numpy as np
from PIL import Image


def encode(image: Image.Image, fmt: str, **options) -> bytes:
    """A PIL image saved in a format (``PNG``, ``JPEG``, ``GIF`` ...), as bytes."""
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def png(array: np.ndarray) -> bytes:
    """A uint8 array as PNG bytes."""
    return encode(Image.fromarray(array), "PNG")


def flat_png(value: int, side: int = 12) -> bytes:
    """A side×side PNG of one grey level."""
    return png(np.full((side, side), value, np.uint8))


def make_zip(entries: dict[str, bytes]) -> bytes:
    """A zip archive holding ``name → bytes``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, payload in entries.items():
            archive.writestr(name, payload)
    return buffer.getvalue()
