import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from core.modeling import models
from core.storage import registry


@pytest.fixture(scope="module")
def small_model():
    model = models.build_model(models.preset("dense", dense_units=(4,)))
    return models.compile_model(model, 2)


METADATA = {"task": "7-vs-8", "class_names": ["7", "8"], "input_style": "mnist", "test_metrics": {"accuracy": 0.5}}


def test_save_list_and_load_round_trip(small_model, models_folder):
    path = registry.save(small_model, "my-model", METADATA)
    assert path == models_folder / "my-model.keras" and (models_folder / "my-model.json").is_file()
    assert not [p for p in models_folder.iterdir() if p.name.startswith(".")]  # no temporary files left
    (listed,) = registry.list_models()
    assert listed["name"] == "my-model" and listed["task"] == "7-vs-8" and listed["saved"]
    classifier = registry.load("my-model")
    assert classifier.class_names == ("7", "8") and classifier.input_shape == (28, 28, 1)
    digit = np.zeros((28, 28), np.uint8)
    digit[5:23, 12:16] = 255
    (prediction,) = classifier.predict(digit)
    assert prediction.label in ("7", "8") and 0.5 <= prediction.confidence <= 1
    assert prediction.probabilities["8"] == pytest.approx(prediction.probability)


@pytest.mark.parametrize(
    "name",
    [
        "../x",
        "../../x",
        "/etc/passwd",
        "",
        "   ",
        "a" * 500,
        "name/with/slash",
        "x.keras",
        "..",
        ".hidden",
        "ünïcode",
        "two words",
    ],
)
def test_unsafe_names_are_refused(small_model, models_folder, name):
    with pytest.raises(ValueError):
        registry.save(small_model, name, METADATA)
    assert list(models_folder.iterdir()) == []


def test_shipped_names_can_be_protected(small_model, models_folder):
    with pytest.raises(ValueError, match="default models"):
        registry.save(small_model, "mnist-7-vs-8", METADATA, protect_shipped=True)
    registry.save(small_model, "taken", METADATA)
    with pytest.raises(ValueError, match="exists already"):
        registry.save(small_model, "taken", METADATA, overwrite=False)


def test_a_failed_save_leaves_the_old_model(small_model, models_folder, monkeypatch):
    registry.save(small_model, "keep-me", METADATA)
    before = (models_folder / "keep-me.keras").read_bytes()

    class Exploding:
        def save(self, path):
            Path(path).write_bytes(b"half a model")
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        registry.save(Exploding(), "keep-me", METADATA)
    assert (models_folder / "keep-me.keras").read_bytes() == before
    assert [m["name"] for m in registry.list_models()] == ["keep-me"]
    assert not [p for p in models_folder.iterdir() if p.name.startswith(".")]


def test_a_save_killed_at_any_moment_never_lists_a_broken_model(models_folder):
    """Kills a process that saves in a loop; whatever is listed afterwards must load."""
    root = str(Path(__file__).resolve().parents[1])
    script = (
        f"import sys; sys.path.insert(0, {root!r})\n"
        "from core import models, registry\n"
        "m = models.compile_model(models.build_model(models.PRESETS['cnn']), 2)\n"
        "registry.save(m, 'busy', {'task': '7-vs-8', 'class_names': ['7', '8']})\n"
        "print('ready', flush=True)\n"
        "while True:\n"
        "    registry.save(m, 'busy', {'task': '7-vs-8', 'class_names': ['7', '8']})\n"
    )
    for delay in (0.3, 0.6, 0.9, 1.2):
        process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, env=os.environ.copy())
        assert process.stdout.readline().strip() == b"ready"
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        if (models_folder / "busy.keras").exists():  # make a cut-short save look old enough to finish
            os.utime(models_folder / "busy.keras", (time.time() - 60,) * 2)
        listed = registry.list_models()
        assert [m["name"] for m in listed] == ["busy"]  # saved once before the kill: always listed, old or new
        for metadata in listed:
            registry.load(metadata["name"])  # raises if the listed pair is broken


def test_a_crash_between_the_two_renames_is_finished_on_listing(small_model, models_folder, monkeypatch):
    registry.save(small_model, "half", METADATA)
    renames = []
    real_replace = os.replace

    def crash_on_second(source, target):
        renames.append(target)
        if len(renames) == 2:
            raise KeyboardInterrupt  # the process dies here
        real_replace(source, target)

    monkeypatch.setattr(registry.os, "replace", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        other = models.compile_model(models.build_model(models.preset("dense", dense_units=(3,))), 2)
        registry.save(other, "half", METADATA | {"task": "3-vs-rest", "class_names": ["not 3", "3"]})
    monkeypatch.setattr(registry.os, "replace", real_replace)
    assert registry.list_models() == []  # so fresh, the save might still be running: not touched
    old = time.time() - 60
    os.utime(models_folder / "half.keras", (old, old))
    (listed,) = registry.list_models()
    assert listed["task"] == "3-vs-rest"  # the new pair, completed
    assert registry.load("half").class_names == ("not 3", "3")


def test_a_mismatched_pair_is_not_listed(small_model, models_folder):
    registry.save(small_model, "pair", METADATA)
    metadata = json.loads((models_folder / "pair.json").read_text())
    metadata["keras_sha256"] = "0" * 64
    (models_folder / "pair.json").write_text(json.dumps(metadata))
    assert registry.list_models() == []


def test_corrupt_file_gives_an_error_naming_it(tmp_path):
    broken = tmp_path / "broken.keras"
    broken.write_bytes(b"PK\x03\x04 this is not a keras archive")
    with pytest.raises(registry.ModelFileError, match=r"broken\.keras"):
        registry.load(broken)


def test_lambda_layers_are_refused_by_safe_mode(tmp_path):
    import keras

    model = keras.Sequential(
        [keras.Input((28, 28, 1)), keras.layers.Lambda(lambda x: x * 2), keras.layers.Flatten(), keras.layers.Dense(1)]
    )
    path = tmp_path / "sneaky.keras"
    model.save(path)
    with pytest.raises(registry.ModelFileError, match="custom code"):
        registry.load(path)


def test_missing_model_and_metadata(small_model, tmp_path, models_folder):
    with pytest.raises(registry.ModelFileError, match="No model named"):
        registry.load("nobody")
    bare = tmp_path / "bare.keras"
    small_model.save(bare)
    classifier = registry.load(bare)  # no JSON beside it: generic class names
    assert classifier.class_names == ("class 0", "class 1") and classifier.style == "mnist"


def test_shipped_models_are_listed_first():
    names = [m["name"] for m in registry.list_models(registry.DEFAULT_MODELS_DIR)]
    assert names[: len(registry.SHIPPED_MODELS)] == sorted(registry.SHIPPED_MODELS)
