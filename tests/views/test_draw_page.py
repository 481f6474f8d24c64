"""The Draw page under Streamlit's AppTest, with the real drawing pad and with a stand-in that hands over a drawing."""

from __future__ import annotations

import html

import numpy as np
import pytest
from PIL import Image, ImageDraw
from streamlit.testing.v1 import AppTest

from tests.helpers.apptest import assert_page_works, fake_canvas, open_page, shown
from tests.helpers.drawings import eight, rgba, seven
from views.keys import Keys

TIMEOUT = 60


@pytest.fixture
def canvas(monkeypatch):
    """The stand-in canvas (see tests.helpers.apptest.fake_canvas), empty until the test draws."""
    return fake_canvas(monkeypatch)


def draw_page(model: str = "mnist-7-vs-8") -> AppTest:
    return open_page("draw", model, timeout=TIMEOUT)


def texts(at: AppTest) -> str:
    parts = [e.value for kind in ("subheader", "markdown", "info", "warning", "error", "caption") for e in getattr(at, kind)]
    return "\n".join(shown(p) for p in parts)


def charts(at: AppTest) -> list:
    return at.get("vega_lite_chart")


def test_page_renders_from_the_app_with_the_shipped_model():
    at = open_page(timeout=TIMEOUT)
    assert not at.exception
    at.session_state[Keys.OPEN_PAGE] = "draw"
    at.run()
    assert not at.exception and not at.error
    assert "Draw a digit (7 or 8)" in texts(at)  # the shipped default model is active
    assert [s.label for s in at.slider] == ["“Not sure” zone", "Stroke width"]
    assert at.slider[0].value == (0.2, 0.8)
    assert not at.button  # Undo, Redo and Clear are the pad's own
    assert "draw a digit first" in texts(at)  # the real pad starts empty
    assert "% sure" not in texts(at)


def test_a_drawn_seven_gets_its_answer_gauge_curve_and_steps(canvas):
    canvas.drawing = rgba(seven())
    at = draw_page()
    assert_page_works(at, "draw")
    assert at.subheader[0].value.startswith("7 · ") and at.subheader[0].value.endswith("% sure")
    assert "Draw a digit (7 or 8)" in texts(at)
    assert "The sigmoid output is" in texts(at) and "closer to 0 (7)" in texts(at)
    assert "not-confident band 0.20–0.80" in texts(at)
    assert len(charts(at)) == 3  # gauge, timeline and sigmoid curve
    assert "Stroke by stroke: 7 (now" in texts(at) and "after stroke 1)" in texts(at)
    captions = [str(image.proto) for image in at.get("image")]
    assert any("model input 28×28" in c for c in captions) and any("20-pixel box" in c for c in captions)
    assert np.array_equal(at.session_state[Keys.DRAWING], canvas.drawing)
    call = canvas.calls[-1]
    assert call["side"] == 280 and call["mode"] == "freedraw" and call["key"] == Keys.CANVAS


def test_a_drawn_eight_and_a_narrower_band(canvas):
    canvas.drawing = rgba(eight())
    at = draw_page()
    at.slider[0].set_value((0.3, 0.7)).run()
    assert_page_works(at, "draw")
    assert at.subheader[0].value.startswith("8 · ")
    assert "0.30–0.70" in texts(at)


def test_a_blank_drawing_asks_for_a_digit_and_shows_no_prediction(canvas):
    canvas.drawing = rgba(np.zeros((280, 280), np.uint8))
    at = draw_page()
    assert not at.exception
    assert "draw a digit first" in texts(at) and "% sure" not in texts(at)
    assert not charts(at) and at.session_state[Keys.DRAWING] is None


def timeline_text(at: AppTest) -> str:
    return next((c.value for c in at.caption if c.value.startswith("Stroke by stroke")), "")


def test_the_timeline_grows_with_strokes_drops_a_point_on_undo_and_resets_on_clear(canvas):
    canvas.drawing, canvas.strokes = rgba(seven()), 1
    at = draw_page()
    assert timeline_text(at).startswith("Stroke by stroke: 7 (")
    canvas.drawing, canvas.strokes = rgba(eight()), 2  # a stroke more turns it into an 8
    at.run()
    assert_page_works(at, "draw")
    assert timeline_text(at).startswith("Stroke by stroke: 7 → 8 (") and timeline_text(at).endswith("after stroke 2)")
    canvas.drawing, canvas.strokes = rgba(seven()), 1  # undo
    at.run()
    assert timeline_text(at).startswith("Stroke by stroke: 7 (") and timeline_text(at).endswith("after stroke 1)")
    canvas.drawing, canvas.strokes = None, 0  # clear
    at.run()
    assert not timeline_text(at) and "draw a digit first" in texts(at)
    assert at.session_state[Keys.DRAWING] is None and "% sure" not in texts(at)


def test_another_model_starts_a_new_timeline(canvas):
    canvas.drawing, canvas.strokes = rgba(seven()), 3
    at = draw_page()
    at.sidebar.selectbox[0].set_value("mnist-digits").run()
    assert_page_works(at, "draw")
    assert timeline_text(at).startswith("Stroke by stroke: 7 (")  # one point, from the new model


def test_stroke_width_reaches_the_canvas(canvas):
    at = draw_page()
    at.slider[1].set_value(30).run()
    assert canvas.calls[-1]["stroke_width"] == 30


