"""core.prediction.preprocess: every input format, MNIST's geometry, blank detection and robustness on re-rendered digits."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from scipy import ndimage

from core.prediction import image_io, preprocess
from tests.helpers.drawings import CANVAS, eight, seven
from tests.helpers.files import encode


def mnist_geometry_ok(pixels: np.ndarray) -> None:
    """Checks MNIST's form: 28×28×1 uint8, longer ink side 20, centre of mass near the centre."""
    assert pixels.shape == (28, 28, 1) and pixels.dtype == np.uint8
    plane = pixels[..., 0].astype(float)
    assert plane.max() == 255
    rows, cols = np.nonzero(plane > 0)
    assert max(rows.max() - rows.min() + 1, cols.max() - cols.min() + 1) in (20, 21)
    centre = ndimage.center_of_mass(plane)
    assert abs(centre[0] - 13.5) <= 1.0 and abs(centre[1] - 13.5) <= 1.0


# ---------------------------------------------------------------- formats


def test_white_on_black_array_has_mnist_geometry_and_steps():
    prepared = preprocess.prepare(seven())
    mnist_geometry_ok(prepared.input)
    assert list(prepared.steps) == ["original", "ink on black", "cropped", "20-pixel box", "centred 28×28"]
    assert all(step.ndim == 2 for step in prepared.steps.values())


def test_transparent_canvas_ink_is_read_from_alpha_whatever_the_stroke_colour():
    reference = preprocess.prepare(seven()).input.astype(int)
    for colour in ((255, 255, 255), (0, 0, 0), (200, 30, 30)):
        rgba = np.zeros((CANVAS, CANVAS, 4), np.uint8)
        rgba[..., :3] = colour
        rgba[..., 3] = seven()
        assert np.abs(preprocess.prepare(rgba).input.astype(int) - reference).max() <= 2


def test_dark_ink_on_white_paper_is_inverted_from_the_border():
    reference = preprocess.prepare(seven()).input.astype(int)
    inverted = preprocess.prepare(255 - seven()).input.astype(int)
    assert np.abs(inverted - reference).max() <= 2


@pytest.mark.parametrize("mode", ["RGB", "L", "P", "CMYK", "LA", "1"])
def test_every_colour_mode_gives_the_same_digit(mode):
    reference = preprocess.prepare(seven()).input.astype(float)
    image = Image.fromarray(255 - seven()).convert(mode)
    fmt = "TIFF" if mode in ("CMYK", "LA") else "PNG"
    result = preprocess.prepare(encode(image, fmt)).input.astype(float)
    assert np.corrcoef(result.ravel(), reference.ravel())[0, 1] > 0.97


def test_16_bit_images_are_scaled_not_clipped():
    deep = seven().astype(np.uint16) * 257  # 0..65535
    from_array = preprocess.prepare(deep).input
    from_png = preprocess.prepare(encode(Image.fromarray(deep), "PNG")).input
    reference = preprocess.prepare(seven()).input
    assert np.abs(from_array.astype(int) - reference).max() <= 2
    assert np.abs(from_png.astype(int) - reference).max() <= 2


def test_only_the_first_frame_of_an_animation_is_used():
    frames = [Image.fromarray(seven()).convert("P"), Image.fromarray(eight()).convert("P")]
    gif = encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    first = preprocess.prepare(gif).input
    assert np.array_equal(first, preprocess.prepare(encode(frames[0], "GIF")).input)
    assert not np.array_equal(first, preprocess.prepare(eight()).input)


def test_exif_orientation_is_applied_before_cropping():
    tall = np.zeros((200, 100), np.uint8)
    tall[20:180, 40:60] = 255
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    jpeg = encode(Image.fromarray(tall).convert("RGB"), "JPEG", exif=exif.tobytes(), quality=95)
    cropped = preprocess.prepare(jpeg).steps["cropped"]
    assert cropped.shape[1] > 3 * cropped.shape[0]  # the bar now lies flat


def test_path_and_file_objects_are_accepted(tmp_path):
    path = tmp_path / "seven.png"
    Image.fromarray(seven()).save(path)
    reference = preprocess.prepare(seven()).input
    assert np.array_equal(preprocess.prepare(path).input, reference)
    assert np.array_equal(preprocess.prepare(str(path)).input, reference)
    with open(path, "rb") as handle:
        assert np.array_equal(preprocess.prepare(handle).input, reference)


