from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from core.prediction import image_io
from tests.helpers.drawings import seven
from tests.helpers.files import encode


def test_paths_bytes_file_objects_arrays_and_pil_images_open_alike(tmp_path):
    path = tmp_path / "seven.png"
    Image.fromarray(seven()).save(path)
    expected = seven()
    with open(path, "rb") as handle:
        sources = [path, str(path), path.read_bytes(), handle, seven(), Image.fromarray(seven())]
        for source in sources:
            assert np.array_equal(np.asarray(image_io.open_image(source).convert("L")), expected)


def test_exif_orientation_is_applied():
    tall = np.zeros((200, 100), np.uint8)
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    jpeg = encode(Image.fromarray(tall).convert("RGB"), "JPEG", exif=exif.tobytes(), quality=95)
    assert image_io.open_image(jpeg).size == (200, 100)  # width, height after rotation


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty"),
        (b"this is not an image at all", "not a picture format"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "SVG"),
    ],
)
def test_unreadable_input_raises_a_sentence(data, message):
    with pytest.raises(image_io.ImageReadError, match=message):
        image_io.open_image(data)


def test_missing_and_oversized_files_are_refused_before_reading(tmp_path, monkeypatch):
    with pytest.raises(image_io.ImageReadError, match="does not exist"):
        image_io.open_image(Path("/no/such/picture.png"))
    monkeypatch.setattr(image_io, "MAX_IMAGE_BYTES", 1000)
    big = tmp_path / "huge.png"
    big.write_bytes(b"\x89PNG" + b"\x00" * 5000)
    with pytest.raises(image_io.ImageReadError, match="larger than"):
        image_io.open_image(big)


def test_sixteen_bit_and_float_images_are_scaled_not_clipped():
    deep = seven().astype(np.uint16) * 257  # 0..65535
    for source in (deep, encode(Image.fromarray(deep), "PNG")):
        image = image_io.open_image(source)
        assert image.mode in image_io.HIGH_DEPTH_MODES
        gray, from_alpha = image_io.to_gray(image)
        assert not from_alpha and np.abs(gray - seven() / 255).max() < 1e-3


def test_alpha_is_the_ink_only_with_real_transparency():
    assert image_io.alpha_is_ink(np.array([[0, 255]], np.uint8))
    assert image_io.alpha_is_ink(np.array([[249, 255]], np.uint8))
    assert not image_io.alpha_is_ink(np.array([[250, 255]], np.uint8))  # a nearly opaque picture: its colours are the ink
    assert not image_io.alpha_is_ink(np.zeros((0, 0), np.uint8))


@pytest.mark.parametrize("alpha", [255, 250, 200])
def test_the_canvas_fast_path_reads_as_pil_does(alpha):
    canvas = np.zeros((60, 60, 4), np.uint8)
    canvas[..., :3] = seven(60)[..., None]
    canvas[..., 3] = np.where(seven(60) > 0, 255, alpha)
    fast, fast_alpha = image_io.read_gray(canvas)
    slow, slow_alpha = image_io.to_gray(image_io.open_image(canvas.copy()[..., :4]))
    assert fast_alpha == slow_alpha == (alpha < 250)
    np.testing.assert_allclose(fast, slow, atol=1 / 255)
