"""The app's pages under Streamlit's AppTest, always through app.py, and the check every page test makes.

AppTest.switch_page reaches only pages given by a file; the app's pages are functions, so a test names
the page's ``url_path`` in the ``Keys.OPEN_PAGE`` session-state entry, and app.py switches to it once.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from core.storage import registry
from views.keys import Keys

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGES = ("home", "train", "draw", "evaluate", "inside", "models")


def open_page(page: str = "home", model: str | None = None, query: dict[str, str] | None = None, timeout: float = 180) -> AppTest:
    """A fresh session of app.py, run once on ``page`` (a ``url_path``; ``home`` is the default page).

    Args:
        page: The page's ``url_path``.
        model: The active model to start with; ``None`` leaves the sidebar picker's default.
        query: Query parameters of the link the session opens, e.g. ``{"task": "3-vs-rest"}``.
        timeout: Seconds each run may take.

    """
    at = AppTest.from_file(APP, default_timeout=timeout)
    if model:
        at.session_state[Keys.ACTIVE_MODEL] = model
    if page != "home":
        at.session_state[Keys.OPEN_PAGE] = page
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def shown(text: object) -> str:
    """A Markdown source as the student reads it: the backslash escapes of ``views.widgets.text.plain`` removed."""
    return _ESCAPED.sub(r"\1", str(text))


def assert_page_ok(at: AppTest, shows: Callable[[AppTest], object], what: str) -> None:
    """Fails unless the page ran through app.py without an exception or an error and shows what only it shows.

    Args:
        at: The AppTest after a run.
        shows: True when the page shows its sign of working.
        what: That sign in words, for the failure message.

    """
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, f"the page shows an error: {[e.value for e in at.error]}"
    assert at.sidebar.selectbox or at.sidebar.warning, "no sidebar model picker: the page did not run through app.py"
    assert shows(at), f"the page does not show {what}"


def data_source_line(at: AppTest) -> bool:
    """Home: the line naming the MNIST source."""
    return any(m.value.startswith("**Data:**") for m in at.markdown)


def start_button(at: AppTest) -> bool:
    """Train: an enabled Start button."""
    return any(b.label == "Start training" and not b.disabled for b in at.button)


def probability(at: AppTest) -> bool:
    """Draw: the answer's headline, e.g. ``7 · 99.3% sure`` or ``Not sure: a guess between 7 and 8``."""
    return any(s.value.endswith("% sure") or s.value.startswith("Not sure: a guess between") for s in at.subheader)


def accuracy_metric(at: AppTest) -> bool:
    """Evaluate: an accuracy as a percentage with at most one decimal (``99.5%``, ``>99.9%``), never ``0.9950``."""
    return any(m.label == "Accuracy" and re.fullmatch(r"[<>]?\d{1,3}(\.\d)?%", m.value) for m in at.metric)


def layer_table(at: AppTest) -> bool:
    """Inside: the table of layers with their output shapes and parameters."""
    return any({"name", "output_shape", "parameters"} <= set(d.value.columns) for d in at.dataframe)


def shipped_models_table(at: AppTest) -> bool:
    """Models: the table of saved models naming every shipped one."""
    return any("name" in d.value.columns and set(registry.SHIPPED_MODELS) <= set(d.value["name"]) for d in at.dataframe)


WORKING = {
    "home": (data_source_line, "the data source line"),
    "train": (start_button, "an enabled Start training button"),
    "draw": (probability, "a prediction with its probability"),
    "evaluate": (accuracy_metric, "an accuracy metric"),
    "inside": (layer_table, "the layer table"),
    "models": (shipped_models_table, "the models table with the shipped names"),
}


def assert_page_works(at: AppTest, page: str) -> None:
    """:func:`assert_page_ok` with the sign of working of ``page`` (one of :data:`PAGES`)."""
    shows, what = WORKING[page]
    assert_page_ok(at, shows, what)


def fake_canvas(monkeypatch: pytest.MonkeyPatch, drawing: np.ndarray | None = None) -> types.SimpleNamespace:
    """Replaces the Draw page's drawing pad (``views.draw.sketch_pad.sketch_pad``) with a stand-in whose drawing the test sets.

    The returned namespace's ``drawing`` is what the pad hands over (RGBA pixels or ``None``), ``strokes``
    how many strokes it reports (``None``: one when there is a drawing, else none); ``calls`` records
    each call's arguments.
    """
    from views.draw import sketch_pad

    fake = types.SimpleNamespace(drawing=drawing, strokes=None, calls=[])

    def pad(**kwargs: object) -> sketch_pad.Sketch:
        fake.calls.append(kwargs)
        strokes = fake.strokes if fake.strokes is not None else int(fake.drawing is not None)
        return sketch_pad.Sketch(fake.drawing, strokes)

    monkeypatch.setattr(sketch_pad, "sketch_pad", pad)
    return fake
