"""The Draw page's confidence timeline and the drawing pad's picture."""

import base64
import io

import numpy as np
import pytest
from PIL import Image

from core.prediction import predict
from views.draw import sketch_pad, stroke_timeline
from views.widgets.vega import POINT


def answer(p: float) -> predict.Prediction:
    return predict.to_predictions(np.array([[p]]), ["7", "8"])[0]


def test_strokes_add_points_undo_drops_the_last_and_clear_empties():
    timeline = stroke_timeline.advance([], 1, answer(0.1))
    timeline = stroke_timeline.advance(timeline, 2, answer(0.3))
    timeline = stroke_timeline.advance(timeline, 3, answer(0.9))
    assert [(s.stroke, s.label) for s in timeline] == [(1, "7"), (2, "7"), (3, "8")]
    assert stroke_timeline.caption(timeline) == "Stroke by stroke: 7 → 7 → 8 (now 90% sure, after stroke 3)"
    undone = stroke_timeline.advance(timeline, 2, answer(0.3))
    assert [s.stroke for s in undone] == [1, 2] and undone[-1].value == pytest.approx(0.3)
    assert stroke_timeline.advance(timeline, 0, None) == [] and stroke_timeline.caption([]) == ""
    same = stroke_timeline.advance(timeline, 3, answer(0.95))  # a rerun with no new stroke replaces the point
    assert len(same) == 3 and same[-1].value == pytest.approx(0.95)


def test_a_blank_drawing_keeps_the_earlier_points_only():
    timeline = stroke_timeline.advance([], 1, answer(0.2))
    assert [s.stroke for s in stroke_timeline.advance(timeline, 2, None)] == [1]


def test_a_long_timeline_names_the_last_answers_in_words_and_charts_them_all():
    timeline = []
    for stroke in range(1, 10):
        timeline = stroke_timeline.advance(timeline, stroke, answer(0.1 * stroke))
    text = stroke_timeline.caption(timeline)
    assert text.startswith("Stroke by stroke: … → ") and text.count("→") == stroke_timeline.SHOWN_IN_WORDS
    rows = stroke_timeline.timeline_spec(timeline, ("7", "8"))["datasets"][POINT]
    assert rows["stroke"].tolist() == list(range(1, 10)) and rows["answer"].tolist()[-1] == "8"


def test_the_pads_picture_is_decoded_and_an_empty_pad_is_none():
    image = np.zeros((280, 280, 4), np.uint8)
    image[100:180, 130:150] = 255
    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, "PNG")
    url = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    assert np.array_equal(sketch_pad.decode(url), image)
    assert sketch_pad.decode(None) is None


def test_an_unknown_tool_is_refused_with_a_sentence():
    with pytest.raises(ValueError, match="drawing tool must be one of"):
        sketch_pad.sketch_pad(key="pad", mode="spray")