def test_uneven_paper_and_jpeg_noise_are_removed():
    rng = np.random.default_rng(1)
    _, xx = np.mgrid[0:CANVAS, 0:CANVAS] / CANVAS
    paper = 0.65 + 0.3 * xx + rng.normal(0, 0.03, xx.shape)
    photo = np.clip(paper * (1 - 0.75 * seven() / 255), 0, 1)
    jpeg = encode(Image.fromarray((photo * 255).astype(np.uint8)).convert("RGB"), "JPEG", quality=60)
    result = preprocess.prepare(jpeg).input.astype(float)
    reference = preprocess.prepare(seven()).input.astype(float)
    assert np.corrcoef(result.ravel(), reference.ravel())[0, 1] > 0.9
    assert (result[..., 0][:, :3] == 0).all() and (result[..., 0][:, -3:] == 0).all()  # clean borders


# ---------------------------------------------------------------- blank and unreadable


@pytest.mark.parametrize(
    "blank",
    [
        np.zeros((CANVAS, CANVAS), np.uint8),
        np.full((CANVAS, CANVAS), 255, np.uint8),
        np.zeros((CANVAS, CANVAS, 4), np.uint8),
        np.full((40, 60, 3), 128, np.uint8),
    ],
    ids=["black", "white", "transparent", "grey"],
)
def test_blank_images_raise_blank_image_error(blank):
    with pytest.raises(preprocess.BlankImageError, match="draw a digit first"):
        preprocess.prepare(blank)


@pytest.mark.parametrize("noise", [0.01, 0.04, 0.1])
def test_photo_of_blank_uneven_paper_is_blank(noise):
    rng = np.random.default_rng(2)
    _, xx = np.mgrid[0:CANVAS, 0:CANVAS] / CANVAS
    paper = np.clip(0.8 + 0.15 * (xx - 0.5) + rng.normal(0, noise, xx.shape), 0, 1)
    jpeg = encode(Image.fromarray((paper * 255).astype(np.uint8)), "JPEG", quality=70)
    with pytest.raises(preprocess.BlankImageError):
        preprocess.prepare(jpeg)


