"""The classroom's bad-input table, end to end: every case through core and through the CLI.

Each row is a file a student might hand in. Readable oddities (16-bit, CMYK, palette,
animation, transparency) must be predicted correctly; everything else must give one clear
sentence, never a traceback, while the other files are still predicted.
"""

import io
import json
import struct
import subprocess
import sys
import zipfile
import zlib

import numpy as np
import pytest
from conftest import ROOT
from PIL import Image

from core.prediction import image_io, preprocess
from core.storage import model_upload, registry


def _png_bytes(image: Image.Image, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", **options)
    return buffer.getvalue()


def _claimed_size_png(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge size: a decompression bomb's calling card."""
    data = bytearray(_png_bytes(Image.new("L", (8, 8))))
    header = b"IHDR" + struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(header))
    return bytes(data)


def _animated_gif(first: np.ndarray, second: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    frames = [Image.fromarray(255 - f).convert("P") for f in (first, second)]
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=200)
    return buffer.getvalue()


def _big(seven: np.ndarray) -> Image.Image:
    return Image.fromarray(seven).resize((140, 140), Image.Resampling.BICUBIC)


def build_cases(seven: np.ndarray, eight: np.ndarray) -> dict[str, tuple[bytes, str]]:
    """name → (file bytes, expected: a label, or the start of an error sentence)."""
    big = _big(seven)
    rgba = np.zeros((140, 140, 4), np.uint8)
    rgba[..., 3] = np.asarray(big)  # ink only in the alpha channel
    cmyk = io.BytesIO()
    Image.fromarray(255 - np.asarray(big)).convert("CMYK").save(cmyk, "JPEG", quality=90)
    sixteen = (np.asarray(big).astype(np.uint16) * 257).astype(np.uint16)
    photo_png = _png_bytes(big)
    return {
        "text-renamed.png": (b"this is a shopping list, not a picture", "This is not a picture format"),
        "truncated.png": (photo_png[: len(photo_png) // 2], "The picture is damaged"),
        "empty.png": (b"", "The file is empty"),
        "bomb.png": (_claimed_size_png(24_000, 24_000), "The picture is 24,000×24,000 pixels"),
        "drawing.svg": (b'<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0L9 9"/></svg>', "SVG drawings are not supported"),
        "one-pixel.png": (_png_bytes(Image.new("L", (1, 1), 255)), "The image is blank"),
        "sixteen-bit.png": (_png_bytes(Image.fromarray(sixteen)), "7"),
        "cmyk.jpg": (cmyk.getvalue(), "7"),
        "palette.png": (_png_bytes(big.convert("P")), "7"),
        "animated.gif": (_animated_gif(seven, eight), "7"),
        "transparent.png": (_png_bytes(Image.fromarray(rgba, "RGBA")), "7"),
        "plain-eight.png": (_png_bytes(_big(eight)), "8"),
    }


@pytest.fixture(scope="module")
def cases(digit_images):
    return build_cases(digit_images[7], digit_images[8])


@pytest.fixture(scope="module")
def classifier():
    return registry.load("mnist-7-vs-8")


def test_every_case_through_core(cases, classifier):
    for name, (payload, expected) in cases.items():
        if expected in ("7", "8"):
            (prediction,) = classifier.predict(payload)
            assert prediction.label == expected, f"{name}: predicted {prediction.label}"
            assert prediction.confidence > 0.8, f"{name}: only {prediction.confidence:.2f} sure"
        else:
            with pytest.raises(ValueError) as caught:
                classifier.predict(payload)
            assert isinstance(caught.value, image_io.ImageReadError | preprocess.BlankImageError), name
            assert str(caught.value).startswith(expected), f"{name}: {caught.value}"


def test_every_case_through_the_cli(cases, tmp_path):
    paths = []
    for name, (payload, _) in cases.items():
        (tmp_path / name).write_bytes(payload)
        paths.append(str(tmp_path / name))
    result = subprocess.run(
        [sys.executable, "-m", "core", "predict", "--model", "mnist-7-vs-8", "--json", *paths],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = {json.loads(line)["file"].rsplit("/", 1)[-1]: json.loads(line) for line in result.stdout.splitlines()}
    assert set(lines) == set(cases)
    for name, (_, expected) in cases.items():
        line = lines[name]
        if expected in ("7", "8"):
            assert line["label"] == expected, f"{name}: {line}"
        else:
            assert line["error"].startswith(expected), f"{name}: {line}"


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path, monkeypatch, classifier):
    monkeypatch.setattr(image_io, "MAX_IMAGE_BYTES", 1000)
    big = tmp_path / "huge.png"
    big.write_bytes(b"\x89PNG" + b"\x00" * 5000)
    with pytest.raises(image_io.ImageReadError, match="larger than"):
        classifier.predict(big)


@pytest.mark.parametrize(
    ("name", "canvas", "outcome"),
    [
        ("empty", np.zeros((280, 280, 4), np.uint8), "blank"),
        ("all filled", np.full((280, 280, 4), 255, np.uint8), "blank"),
        ("single dot", None, "prediction"),
    ],
)
def test_canvas_extremes(name, canvas, outcome, classifier):
    if canvas is None:
        canvas = np.zeros((280, 280, 4), np.uint8)
        canvas[138:142, 138:142] = 255
    if outcome == "blank":
        with pytest.raises(preprocess.BlankImageError, match="draw a digit first"):
            classifier.predict(canvas)
    else:
        (prediction,) = classifier.predict(canvas)
        assert prediction.label in ("7", "8") and 0.5 <= prediction.confidence <= 1


def _model_files(tmp_path):
    import keras

    from core.modeling import models

    lambda_model = keras.Sequential(
        [keras.Input((28, 28, 1)), keras.layers.Lambda(lambda x: x + 1), keras.layers.Flatten(), keras.layers.Dense(1)]
    )
    lambda_model.save(tmp_path / "lambda.keras")
    other_shape = models.build_model(models.ModelConfig(input_shape=(64, 64, 3), conv_filters=(4,), dropout=0))
    other_shape.save(tmp_path / "colour-64.keras")
    (tmp_path / "corrupt.keras").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    (tmp_path / "text.keras").write_text("definitely not a model")
    with zipfile.ZipFile(tmp_path / "some-zip.keras", "w") as archive:
        archive.writestr("notes.txt", "a zip, but no model inside")
    return tmp_path


@pytest.mark.parametrize(
    ("file", "message"),
    [
        ("lambda.keras", "custom code"),
        ("corrupt.keras", "not a Keras model file"),
        ("text.keras", "not a Keras model file"),
        ("some-zip.keras", "not a usable Keras model"),
        ("missing.keras", "No model named"),
    ],
)
def test_bad_model_files_give_a_sentence_naming_the_file(tmp_path, file, message):
    folder = _model_files(tmp_path)
    with pytest.raises(registry.ModelFileError, match=message):
        registry.load(folder / file)
    result = subprocess.run(
        [sys.executable, "-m", "core", "predict", "--model", str(folder / file), str(folder / "lambda.keras")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1 and message in result.stderr.splitlines()[-1] and "Traceback" not in result.stderr


def test_a_model_for_another_input_shape_uses_its_own_size(tmp_path, digit_images):
    folder = _model_files(tmp_path)
    classifier = registry.load(folder / "colour-64.keras")  # no metadata: photo style at 64×64×3
    assert classifier.style == "photo" and classifier.input_shape == (64, 64, 3)
    (prediction,) = classifier.predict(digit_images[7])
    assert prediction.label in classifier.class_names


def test_an_uploaded_models_json_cannot_point_the_server_at_a_folder(tmp_path, models_folder):
    from core.data import folders, test_sets
    from core.modeling import models

    private = tmp_path / "private"
    (private / "a").mkdir(parents=True)
    (private / "b").mkdir()
    model = models.build_model(models.ModelConfig(conv_filters=(2,), dropout=0))
    model.save(tmp_path / "upload.keras")
    metadata = {
        "task": "folder",
        "class_names": ["a", "b"],
        "input_style": "photo",
        "input_shape": [28, 28, 1],
        "train_config": {"data": str(private), "test_data": "/etc", "seed": 3},
    }
    model_upload.import_uploaded((tmp_path / "upload.keras").read_bytes(), "uploaded", metadata=metadata, folder=models_folder)
    saved = json.loads((models_folder / "uploaded.json").read_text())
    assert "data" not in saved["train_config"] and "test_data" not in saved["train_config"]
    assert saved["train_config"]["seed"] == 3
    with pytest.raises(ValueError, match="no longer uploaded here"):
        test_sets.dataset_options(metadata)  # even an unfiltered path is refused: not an app upload
    assert not folders.is_upload_folder(private) and not folders.is_upload_folder("/")
    upload = folders.new_upload_folder()
    assert folders.is_upload_folder(upload.name)
    upload.cleanup()
    assert not folders.is_upload_folder(upload.name)
