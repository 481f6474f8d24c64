"""core.prediction.predict and core.prediction.confidence: fast batched answers, per-file results, and how sure the model is."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from core.prediction import confidence, predict
from core.storage import registry
from tests.test_preprocess import eight, seven


@pytest.fixture(scope="module")
def seven_vs_eight():
    return registry.load("mnist-7-vs-8")


def png(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, "PNG")
    return buffer.getvalue()


def binary(p: float) -> predict.Prediction:
    return predict.to_predictions(np.array([[p]]), ("7", "8"))[0]


# ---------------------------------------------------------------- predict


def test_to_predictions_for_a_sigmoid():
    low, high, middle = predict.to_predictions(np.array([[0.1], [0.93], [0.5]]), ("7", "8"))
    assert (low.label, low.confidence, low.probability) == ("7", pytest.approx(0.9), pytest.approx(0.1))
    assert low.probabilities == {"7": pytest.approx(0.9), "8": pytest.approx(0.1)}
    assert (high.label, high.confidence) == ("8", pytest.approx(0.93))
    assert middle.label == "8" and middle.confidence == pytest.approx(0.5)


def test_to_predictions_for_ten_classes():
    row = np.full((1, 10), 0.02)
    row[0, 3] = 0.82
    (prediction,) = predict.to_predictions(row, [str(i) for i in range(10)])
    assert prediction.label == "3" and prediction.confidence == pytest.approx(0.82)
    assert len(prediction.probabilities) == 10


def test_output_probabilities_match_model_predict(seven_vs_eight):
    inputs = np.stack([seven_vs_eight.prepare(seven()).input, seven_vs_eight.prepare(eight()).input])
    fast = predict.output_probabilities(seven_vs_eight.model, inputs, batch_size=1)
    slow = seven_vs_eight.model.predict(inputs, verbose=0)
    assert fast.shape == (2, 1) and fast.dtype == np.float32
    np.testing.assert_allclose(fast, slow, atol=1e-5)
    assert predict.output_probabilities(seven_vs_eight.model, inputs[:0]).shape == (0, 1)


def test_classifier_reads_drawn_sevens_and_eights(seven_vs_eight):
    canvas = np.zeros((280, 280, 4), np.uint8)
    canvas[..., :3] = 255
    canvas[..., 3] = eight()
    answers = seven_vs_eight.predict([seven(), canvas, 255 - seven(), png(eight())])
    assert [a.label for a in answers] == ["7", "8", "7", "8"]
    assert all(a.confidence > 0.95 for a in answers)


def test_prepare_many_stacks_model_inputs():
    stacked = predict.prepare_many([seven(), eight()], (28, 28, 1), "mnist")
    assert stacked.shape == (2, 28, 28, 1) and stacked.dtype == np.uint8


def test_predict_files_keeps_going_past_bad_files(seven_vs_eight):
    files = [
        ("seven.png", png(seven())),
        ("broken.png", b"\x89PNG not really"),
        ("blank.png", png(np.zeros((50, 50), np.uint8))),
        ("eight-on-paper.png", png(255 - eight())),
    ]
    results = predict.predict_files(seven_vs_eight, files)
    assert [r.name for r in results] == [name for name, _ in files]
    assert results[0].prediction.label == "7" and results[3].prediction.label == "8"
    assert results[0].prepared.input.shape == (28, 28, 1)
    assert results[1].prediction is None and "broken.png" in results[1].error and "picture" in results[1].error
    assert results[2].prediction is None and "draw a digit first" in results[2].error
    rows = predict.results_table(results, seven_vs_eight.class_names)
    assert list(rows[0]) == ["file", "prediction", "confidence", "sigmoid P(8)", "error"]
    assert rows[0]["prediction"] == "7" and rows[0]["confidence"] > 0.95 and rows[0]["error"] == ""
    assert rows[1]["prediction"] == "" and rows[1]["confidence"] is None and rows[1]["error"]


def test_predict_files_with_nothing_usable(seven_vs_eight):
    results = predict.predict_files(seven_vs_eight, [("a.txt", b"hello")])
    assert results[0].prediction is None and results[0].error
    assert predict.predict_files(seven_vs_eight, []) == []


# ---------------------------------------------------------------- confidence


def test_band_must_contain_one_half():
    assert confidence.check_band((0.3, 0.7)) == (0.3, 0.7)
    for bad in ((0.6, 0.8), (0.2, 0.4), (-0.1, 0.6), (0.4, 1.2)):
        with pytest.raises(ValueError, match=r"contain 0\.5"):
            confidence.check_band(bad)


@pytest.mark.parametrize(("p", "sure"), [(0.02, True), (0.39, True), (0.4, False), (0.55, False), (0.6, False), (0.97, True)])
def test_is_confident_outside_the_band(p, sure):
    assert confidence.is_confident(binary(p), (0.4, 0.6)) is sure


def test_headline_and_explanations_read_well():
    assert confidence.headline(binary(0.993)) == "Prediction: 8 (99.3% confident)"
    assert confidence.headline(binary(0.1)) == "Prediction: 7 (90.0% confident)"
    sure = confidence.explain(binary(0.01))
    assert "0.0100" in sure and "closer to 0 (7)" in sure and "sure" in sure
    guess = confidence.explain(binary(0.52))
    assert "inside the not-confident band 0.40–0.60" in guess and "guessing" in guess
    assert "0.40" in confidence.band_explanation() and "0.60" in confidence.band_explanation()
    ten = predict.to_predictions(np.array([[0.05, 0.55, 0.4] + [0.0] * 7]), [str(i) for i in range(10)])[0]
    assert (
        "55.0% to 1" in confidence.explain(ten)
        and "40.0% to 2" in confidence.explain(ten)
        and "not confident" in confidence.explain(ten)
    )


def test_logit_inverts_the_sigmoid_and_stays_finite():
    for z in (-4.0, 0.0, 2.5):
        assert confidence.logit(1 / (1 + np.exp(-z))) == pytest.approx(z)
    assert np.isfinite(confidence.logit(0.0)) and np.isfinite(confidence.logit(1.0))


def test_percent_never_claims_certainty():
    assert confidence.percent(0.5) == "50.0%"
    assert confidence.percent(0.9996) == ">99.9%" and confidence.percent(0.999999) == ">99.99%"
    assert confidence.percent(0.0002) == "<0.1%"


def test_output_text_never_shows_a_flat_zero_or_one():
    assert confidence.output_text(0.25) == "0.2500"
    assert confidence.output_text(1e-9) == "<0.0001" and confidence.output_text(0.999999) == ">0.9999"


@pytest.mark.parametrize("filled", [True, False])
def test_shapes_drawn_as_outlines_or_filled_are_recognised(filled):
    from PIL import Image, ImageDraw

    from core.storage import registry

    classifier = registry.load("shapes-circle-vs-square")
    for label, draw in (("square", ImageDraw.ImageDraw.rectangle), ("circle", ImageDraw.ImageDraw.ellipse)):
        canvas = Image.new("RGBA", (280, 280), (0, 0, 0, 255))
        style = {"fill": (255, 255, 255, 255)} if filled else {"outline": (255, 255, 255, 255), "width": 20}
        draw(ImageDraw.Draw(canvas), (60, 60, 220, 220), **style)
        (prediction,) = classifier.predict(np.asarray(canvas))
        assert prediction.label == label and prediction.confidence > 0.9
