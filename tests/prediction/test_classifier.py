"""A loaded model with its metadata: every picture a student hands in, prepared the model's way."""

import numpy as np
import pytest
from PIL import Image, ImageDraw

from core.prediction import image_io, preprocess
from core.storage.loading import load
from tests.helpers.bad_inputs import bad_input_cases
from tests.helpers.drawings import eight, rgba, seven
from tests.helpers.files import png


@pytest.fixture(scope="module")
def cases(digit_images):
    return bad_input_cases(digit_images[7], digit_images[8])


def test_every_bad_input_gives_the_right_label_or_one_sentence(cases, seven_vs_eight):
    for name, (payload, expected) in cases.items():
        if expected in ("7", "8"):
            (prediction,) = seven_vs_eight.predict(payload)
            assert prediction.label == expected, f"{name}: predicted {prediction.label}"
            assert prediction.confidence > 0.8, f"{name}: only {prediction.confidence:.2f} sure"
        else:
            with pytest.raises(ValueError) as caught:
                seven_vs_eight.predict(payload)
            assert isinstance(caught.value, image_io.ImageReadError | preprocess.BlankImageError), name
            assert str(caught.value).startswith(expected), f"{name}: {caught.value}"


def test_drawn_sevens_and_eights_in_every_form(seven_vs_eight):
    transparent = np.zeros((280, 280, 4), np.uint8)
    transparent[..., :3] = 255
    transparent[..., 3] = eight()
    answers = seven_vs_eight.predict([seven(), rgba(eight()), transparent, 255 - seven(), png(eight())])
    assert [a.label for a in answers] == ["7", "8", "8", "7", "8"]
    assert all(a.confidence > 0.95 for a in answers)


@pytest.mark.parametrize(
    "canvas", [np.zeros((280, 280, 4), np.uint8), np.full((280, 280, 4), 255, np.uint8)], ids=["empty", "full"]
)
def test_an_empty_or_filled_canvas_is_blank(canvas, seven_vs_eight):
    with pytest.raises(preprocess.BlankImageError, match="draw a digit first"):
        seven_vs_eight.predict(canvas)


def test_a_single_dot_becomes_a_centred_blob_in_the_model_input(seven_vs_eight):
    canvas = np.zeros((280, 280, 4), np.uint8)
    canvas[138:142, 138:142] = 255
    prepared = seven_vs_eight.prepare(canvas)
    assert prepared.input.shape == (28, 28, 1) and prepared.input.dtype == np.uint8
    rows, cols = np.nonzero(prepared.input[..., 0])
    assert rows.max() - rows.min() + 1 == 20 and cols.max() - cols.min() + 1 == 20  # the MNIST box
    assert abs(rows.mean() - 13.5) <= 1 and abs(cols.mean() - 13.5) <= 1


@pytest.mark.parametrize("filled", [True, False])
def test_shapes_drawn_as_outlines_or_filled_are_recognised(filled):
    classifier = load("shapes-circle-vs-square")
    assert classifier.style == "ink"
    for label, draw in (("square", ImageDraw.ImageDraw.rectangle), ("circle", ImageDraw.ImageDraw.ellipse)):
        canvas = Image.new("RGBA", (280, 280), (0, 0, 0, 255))
        style = {"fill": (255, 255, 255, 255)} if filled else {"outline": (255, 255, 255, 255), "width": 20}
        draw(ImageDraw.Draw(canvas), (60, 60, 220, 220), **style)
        (prediction,) = classifier.predict(np.asarray(canvas))
        assert prediction.label == label and prediction.confidence > 0.9


def test_a_model_for_other_pictures_prepares_them_at_its_own_size(tmp_path):
    from core.modeling.build import build_model
    from core.modeling.config import ModelConfig

    build_model(ModelConfig(input_shape=(64, 64, 3), conv_filters=(4,), dropout=0)).save(tmp_path / "colour-64.keras")
    classifier = load(tmp_path / "colour-64.keras")  # no metadata: photo style at 64×64×3
    prepared = classifier.prepare(rgba(seven()))
    assert classifier.style == "photo" and prepared.input.shape == (64, 64, 3) and prepared.input.dtype == np.uint8
    assert prepared.input[..., 0].max() == 255 and prepared.input[0, 0, 0] == 0  # the drawing, resized whole
