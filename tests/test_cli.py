import json
import os
import subprocess
import sys

import numpy as np
import pytest
from conftest import ROOT, SHARED_MNIST
from PIL import Image


def run_cli(*args, env_extra=None):
    env = os.environ | {"SIGMOID_LAB_OFFLINE": "1"} | (env_extra or {})
    return subprocess.run([sys.executable, "-m", "core", *args], cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def image_files(tmp_path_factory, t10k):
    """A 7 and an 8 as people hand them in (dark ink on white, larger), plus odd files."""
    x, y = t10k
    folder = tmp_path_factory.mktemp("images")
    files = {}
    for digit in (7, 8):
        image = Image.fromarray(255 - x[np.flatnonzero(y == digit)[0]]).resize((140, 140), Image.Resampling.BICUBIC)
        files[digit] = folder / f"digit-{digit}.png"
        image.save(files[digit])
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


def test_predict_plain_text_and_unknown_model(image_files):
    result = run_cli("predict", "--model", "mnist-7-vs-8", str(image_files[7]))
    assert result.returncode == 0 and ": 7 (confidence" in result.stdout
    missing = run_cli("predict", "--model", "../../etc/passwd", str(image_files[7]))
    assert (
        missing.returncode == 1
        and missing.stderr.splitlines()[-1].startswith("error: No model named")
        and "Traceback" not in missing.stderr
    )


def test_evaluate_on_the_real_test_set():
    result = run_cli("evaluate", "--model", "mnist-7-vs-8", "--data", str(SHARED_MNIST), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["images"] == 2002 and report["accuracy"] > 0.99 and report["roc_auc"] > 0.998
    assert np.array(report["confusion_matrix"]).sum() == 2002
    text = run_cli("evaluate", "--model", "mnist-7-vs-8", "--data", str(SHARED_MNIST))
    assert "confusion matrix" in text.stdout and "roc_auc" in text.stdout


def test_train_saves_a_model_that_predict_can_use(models_folder, image_files):
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
        env_extra={"SIGMOID_LAB_MODELS": str(models_folder)},
    )
    assert result.returncode == 0, result.stderr
    assert "epoch 1/1" in result.stdout and "test accuracy" in result.stdout
    metadata = json.loads((models_folder / "cli-shapes.json").read_text())
    assert metadata["command"].startswith("python -m core train --task shapes") and metadata["task"] == "shapes"
    listed = run_cli("models", env_extra={"SIGMOID_LAB_MODELS": str(models_folder)})
    assert "cli-shapes" in listed.stdout and "square vs circle" in listed.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["train", "--task", "7-vs-7", "--name", "x"], "two different digits"),
        (["train", "--task", "7-vs-8", "--name", "../x"], "model name"),
        (["train", "--task", "7-vs-8", "--epochs", "0", "--name", "x"], "at least 1 epoch"),
        (["train", "--task", "7-vs-8", "--data", "/nowhere", "--name", "x"], "--data must be"),
        (["evaluate", "--model", "mnist-7-vs-8", "--data", "/nowhere.npz"], "does not exist"),
    ],
)
def test_user_errors_are_one_line_not_a_traceback(args, message, models_folder):
    result = run_cli(*args, env_extra={"SIGMOID_LAB_MODELS": str(models_folder)})
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr


def test_models_lists_the_shipped_models():
    result = run_cli("models")
    for name in ("mnist-7-vs-8", "mnist-3-vs-rest", "mnist-digits", "shapes-circle-vs-square"):
        assert name in result.stdout
