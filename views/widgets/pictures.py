"""Pictures on any page: a grid with a caption under each picture, and a picture as a data URL for chart tooltips."""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import streamlit as st
from PIL import Image


def image_grid(images: list[Any], captions: list[str], columns: int = 5) -> None:
    """Shows images in rows of ``columns`` with a caption under each."""
    for start in range(0, len(images), columns):
        cells = st.columns(columns)
        for cell, image, caption in zip(cells, images[start : start + columns], captions[start : start + columns], strict=False):
            cell.image(image, caption=caption, alt=alt_text(caption), width="stretch", clamp=True)


def enlarged(image: np.ndarray, scale: int) -> np.ndarray:
    """A small picture made ``scale`` times bigger by repeating pixels (nearest neighbour: sharp, never blurred)."""
    picture = np.asarray(image)
    if picture.ndim == 3 and picture.shape[-1] == 1:
        picture = picture[..., 0]
    return picture.repeat(scale, axis=0).repeat(scale, axis=1)


def picture_grid(images: Sequence[np.ndarray | str], captions: Sequence[str], size: int = 112) -> None:
    """Pictures side by side, ``size`` px wide each, a caption under each; they wrap to the next row on a narrow screen.

    One element for all of them (fewer messages to the browser than a column each). Small pixel pictures are
    enlarged by whole pixels first, so the browser never blurs them. Each caption is also the picture's alt text.

    Args:
        images: Pixel arrays (gray ``H×W`` or ``H×W×C``) or data URLs.
        captions: One per picture: what it shows, in words.
        size: Each picture's width on the page, in px.

    """
    if not len(images):
        return
    shown = [image if isinstance(image, str) else enlarged(image, max(1, size // max(np.shape(image)[1], 1))) for image in images]
    st.image(shown, caption=list(captions), alt=[alt_text(c) for c in captions], width=size, clamp=True)


def alt_text(caption: str) -> str:
    """A caption as a picture's text alternative: what a screen reader says (Markdown escapes and emphasis dropped)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", str(caption)).replace("**", "")


def data_url(image: np.ndarray) -> str:
    """A small PNG of a model input, for a tooltip."""
    buffer = io.BytesIO()
    Image.fromarray(image[..., 0] if image.shape[-1] == 1 else image).save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
