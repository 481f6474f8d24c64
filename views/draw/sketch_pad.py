"""The Draw page's drawing pad: a canvas for a mouse, a finger or a pen, with Undo, Redo and Clear only.

A Streamlit custom component (``st.components.v2``) with its script in ``sketch_pad.js``. It
replaces streamlit-drawable-canvas, whose toolbar offers editing tools a student drawing a digit
does not need (Edit, Bring forward, Send backward, Send) and cannot hide them one by one, shows
its toolbar only on mouse hover (never on a tablet), and waits 200 ms after each stroke before
sending it. The pad sends after every stroke, undo, redo or clear: how many strokes it holds and
the picture.

Given a browser model (:mod:`views.draw.pad_offer`), the pad also answers by itself while the pen
moves (``browser/pad_model.js``: core's preprocessing and the forward pass in TensorFlow.js), at
most once per animation frame, under the canvas; the server still gets every finished drawing.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import streamlit as st
from PIL import Image

MODES = ("freedraw", "circle", "rect")
_CSS = """
.sp-root { display: flex; flex-direction: column; gap: 0.4rem; width: fit-content; }
.sp-canvas { touch-action: none; overscroll-behavior: contain; cursor: crosshair; display: block;
  outline: 1px solid var(--st-border-color, lightgrey); }
.sp-bar { display: flex; gap: 0.4rem; }
.sp-button { display: inline-flex; align-items: center; gap: 0.3rem; padding: 0.25rem 0.6rem; cursor: pointer;
  font: inherit; font-size: 0.9rem; color: var(--st-text-color, #31333f); background: var(--st-background-color, #fff);
  border: 1px solid var(--st-border-color, #d6d6d9); border-radius: var(--st-base-radius, 0.5rem); }
.sp-button:hover:not(:disabled) { border-color: var(--st-primary-color, #ff4b4b); color: var(--st-primary-color, #ff4b4b); }
.sp-button:disabled { cursor: not-allowed; opacity: 0.45; }
.sp-button svg { width: 1rem; height: 1rem; fill: none; stroke: currentColor; stroke-width: 2;
  stroke-linecap: round; stroke-linejoin: round; }
.sp-live { display: flex; flex-direction: column; gap: 0.2rem; color: var(--st-text-color, #31333f); }
.sp-live[hidden] { display: none; }
.sp-live-head { font-weight: 600; font-size: 1.05rem; }
.sp-live[data-sure="not sure"] .sp-live-head { color: #b26b00; }
.sp-track { fill: #e6e9ef; }
.sp-band { fill: #f5c26b; opacity: 0.6; }
.sp-marker { fill: var(--st-primary-color, #ff4b4b); }
.sp-bar-value { fill: #3d5a80; }
.sp-text { font: 11px sans-serif; fill: currentColor; }
"""
_PAD = st.components.v2.component(
    "sigmoid_lab.sketch_pad",
    html='<div class="sp-root"></div>',
    css=_CSS,
    # The pad's script after the browser model's functions (browser/pad_model.js defines globalThis.sigmoidLabPadModel).
    js="\n".join((Path(__file__).parent / name).read_text() for name in ("browser/pad_model.js", "sketch_pad.js")),
)


@dataclass(frozen=True)
class Sketch:
    """What the pad holds.

    Attributes:
        image: The picture as RGBA pixels, or ``None`` while the pad is empty.
        strokes: How many strokes (or shapes) it holds: one less after Undo, 0 after Clear.
        held: What the pad holds to answer by itself: ``{"seq", "runtime", "models"}`` (``None`` before a drawing).

    """

    image: np.ndarray | None
    strokes: int
    held: dict | None = None


def decode(data_url: str | None) -> np.ndarray | None:
    """The pixels of a ``data:image/png;base64,...`` URL, or ``None`` for none."""
    if not data_url:
        return None
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(data_url.split(",", 1)[1]))))


def sketch_pad(
    *,
    key: str,
    stroke_width: int = 24,
    mode: str = "freedraw",
    side: int = 280,
    stroke_color: str = "white",
    fill_color: str = "white",
    background_color: str = "black",
    model: dict | None = None,
) -> Sketch:
    """Shows the pad and returns what is drawn on it.

    Args:
        key: The widget key; a new key is a new, empty pad.
        stroke_width: Pen width in pixels.
        mode: ``freedraw``, ``circle`` (drag from the centre) or ``rect`` (drag corner to corner); shapes are filled.
        side: Width and height in pixels.
        stroke_color: Ink colour (CSS).
        fill_color: Fill of circles and squares (CSS).
        background_color: Paper colour (CSS); it is part of the picture.
        model: The browser model to answer with while drawing (:func:`views.draw.pad_offer.offer`), or ``None``.

    Raises:
        ValueError: For an unknown mode.

    """
    if mode not in MODES:
        raise ValueError(f"The drawing tool must be one of {', '.join(MODES)}, not {mode!r}.")
    data = {
        "width": side,
        "height": side,
        "strokeWidth": stroke_width,
        "mode": mode,
        "strokeColor": stroke_color,
        "fillColor": fill_color,
        "background": background_color,
        "model": model,
    }
    result = _PAD(key=key, data=data, default={"drawing": None}, on_drawing_change=lambda: None, width="content")
    drawing = result.get("drawing") or {}
    return Sketch(decode(drawing.get("image")), int(drawing.get("strokes") or 0), drawing.get("held"))


def held(key: str) -> dict | None:
    """What the pad under ``key`` said it holds in its last drawing (see :attr:`Sketch.held`), before it is shown again."""
    state = st.session_state.get(key)
    drawing = state.get("drawing") if hasattr(state, "get") else None
    return drawing.get("held") if isinstance(drawing, dict) else None
