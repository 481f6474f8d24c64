"""Pictures on any page: a grid with a caption under each picture, and a picture as a data URL for chart tooltips."""

from __future__ import annotations

import base64
import io
from typing import Any

import numpy as np
import streamlit as st
from PIL import Image


def image_grid(images: list[Any], captions: list[str], columns: int = 5) -> None:
    """Shows images in rows of ``columns`` with a caption under each."""
    for start in range(0, len(images), columns):
        cells = st.columns(columns)
        for cell, image, caption in zip(cells, images[start : start + columns], captions[start : start + columns], strict=False):
            cell.image(image, caption=caption, width="stretch", clamp=True)


def data_url(image: np.ndarray) -> str:
    """A small PNG of a model input, for a tooltip."""
    buffer = io.BytesIO()
    Image.fromarray(image[..., 0] if image.shape[-1] == 1 else image).save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
