"""The Draw page's drawing pad: a canvas for a mouse, a finger or a pen, with Undo, Redo and Clear only.

A Streamlit custom component (``st.components.v2``) with its script in ``sketch_pad.js``. It
replaces streamlit-drawable-canvas, whose toolbar offers editing tools a student drawing a digit
does not need (Edit, Bring forward, Send backward, Send) and cannot hide them one by one, shows
its toolbar only on mouse hover (never on a tablet), and waits 200 ms after each stroke before
sending it. The pad sends after every stroke, undo, redo or clear: how many strokes it holds and
the picture.
Each run that shows the pad ends with a marker (:func:`sketch_pad_done`, ``sketch_pad_done.js``) saying
which drawing it read; a change no finished run read within a few seconds is sent again, so a message a
rerun dropped under load comes back, and a run whose end never reached the browser (Streamlit drops the
unsent rest of a fragment run when the next run starts, seen under a class's load: the lost Clear) is
drawn again.

Given a browser model (:mod:`views.draw.pad_offer`), the pad also answers by itself while the pen
moves (``browser/pad_model.js``: core's preprocessing and the forward pass in TensorFlow.js), at
most once per animation frame, under the canvas (``pad_answer.js``, a polite live region); the
server still gets every finished drawing.

Without a pointer, the canvas takes the keyboard's focus: the arrow keys move a cursor over a
14×14 grid, Space puts the pen down and lifts it, Enter lifts it too, and the stroke counts like a
drawn one. Its words come from here, in the session's language (:func:`words`).
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import streamlit as st
from PIL import Image

from core.i18n import _
from views.widgets import palette

MODES = ("freedraw", "circle", "rect")
_CSS = """
.sp-root { display: flex; flex-direction: column; gap: 0.4rem; width: fit-content; }
.sp-paper { position: relative; width: fit-content; }
.sp-canvas { touch-action: none; overscroll-behavior: contain; cursor: crosshair; display: block;
  outline: 1px solid var(--st-border-color, lightgrey); }
.sp-canvas:focus-visible, .sp-button:focus-visible { outline: 3px solid FOCUS; outline-offset: 2px; }
.sp-cursor { display: none; position: absolute; box-sizing: border-box; pointer-events: none;
  border: 2px dashed CURSOR; }
.sp-cursor[data-pen="down"] { border: 3px solid PEN; }
.sp-paper:has(.sp-canvas:focus-visible) .sp-cursor { display: block; }
.sp-bar { display: flex; gap: 0.4rem; }
.sp-button { display: inline-flex; align-items: center; gap: 0.3rem; padding: 0.25rem 0.6rem; cursor: pointer;
  font: inherit; font-size: 0.9rem; color: var(--st-text-color, #31333f); background: var(--st-background-color, #fff);
  border: 1px solid var(--st-border-color, #d6d6d9); border-radius: var(--st-base-radius, 0.5rem); }
.sp-button:hover:not(:disabled) { border-color: FOCUS; color: FOCUS; }
.sp-button:disabled { cursor: not-allowed; opacity: 0.45; }
.sp-button svg { width: 1rem; height: 1rem; fill: none; stroke: currentColor; stroke-width: 2;
  stroke-linecap: round; stroke-linejoin: round; }
.sp-said { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); border: 0; }
.sp-live { display: flex; flex-direction: column; gap: 0.2rem; color: var(--st-text-color, #31333f); }
.sp-live[hidden] { display: none; }
.sp-live-head { font-weight: 600; font-size: 1.05rem; }
.sp-live[data-sure="not sure"] .sp-live-head { color: NOT_SURE; }
.sp-track { fill: TRACK; }
.sp-band { fill: BAND; }
.sp-marker { fill: NOW; stroke: INK; stroke-width: 1.5; }
.sp-bar-value { fill: OTHER; }
.sp-text { font: 11px sans-serif; fill: currentColor; }
"""
for _name in ("FOCUS", "CURSOR", "PEN", "NOT_SURE", "TRACK", "BAND", "NOW", "OTHER", "INK"):  # views.widgets.palette's
    _CSS = _CSS.replace(_name, getattr(palette, _name))
_PAD = st.components.v2.component(
    "sigmoid_lab.sketch_pad",
    html='<div class="sp-root"></div>',
    css=_CSS,
    # The pad's script after the browser model's and the answer's functions (globalThis.sigmoidLabPadModel, ...PadAnswer).
    js="\n".join(
        (Path(__file__).parent / name).read_text() for name in ("browser/pad_model.js", "pad_answer.js", "sketch_pad.js")
    ),
)

_DONE = st.components.v2.component(
    "sigmoid_lab.sketch_pad_done", html="", js=(Path(__file__).parent / "sketch_pad_done.js").read_text()
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
        "words": words(),
        "key": key,
        "run": _next_run(key),  # this run, which its end marker (sketch_pad_done) names
    }
    result = _PAD(key=key, data=data, default={"drawing": None}, on_drawing_change=lambda: None, width="content")
    drawing = result.get("drawing") or {}
    return Sketch(decode(drawing.get("image")), int(drawing.get("strokes") or 0), drawing.get("held"))


def sketch_pad_done(key: str) -> None:
    """Ends a run that showed the pad under ``key``: a marker telling the pad which drawing the run read.

    Call it last in the fragment that shows the pad: it reaches the browser only when all the run drew before it
    did, and a pad that saw its run start but never its marker sends its drawing again (see the module's note).
    """
    data = {"key": key, "run": st.session_state.get(_run_key(key), 0), "ack": (held(key) or {}).get("seq")}
    _DONE(key=f"{key}.done", data=data, width="content", height="content")


def _run_key(key: str) -> str:
    return f"{key}.run"


def _next_run(key: str) -> int:
    """A new number for this run of the pad (a session's runs count up from 1)."""
    run = st.session_state[_run_key(key)] = st.session_state.get(_run_key(key), 0) + 1
    return run


def words() -> dict[str, str]:
    """The pad's own words in the session's language: its toolbar and its name with the keyboard's instructions."""
    return {
        "undo": _("Undo"),
        "redo": _("Redo"),
        "clear": _("Clear"),
        "pad": _(
            "Drawing pad, 28 by 28 pixels once the model sees it. Draw with a mouse, a finger or a pen. "
            "With the keyboard: the arrow keys move a square cursor, Space puts the pen down and lifts it again "
            "(with the pen down the arrow keys draw), Enter lifts it too. The answer is read out when a stroke ends."
        ),
    }


def held(key: str) -> dict | None:
    """What the pad under ``key`` said it holds in its last drawing (see :attr:`Sketch.held`), before it is shown again."""
    state = st.session_state.get(key)
    drawing = state.get("drawing") if hasattr(state, "get") else None
    return drawing.get("held") if isinstance(drawing, dict) else None
