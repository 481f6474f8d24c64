"""core/cli_commands.py: what train, predict, evaluate and models print, run as a user would."""

import json

import numpy as np
import pytest
from PIL import Image

from core.data.test_sets import SHARED_MNIST
from tests.helpers.bad_inputs import bad_input_cases
from tests.helpers.cli import run_cli


@pytest.fixture(scope="module")
def image_files(tmp_path_factory, digit_images):
    """A 7 and an 8 as people hand them in (dark ink on white, larger), plus odd files."""
    folder = tmp_path_factory.mktemp("images")
    files = {}
    for digit in (7, 8):
        files[digit] = folder / f"digit-{digit}.png"
        Image.fromarray(255 - digit_images[digit]).resize((140, 140), Image.Resampling.BICUBIC).save(files[digit])
    (folder / "text.png").write_text("just text")
    (folder / "empty.png").write_bytes(b"")
    Image.new("L", (50, 50), 255).save(folder / "blank.png")
    files["odd"] = [folder / "text.png", folder / "empty.png", folder / "blank.png", folder / "missing.png"]
    return files


def test_predict_json_answers_correctly_and_reports_bad_files(image_files):
    result = run_cli(
        "predict", "--model", "mnist-7-vs-8", "--json", str(image_files[7]), str(image_files[8]), *map(str, image_files["odd"])
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["label"] for line in lines[:2]] == ["7", "8"]
    assert all(line["confidence"] > 0.9 for line in lines[:2])
    assert lines[0]["probability"] < 0.1 < 0.9 < lines[1]["probability"]  # the sigmoid is P(8)
    assert [set(line) for line in lines[2:]] == [{"file", "error"}] * 4
    assert "blank" in lines[4]["error"]


def test_predict_plain_text(image_files):
    result = run_cli("predict", "--model", "mnist-7-vs-8", str(image_files[7]))
    assert result.returncode == 0 and result.stdout.startswith(f"{image_files[7]}: 7 (confidence ")


def test_every_bad_input_through_the_cli(digit_images, tmp_path):
    cases = bad_input_cases(digit_images[7], digit_images[8])
    for name, (payload, _) in cases.items():
        (tmp_path / name).write_bytes(payload)
    result = run_cli("predict", "--model", "mnist-7-vs-8", "--json", *(str(tmp_path / name) for name in cases))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = {json.loads(line)["file"].rsplit("/", 1)[-1]: json.loads(line) for line in result.stdout.splitlines()}
    assert set(lines) == set(cases)
    for name, (_, expected) in cases.items():
        if expected in ("7", "8"):
            assert lines[name]["label"] == expected, f"{name}: {lines[name]}"
        else:
            assert lines[name]["error"].startswith(expected), f"{name}: {lines[name]}"


def test_evaluate_on_the_real_test_set():
    result = run_cli("evaluate", "--model", "mnist-7-vs-8", "--data", str(SHARED_MNIST), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["images"] == 2002 and report["accuracy"] > 0.99 and report["roc_auc"] > 0.998
    assert np.array(report["confusion_matrix"]).sum() == 2002 and report["class_names"] == ["7", "8"]
    text = run_cli("evaluate", "--model", "mnist-7-vs-8", "--data", str(SHARED_MNIST))
    assert f"mnist-7-vs-8 on 2,002 images from {SHARED_MNIST}" in text.stdout
    assert "confusion matrix (rows: true, columns: predicted)" in text.stdout and "roc_auc" in text.stdout


def test_train_saves_a_model_that_models_lists(models_folder):
    env = {"SIGMOID_LAB_MODELS": str(models_folder)}
    result = run_cli(
        "train",
        "--task",
        "shapes",
        "--preset",
        "tiny-cnn",
        "--epochs",
        "1",
        "--batch-size",
        "32",
        "--name",
        "cli-shapes",
        env_extra=env,
    )
    assert result.returncode == 0, result.stderr
    assert "data: Generated shapes" in result.stdout and "epoch 1/1" in result.stdout and "test accuracy" in result.stdout
    metadata = json.loads((models_folder / "cli-shapes.json").read_text())
    assert metadata["command"].startswith("python -m core train --task shapes") and metadata["task"] == "shapes"
    listed = run_cli("models", env_extra=env).stdout
    assert listed.startswith("cli-shapes ") and " shapes " in listed and "square vs circle" in listed
    assert f"test accuracy {metadata['test_metrics']['accuracy']:.2%} on 500 held-out test images" in listed


def test_models_lists_the_shipped_models_with_their_accuracy():
    lines = run_cli("models").stdout.splitlines()
    assert [line.split()[0] for line in lines[:4]] == [
        "mnist-3-vs-rest",
        "mnist-7-vs-8",
        "mnist-digits",
        "shapes-circle-vs-square",
    ]
    assert "7 vs 8" in lines[1] and lines[1].endswith("test accuracy 99.45% on 2,002 images of the real MNIST test set (t10k)")
    assert "10 classes" in lines[2]


def test_an_empty_models_folder_says_so(models_folder):
    assert run_cli("models", env_extra={"SIGMOID_LAB_MODELS": str(models_folder)}).stdout == f"no models in {models_folder}\n"
