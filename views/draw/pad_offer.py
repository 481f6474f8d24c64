"""What the drawing pad gets to answer in the browser: the runtime and the active model's weights, each sent once.

The pad (``sketch_pad.js`` with ``browser/pad_model.js``) runs the model itself with TensorFlow.js
(tfjs-core and its WASM backend, shipped in ``browser/`` for offline use), so the answer moves
with the pen. The runtime (~0.8 MB) goes to a session once and the weights (0.1–2 MB) once per
model version; the pad keeps both for the page's life and says in its drawing which ones it
holds, so a lost message is sent again at the next stroke. A model the browser cannot run, or
``SIGMOID_LAB_BROWSER_MODEL=0``, sends nothing: the pad then shows only the server's answer.
"""

from __future__ import annotations

import base64
import functools
import logging
import os
from pathlib import Path
from typing import Any

import streamlit as st

from core.engine.base import ModelRef
from core.engine.model_handle import ModelHandle
from core.prediction import verdict

FOLDER = Path(__file__).with_name("browser")
SCRIPTS = ("tf-core.es2017.min.js", "tf-backend-wasm.es2017.min.js")
WASM = "tfjs-backend-wasm-simd.wasm"
RUNTIME = "runtime"
SENT = "draw_pad_sent"  # the session's set of what the pad was handed ("runtime", model keys)
HEARD = "draw_pad_heard"  # the number of the pad's last drawing whose word on what it holds was taken
_LOG = logging.getLogger(__name__)


def enabled() -> bool:
    """Whether the pad may answer in the browser (``SIGMOID_LAB_BROWSER_MODEL=0`` turns it off)."""
    return os.environ.get("SIGMOID_LAB_BROWSER_MODEL", "1") != "0"


@functools.cache
def runtime() -> dict[str, str]:
    """TensorFlow.js for the pad: both scripts as one text and the SIMD WASM binary as base64 (read once)."""
    return {
        "js": "\n".join((FOLDER / name).read_text() for name in SCRIPTS),
        "wasm": base64.b64encode((FOLDER / WASM).read_bytes()).decode("ascii"),
    }


def model_key(classifier: ModelHandle) -> str:
    """The name the pad keeps a model version under."""
    return f"{classifier.name}@{classifier.ref.version}"


@st.cache_resource(show_spinner=False, max_entries=16)
def _exported(ref: ModelRef, _classifier: ModelHandle) -> dict[str, Any] | None:
    del ref
    return _classifier.browser_model()


def exported(classifier: ModelHandle) -> dict[str, Any] | None:
    """The browser model of the active model (asked of a worker once per version and server), ``None`` if it cannot run there."""
    try:
        return _exported(classifier.ref, classifier)
    except Exception:  # a worker that fails here must not cost the student the server's answer
        _LOG.exception("The browser model of %s could not be made; the pad keeps the server's answer.", classifier.name)
        return None


def offer(classifier: ModelHandle, band: tuple[float, float], held: dict[str, Any] | None) -> dict[str, Any] | None:
    """The pad's ``model`` data for this run: what to answer with, plus the runtime and weights it still lacks.

    Args:
        classifier: The active model.
        band: The not-confident band, for the pad's "sure" and "not sure".
        held: What the pad said it holds in its last drawing (``{"seq", "runtime", "models"}``), if any;
            each drawing's word is taken once (a later rerun without a new drawing keeps what was sent).

    Returns:
        ``None`` when the browser does not answer (turned off, or a model it cannot run), else
        ``{"key", "classes", "band", "words"}`` (the verdict's words, :func:`core.prediction.verdict.pad_words`) with ``runtime`` and ``weights`` added when they must be sent.

    """
    if not enabled():
        return None
    weights = exported(classifier)
    if weights is None:
        return None
    key = model_key(classifier)
    sent: set[str] = st.session_state.setdefault(SENT, set())
    if held is not None and held.get("seq") != st.session_state.get(HEARD):  # a message can be lost: the pad's word wins
        st.session_state[HEARD] = held.get("seq")
        if not held.get("runtime"):
            sent.discard(RUNTIME)
        if key not in (held.get("models") or []):
            sent.discard(key)
    names = list(classifier.class_names)
    offered: dict[str, Any] = {"key": key, "classes": names, "band": list(band), "words": verdict.pad_words(names)}
    if RUNTIME not in sent:
        offered["runtime"] = runtime()
        sent.add(RUNTIME)
    if key not in sent:
        offered["weights"] = weights
        sent.add(key)
    return offered