def test_ten_class_model_shows_ten_bars(canvas):
    canvas.drawing = rgba(seven())
    at = draw_page("mnist-digits")
    assert_page_works(at, "draw")
    assert at.subheader[0].value.startswith("7 · ")
    assert len(charts(at)) == 2 and "softmax" in texts(at)  # ten bars and the timeline
    assert [s.label for s in at.slider] == ["Stroke width"]  # no sigmoid band for softmax


def test_shapes_model_draws_filled_circles_and_squares(canvas):
    image = Image.new("L", (280, 280), 0)
    ImageDraw.Draw(image).ellipse([60, 70, 200, 210], fill=255)
    canvas.drawing = rgba(np.asarray(image))
    at = draw_page("shapes-circle-vs-square")
    assert_page_works(at, "draw")
    assert "circle or a square" in texts(at)
    assert at.subheader[0].value.startswith("circle · ")
    at.radio[0].set_value("square").run()
    assert canvas.calls[-1]["mode"] == "rect"


@pytest.mark.parametrize(
    ("model", "subject", "label"),
    [
        ("mnist-7-vs-8", "a digit (7 or 8)", "7"),
        ("mnist-3-vs-rest", "a digit (3 or any other)", "not 3"),
        ("mnist-digits", "a digit (0–9)", "7"),
        ("shapes-circle-vs-square", "a circle or a square", None),  # a 7 is neither: any answer will do
    ],
)
def test_every_shipped_model_gets_its_own_invitation_and_answer(canvas, model, subject, label):
    canvas.drawing = rgba(seven())
    at = draw_page(model)
    assert_page_works(at, "draw")
    assert f"Draw {subject} and see" in texts(at)
    if label:
        assert at.subheader[0].value.startswith(f"{label} · ")


def test_the_answer_is_one_verdict_headline_sentence_and_screen_reader_status(canvas):
    canvas.drawing = rgba(seven())
    at = draw_page()
    assert_page_works(at, "draw")
    headline = at.subheader[0].value
    assert headline.startswith("7 · ") and headline.endswith("% sure")
    chance = headline.removeprefix("7 · ").removesuffix(" sure")
    assert f"The model says 7: it gives a {chance} chance that this is a 7." in texts(at)
    regions = [html.unescape(h.proto.body) for h in at.get("html")]
    assert any('role="status"' in r and f"Looks like a 7, {chance} sure" in r for r in regions)
    shown = "\n".join(str(e.value) for e in [*at.subheader, *at.markdown, *at.caption] if "Details" not in str(e.value))
    assert "sigmoid P(" not in shown and "z = " not in shown and "confident" not in headline


def test_the_charts_speak_plain_words_with_units():
    from views.widgets import confidence_charts

    curve = str(confidence_charts.sigmoid_spec(0.9, ("7", "8")))
    assert "chance it is an 8 (%)" in curve and "the score before the sigmoid" in curve and "P(8)" not in curve
    assert "not sure" in str(confidence_charts.gauge_spec(0.9, ("7", "8")))  # the band is named, not only coloured


def test_what_the_model_sees_is_a_row_of_numbered_pictures_with_a_caption_each(canvas):
    canvas.drawing = rgba(seven())
    at = draw_page()
    steps = next(i for i in at.get("image") if "model input" in str(i.proto))
    captions = [img.caption for img in steps.proto.imgs]
    assert captions[0].startswith("1 · ") and captions[-1].endswith("your drawing as the model sees it, 28 by 28 pixels")
    assert all(captions)


@pytest.mark.parametrize("broken", ["nan", "raises"])
def test_a_model_whose_output_is_not_a_chance_gets_a_sentence_not_a_traceback(canvas, monkeypatch, broken):
    from core.engine.model_handle import ModelHandle
    from core.prediction import predict

    def answers(self, inputs):
        if broken == "raises":
            raise ValueError("This model's last layer has no sigmoid, so its output is not a chance.")
        return predict.to_predictions(np.full((len(inputs), 1), np.nan, np.float32), self.class_names)

    monkeypatch.setattr(ModelHandle, "predict_inputs", answers)
    canvas.drawing = rgba(seven())
    at = draw_page()
    assert not at.exception
    said = shown(at.error[0].value) if at.error else ""
    assert "not a number" in said or "no sigmoid" in said
    assert "Traceback" not in said


def test_an_uploaded_model_the_browser_cannot_run_answers_from_the_server(canvas, models_folder, tmp_path):
    import keras

    from core.storage import model_upload

    layers = keras.layers
    stack = [keras.Input((28, 28, 1)), layers.Rescaling(1 / 255), layers.Conv2D(4, 3, activation="relu")]
    stack += [layers.BatchNormalization(), layers.Flatten(), layers.Dense(1, activation="sigmoid")]
    model = keras.Sequential(stack)  # BatchNormalization: an upload may have it, the pad's runtime does not
    model.save(tmp_path / "upload.keras")
    data = (tmp_path / "upload.keras").read_bytes()
    model_upload.import_uploaded(data, "batch-norm-net", task="7-vs-8", folder=models_folder)
    canvas.drawing = rgba(seven())
    at = draw_page("batch-norm-net")
    assert_page_works(at, "draw")
    assert canvas.calls[-1]["model"] is None  # no browser model offered: the pad stays quiet, without a message
    headline = at.subheader[0].value
    assert headline.endswith("% sure") or headline.startswith("Not sure")  # the server's answer
