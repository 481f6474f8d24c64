"""The classroom's bad-input table: files a student might hand in, and what each must give.

Readable oddities (16-bit, CMYK, palette, animation, transparency) must be predicted correctly;
everything else must give one clear sentence, never a traceback.
"""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
from PIL import Image

from tests.helpers.files import encode


def _claimed_size_png(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge size: a decompression bomb's calling card."""
    data = bytearray(encode(Image.new("L", (8, 8)), "PNG"))
    header = b"IHDR" + struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(header))
    return bytes(data)


def _animated_gif(first: np.ndarray, second: np.ndarray) -> bytes:
    frames = [Image.fromarray(255 - f).convert("P") for f in (first, second)]
    return encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=200)


def bad_input_cases(seven: np.ndarray, eight: np.ndarray) -> dict[str, tuple[bytes, str]]:
    """name → (file bytes, expected: a label, or the start of an error sentence).

    Args:
        seven: A 28×28 MNIST seven (uint8, light on dark).
        eight: A 28×28 MNIST eight.

    """
    big = Image.fromarray(seven).resize((140, 140), Image.Resampling.BICUBIC)
    rgba = np.zeros((140, 140, 4), np.uint8)
    rgba[..., 3] = np.asarray(big)  # ink only in the alpha channel
    cmyk = io.BytesIO()
    Image.fromarray(255 - np.asarray(big)).convert("CMYK").save(cmyk, "JPEG", quality=90)
    sixteen = (np.asarray(big).astype(np.uint16) * 257).astype(np.uint16)
    photo_png = encode(big, "PNG")
    return {
        "text-renamed.png": (b"this is a shopping list, not a picture", "This is not a picture format"),
        "truncated.png": (photo_png[: len(photo_png) // 2], "The picture is damaged"),
        "empty.png": (b"", "The file is empty"),
        "bomb.png": (_claimed_size_png(24_000, 24_000), "The picture is 24,000×24,000 pixels"),
        "drawing.svg": (b'<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0L9 9"/></svg>', "SVG drawings are not supported"),
        "one-pixel.png": (encode(Image.new("L", (1, 1), 255), "PNG"), "The image is blank"),
        "sixteen-bit.png": (encode(Image.fromarray(sixteen), "PNG"), "7"),
        "cmyk.jpg": (cmyk.getvalue(), "7"),
        "palette.png": (encode(big.convert("P"), "PNG"), "7"),
        "animated.gif": (_animated_gif(seven, eight), "7"),
        "transparent.png": (encode(Image.fromarray(rgba, "RGBA"), "PNG"), "7"),
        "plain-eight.png": (encode(Image.fromarray(eight).resize((140, 140), Image.Resampling.BICUBIC), "PNG"), "8"),
    }
