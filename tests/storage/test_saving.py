import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from core.modeling.build import build_model, compile_model
from core.modeling.config import preset
from core.storage import listing, loading, saving

METADATA = {"task": "7-vs-8", "class_names": ["7", "8"], "input_style": "mnist", "test_metrics": {"accuracy": 0.5}}


def test_save_then_load_gives_the_same_outputs(small_dense_model, models_folder):
    path = saving.save(small_dense_model, "my-model", METADATA)
    assert path == models_folder / "my-model.keras" and (models_folder / "my-model.json").is_file()
    assert not [p for p in models_folder.iterdir() if p.name.startswith(".")]  # no temporary files left
    record = saving.read_metadata(path)
    assert record["task"] == "7-vs-8" and record["keras_sha256"] == saving.sha256(path) and record["saved"]
    inputs = np.random.default_rng(0).integers(0, 256, (16, 28, 28, 1)).astype(np.uint8)
    loaded = loading.load("my-model")
    np.testing.assert_allclose(loaded.model.predict_on_batch(inputs), small_dense_model.predict_on_batch(inputs), rtol=1e-6)
    np.testing.assert_allclose(
        [w for layer in loaded.model.get_weights() for w in layer.ravel()],
        [w for layer in small_dense_model.get_weights() for w in layer.ravel()],
    )


def test_numpy_values_in_metadata_are_written_as_plain_json(small_dense_model, models_folder):
    saving.save(small_dense_model, "numbers", METADATA | {"counts": {"train": np.int64(800)}, "curve": np.array([0.5, 0.25])})
    record = json.loads((models_folder / "numbers.json").read_text())
    assert record["counts"] == {"train": 800} and record["curve"] == [0.5, 0.25]


def test_unsafe_names_never_touch_the_disk(small_dense_model, models_folder):
    for name in ("../x", "/etc/passwd", "x.keras", ""):
        with pytest.raises(ValueError):
            saving.save(small_dense_model, name, METADATA)
    assert list(models_folder.iterdir()) == []


def test_shipped_names_can_be_protected_and_existing_names_kept(small_dense_model, models_folder):
    with pytest.raises(ValueError, match="default models"):
        saving.save(small_dense_model, "mnist-7-vs-8", METADATA, protect_shipped=True)
    saving.save(small_dense_model, "taken", METADATA)
    with pytest.raises(ValueError, match="exists already"):
        saving.save(small_dense_model, "taken", METADATA, overwrite=False)
    assert sorted(p.name for p in models_folder.iterdir()) == ["taken.json", "taken.keras"]


def test_a_failed_save_leaves_the_old_model(small_dense_model, models_folder):
    saving.save(small_dense_model, "keep-me", METADATA)
    before = (models_folder / "keep-me.keras").read_bytes()

    class Exploding:
        def save(self, path):
            Path(path).write_bytes(b"half a model")
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        saving.save(Exploding(), "keep-me", METADATA)
    assert (models_folder / "keep-me.keras").read_bytes() == before
    assert [m["name"] for m in listing.list_models()] == ["keep-me"]
    assert not [p for p in models_folder.iterdir() if p.name.startswith(".")]


def test_a_crash_between_the_two_renames_is_finished_on_listing(small_dense_model, models_folder, monkeypatch):
    saving.save(small_dense_model, "half", METADATA)
    renames = []
    real_replace = os.replace

    def crash_on_second(source, target):
        renames.append(target)
        if len(renames) == 2:
            raise KeyboardInterrupt  # the process dies here
        real_replace(source, target)

    other = compile_model(build_model(preset("dense", dense_units=(3,))), 2)
    monkeypatch.setattr(saving.os, "replace", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        saving.save(other, "half", METADATA | {"task": "3-vs-rest", "class_names": ["not 3", "3"]})
    monkeypatch.setattr(saving.os, "replace", real_replace)
    assert listing.list_models() == []  # so fresh, the save might still be running: not touched
    old = time.time() - 60
    os.utime(models_folder / "half.keras", (old, old))
    (listed,) = listing.list_models()
    assert listed["task"] == "3-vs-rest"  # the new pair, completed
    assert loading.load("half").class_names == ("not 3", "3")


@pytest.mark.slow
def test_a_save_killed_at_any_moment_never_lists_a_broken_model(models_folder):
    """Kills a process that saves in a loop; whatever is listed afterwards must load."""
    root = str(Path(__file__).resolve().parents[2])
    script = (
        f"import sys; sys.path.insert(0, {root!r})\n"
        "from core.modeling.build import build_model, compile_model\n"
        "from core.modeling.config import PRESETS\n"
        "from core.storage.saving import save\n"
        "m = compile_model(build_model(PRESETS['cnn']), 2)\n"
        "save(m, 'busy', {'task': '7-vs-8', 'class_names': ['7', '8']})\n"
        "print('ready', flush=True)\n"
        "while True:\n"
        "    save(m, 'busy', {'task': '7-vs-8', 'class_names': ['7', '8']})\n"
    )
    for delay in (0.3, 0.6, 0.9, 1.2):
        process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, env=os.environ.copy())
        assert process.stdout.readline().strip() == b"ready"
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        if (models_folder / "busy.keras").exists():  # make a cut-short save look old enough to finish
            os.utime(models_folder / "busy.keras", (time.time() - 60,) * 2)
        listed = listing.list_models()
        assert [m["name"] for m in listed] == ["busy"]  # saved once before the kill: always listed, old or new
        for metadata in listed:
            loading.load(metadata["name"])  # raises if the listed pair is broken
