"""The Draw page under Streamlit's AppTest, with the real canvas and with a stand-in that hands over a drawing."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw
from streamlit.testing.v1 import AppTest

from pages.keys import Keys
from tests.test_preprocess import eight, seven

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 60


def rgba(ink: np.ndarray) -> np.ndarray:
    """What the canvas returns: white strokes on an opaque black background."""
    image = np.zeros((*ink.shape, 4), np.uint8)
    image[..., :3] = ink[..., None]
    image[..., 3] = 255
    return image


@pytest.fixture
def fake_canvas(monkeypatch):
    """Replaces streamlit_drawable_canvas with a stand-in whose drawing the test sets."""
    module = types.ModuleType("streamlit_drawable_canvas")
    module.drawing = None
    module.calls = []

    def st_canvas(**kwargs):
        module.calls.append(kwargs)
        return types.SimpleNamespace(image_data=module.drawing, json_data=None)

    module.st_canvas = st_canvas
    monkeypatch.setitem(sys.modules, "streamlit_drawable_canvas", module)
    return module


def draw_page(model: str = "mnist-7-vs-8") -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "draw.py"), default_timeout=TIMEOUT)
    at.session_state[Keys.ACTIVE_MODEL] = model
    return at.run()


def texts(at: AppTest) -> str:
    parts = [e.value for kind in ("subheader", "markdown", "info", "warning", "error", "caption") for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def charts(at: AppTest) -> list:
    return at.get("vega_lite_chart")


def test_page_renders_from_the_app_with_the_shipped_model():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    at.switch_page("pages/draw.py").run()
    assert not at.exception
    assert "Draw a digit (7 or 8)" in texts(at)  # the shipped default model is active
    assert [s.label for s in at.slider] == ["Not-confident band", "Stroke width"]
    assert at.slider[0].value == (0.4, 0.6)
    assert [b.label for b in at.button] == ["Clear"]
    assert "draw a digit first" in texts(at)  # the real canvas starts empty
    assert "Prediction:" not in texts(at)


def test_a_drawn_seven_gets_its_answer_gauge_curve_and_steps(fake_canvas):
    fake_canvas.drawing = rgba(seven())
    at = draw_page()
    assert not at.exception
    assert at.subheader[0].value.startswith("Prediction: 7 (") and at.subheader[0].value.endswith("% confident)")
    assert "Draw a digit (7 or 8)" in texts(at)
    assert "The sigmoid output is" in texts(at) and "closer to 0 (7)" in texts(at)
    assert "not-confident band 0.40–0.60" in texts(at)
    assert len(charts(at)) == 2  # gauge and sigmoid curve
    captions = [str(image.proto) for image in at.get("image")]
    assert any("model input 28×28" in c for c in captions) and any("20-pixel box" in c for c in captions)
    assert np.array_equal(at.session_state[Keys.DRAWING], fake_canvas.drawing)
    call = fake_canvas.calls[-1]
    assert call["return_image_data"] is True and (call["width"], call["height"]) == (280, 280)
    assert (call["stroke_color"], call["background_color"]) == ("white", "black")


def test_a_drawn_eight_and_a_narrower_band(fake_canvas):
    fake_canvas.drawing = rgba(eight())
    at = draw_page()
    at.slider[0].set_value((0.3, 0.7)).run()
    assert at.subheader[0].value.startswith("Prediction: 8")
    assert "0.30–0.70" in texts(at)


def test_a_blank_drawing_asks_for_a_digit_and_shows_no_prediction(fake_canvas):
    fake_canvas.drawing = rgba(np.zeros((280, 280), np.uint8))
    at = draw_page()
    assert not at.exception
    assert "draw a digit first" in texts(at) and "Prediction:" not in texts(at)
    assert not charts(at) and at.session_state[Keys.DRAWING] is None


def test_clear_starts_a_new_canvas_and_forgets_the_drawing(fake_canvas):
    fake_canvas.drawing = rgba(seven())
    at = draw_page()
    first_key = fake_canvas.calls[-1]["key"]
    fake_canvas.drawing = None  # the new canvas is empty
    at.button[0].click().run()
    assert at.session_state[Keys.CANVAS_VERSION] == 1
    assert fake_canvas.calls[-1]["key"] != first_key
    assert at.session_state[Keys.DRAWING] is None and "Prediction:" not in texts(at)


def test_stroke_width_reaches_the_canvas(fake_canvas):
    at = draw_page()
    at.slider[1].set_value(30).run()
    assert fake_canvas.calls[-1]["stroke_width"] == 30


def test_ten_class_model_shows_ten_bars(fake_canvas):
    fake_canvas.drawing = rgba(seven())
    at = draw_page("mnist-digits")
    assert not at.exception
    assert at.subheader[0].value.startswith("Prediction: 7")
    assert len(charts(at)) == 1 and "softmax" in texts(at)
    assert [s.label for s in at.slider] == ["Stroke width"]  # no sigmoid band for softmax


def test_shapes_model_draws_filled_circles_and_squares(fake_canvas):
    image = Image.new("L", (280, 280), 0)
    ImageDraw.Draw(image).ellipse([60, 70, 200, 210], fill=255)
    fake_canvas.drawing = rgba(np.asarray(image))
    at = draw_page("shapes-circle-vs-square")
    assert not at.exception
    assert "circle or a square" in texts(at)
    assert at.subheader[0].value.startswith("Prediction: circle")
    at.radio[0].set_value("square").run()
    assert fake_canvas.calls[-1]["drawing_mode"] == "rect" and fake_canvas.calls[-1]["fill_color"] == "white"


def test_without_the_canvas_package_the_page_explains_and_keeps_uploads(monkeypatch):
    monkeypatch.setitem(sys.modules, "streamlit_drawable_canvas", None)  # import fails
    at = draw_page()
    assert not at.exception
    assert any("canvas is unavailable" in e.value and "Upload tab" in e.value for e in at.error)
    assert len(at.tabs) == 2 and at.tabs[1].label == "Upload"


@pytest.mark.parametrize(
    ("model", "subject"),
    [
        ("mnist-7-vs-8", "a digit (7 or 8)"),
        ("mnist-3-vs-rest", "a digit (3 or any other)"),
        ("mnist-digits", "a digit (0–9)"),
        ("shapes-circle-vs-square", "a circle or a square"),
    ],
)
def test_every_shipped_model_gets_its_own_invitation_and_answer(fake_canvas, model, subject):
    fake_canvas.drawing = rgba(seven())
    at = draw_page(model)
    assert not at.exception
    assert f"Draw {subject} and see" in texts(at)
    assert at.subheader[0].value.startswith("Prediction: ")