def test_truncated_png_raises_image_read_error():
    data = encode(Image.fromarray(seven()), "PNG")
    with pytest.raises(image_io.ImageReadError, match="damaged"):
        preprocess.prepare(data[: len(data) // 2])


def test_errors_are_value_errors_with_sentences():
    assert issubclass(image_io.ImageReadError, ValueError) and issubclass(preprocess.BlankImageError, ValueError)
    with pytest.raises(image_io.ImageReadError, match="does not exist"):
        preprocess.prepare(Path("/no/such/picture.png"))
    with pytest.raises(ValueError, match="Unknown preprocessing style"):
        preprocess.prepare(seven(), (28, 28, 1), "watercolour")
    with pytest.raises(ValueError, match="28×28×1"):
        preprocess.prepare(seven(), (32, 32, 1), "mnist")


# ---------------------------------------------------------------- other styles


def test_ink_style_resizes_the_whole_drawing_to_the_model_input():
    prepared = preprocess.prepare(seven(), (32, 32, 1), "ink")
    assert prepared.input.shape == (32, 32, 1) and prepared.input.dtype == np.uint8
    assert prepared.input.max() > 200
    three = preprocess.prepare(seven(), (32, 32, 3), "ink").input
    assert three.shape == (32, 32, 3) and np.array_equal(three[..., 0], three[..., 2])
    with pytest.raises(preprocess.BlankImageError):
        preprocess.prepare(np.zeros((CANVAS, CANVAS, 4), np.uint8), (32, 32, 1), "ink")


def test_photo_style_keeps_colour():
    rgb = np.zeros((50, 80, 3), np.uint8)
    rgb[..., 0] = 200
    prepared = preprocess.prepare(rgb, (24, 24, 3), "photo")
    assert prepared.input.shape == (24, 24, 3)
    assert prepared.input[..., 0].mean() > 190 and prepared.input[..., 1].max() < 10


def test_single_image_preparation_is_fast():
    canvas = np.zeros((CANVAS, CANVAS, 4), np.uint8)
    canvas[..., 3] = seven()
    preprocess.prepare(canvas)
    start = time.perf_counter()
    for _ in range(20):
        preprocess.prepare(canvas)
    assert (time.perf_counter() - start) / 20 < 0.02  # about 1–3 ms here; generous for a shared CI machine


# ---------------------------------------------------------------- robustness with the shipped model


def render_on_canvas(digit: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """An MNIST digit as someone would draw it: 30–90% of a 280 canvas, off-centre, thicker or thinner strokes.

    Returns:
        Float ink in [0, 1], CANVAS×CANVAS.

    """
    rows, cols = np.nonzero(digit > 30)
    crop = digit[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1].astype(np.float32) / 255
    scale = rng.uniform(0.3, 0.9) * CANVAS / max(crop.shape)
    height, width = max(1, round(crop.shape[0] * scale)), max(1, round(crop.shape[1] * scale))
    big = np.clip(np.asarray(Image.fromarray(crop, "F").resize((width, height), Image.Resampling.BICUBIC)), 0, 1)
    change = rng.uniform(-0.6, 1.2)  # stroke change in original pixels: thinner below 0, thicker above
    size = round(abs(change) * scale)
    if size >= 2:
        radius = size / 2
        grid = np.mgrid[-(size // 2) : size // 2 + 1, -(size // 2) : size // 2 + 1]
        footprint = np.hypot(*grid) <= radius
        big = ndimage.grey_dilation(big, footprint=footprint) if change > 0 else ndimage.grey_erosion(big, footprint=footprint)
    big = np.clip((big - 0.2) / 0.5, 0, 1)  # a canvas stroke is solid with soft edges
    canvas = np.zeros((CANVAS, CANVAS), np.float32)
    top, left = rng.integers(0, CANVAS - height + 1), rng.integers(0, CANVAS - width + 1)
    canvas[top : top + height, left : left + width] = big
    return canvas


def as_white_on_black(ink: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    return np.round(ink * 255).astype(np.uint8)


def as_transparent(ink: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    rgba = np.zeros((*ink.shape, 4), np.uint8)
    rgba[..., :3] = 255
    rgba[..., 3] = np.round(ink * 255).astype(np.uint8)
    return rgba


def as_photo(ink: np.ndarray, rng: np.random.Generator) -> bytes:
    """Dark ink on light, unevenly lit, slightly yellow paper with sensor noise, saved as JPEG."""
    yy, xx = np.mgrid[0 : ink.shape[0], 0 : ink.shape[1]] / ink.shape[0]
    angle = rng.uniform(0, 2 * np.pi)
    paper = 0.8 + 0.15 * (np.cos(angle) * xx + np.sin(angle) * yy - 0.5) + rng.normal(0, 0.03, ink.shape)
    gray = paper * (1 - rng.uniform(0.6, 0.9) * ink)
    rgb = np.clip(np.stack([gray, gray * 0.97, gray * 0.9], axis=-1) * 255, 0, 255).astype(np.uint8)
    return encode(Image.fromarray(rgb), "JPEG", quality=int(rng.integers(50, 90)))


@pytest.fixture(scope="module")
def sevens_and_eights(t10k):
    """The t10k sevens and eights (the ``t10k`` fixture reads ../shared/mnist and fails if it is missing)."""
    x_test, y_test = t10k
    keep = (y_test == 7) | (y_test == 8)
    return x_test[keep], (y_test[keep] == 8).astype(int)


@pytest.mark.slow
def test_shipped_model_is_robust_to_how_people_hand_digits_in(sevens_and_eights):
    """Accuracy on re-rendered t10k 7s and 8s stays within 1 point of the originals and ≥ 98%."""
    from core.storage import registry

    images, labels = sevens_and_eights
    classifier = registry.load("mnist-7-vs-8")
    assert classifier.class_names == ("7", "8")

    def accuracy(inputs: np.ndarray) -> float:
        outputs = np.array([p.probability for p in classifier.predict_inputs(inputs)])
        return float(((outputs >= 0.5).astype(int) == labels).mean())

    original = accuracy(images[..., None])
    rng = np.random.default_rng(0)
    inks = [render_on_canvas(digit, rng) for digit in images]
    results = {"original": original}
    for name, render in [("white on black", as_white_on_black), ("transparent RGBA", as_transparent), ("photo JPEG", as_photo)]:
        inputs = np.stack([preprocess.prepare(render(ink, rng)).input for ink in inks])
        results[name] = accuracy(inputs)
    for name, value in results.items():
        assert value >= 0.98, f"{name}: {value:.2%}"
        assert value >= original - 0.01, f"{name}: {value:.2%} against {original:.2%} on the originals"


def test_for_display_enlarges_without_blurring_the_pixels():
    model_input = preprocess.prepare(seven()).input
    shown = preprocess.for_display(model_input, side=112)
    assert shown.shape == (112, 112) and shown.dtype == np.uint8
    assert np.array_equal(shown[::4, ::4], model_input[..., 0]) and np.array_equal(shown[3::4, 3::4], model_input[..., 0])
    step = preprocess.for_display(np.full((10, 20), 0.5), side=40)
    assert step.shape == (20, 40) and np.all(step == 128)
