"""Hostile uploads (issue 24): each crafted file is refused with a sentence, and the models folder is left as it was."""

import json
import tracemalloc

import numpy as np
import pytest

from core.modeling.build import build_model
from core.modeling.config import preset
from core.storage import archive, listing, loading, metadata_check, model_upload, names
from tests.helpers.hostile_models import config_of, folder_state, insert_layer, keras_layer, layer, repack, zip_bomb


@pytest.fixture(scope="module")
def tiny_bytes(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "tiny.keras"
    build_model(preset("tiny-cnn")).save(path)
    return path.read_bytes()


@pytest.fixture
def guarded(models_folder, tiny_bytes):
    """A models folder holding one good model; yields the folder and asserts afterwards that nothing changed."""
    model_upload.import_uploaded(tiny_bytes, "keeper", task="7-vs-8", folder=models_folder)
    before = folder_state(models_folder)
    yield models_folder
    assert folder_state(models_folder) == before


def refused(data, guarded, error=names.ModelFileError, **options):
    options.setdefault("task", "7-vs-8")
    with pytest.raises(error) as caught:
        model_upload.import_uploaded(data, "hostile", folder=guarded, file_name="hostile.keras", **options)
    message = str(caught.value)
    assert "/tmp" not in message and "Traceback" not in message
    return message


def test_a_zip_bomb_config_is_refused_from_the_directory_before_anything_is_inflated(tiny_bytes, guarded):
    bomb = zip_bomb(tiny_bytes)
    assert len(bomb) < 3_000_000  # 2 MB that would inflate to 2 GiB
    tracemalloc.start()
    message = refused(bomb, guarded)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert message == (
        "hostile.keras would unpack its config.json to 2.1 GB; the lab accepts at most 1.0 MB for it, so the file was not opened."
    )
    assert peak < 20_000_000, f"{peak:,} bytes allocated while refusing"  # the upload's own copy, nothing inflated


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({f"junk/{i}.txt": b"x" for i in range(20)}, "hostile.keras holds 23 files inside; a Keras model holds three"),
        ({"assets/vocabulary.txt": b"cat\ndog"}, "hostile.keras holds files a Keras image model never holds (assets/"),
        ({"model.weights.npz": b"\0" * (archive.MAX_WEIGHTS_BYTES + 1)}, "hostile.keras would unpack its model.weights.npz"),
    ],
)
def test_odd_archive_members_are_refused(tiny_bytes, guarded, extra, expected):
    assert refused(repack(tiny_bytes, extra=extra), guarded).startswith(expected)


def _with_layer(tiny_bytes, entry):
    return repack(tiny_bytes, insert_layer(config_of(tiny_bytes), entry))


CODE_CARRIERS = {
    "TFSMLayer": (
        keras_layer("TFSMLayer", {"filepath": "/srv/other-model", "call_endpoint": "serve"}),
        "asks to load another saved model from a folder on the computer (a Keras TFSMLayer)",
    ),
    "StringLookup": (
        keras_layer("StringLookup", {"vocabulary": "/etc/passwd", "num_oov_indices": 1}),
        "has a StringLookup layer, which can read a word list or table from a file on the computer",
    ),
    "IntegerLookup": (
        keras_layer("IntegerLookup", {"vocabulary": "/etc/hosts"}),
        "has a IntegerLookup layer, which can read",
    ),
    "TextVectorization": (keras_layer("TextVectorization", {"vocabulary": "/etc/hosts"}), "has a TextVectorization layer"),
    "custom class": (
        keras_layer("Spy", {}, module="evil.layers", registered="Custom>Spy"),
        "uses a layer called 'Spy' that its author programmed (not one Keras ships)",
    ),
    "custom name on a Keras class": (
        keras_layer("Dense", {"units": 1}, registered="Custom>Dense"),
        "uses a layer called 'Dense' that its author programmed",
    ),
    "unknown Keras kind": (keras_layer("LSTM", {"units": 4}), "uses a kind of layer the lab does not take (LSTM)"),
    "function object": (
        keras_layer("Activation", {"activation": {"module": "builtins", "class_name": "function", "config": "exec"}}),
        "contains its own program code (a Keras Lambda layer)",
    ),
}


@pytest.mark.parametrize("kind", CODE_CARRIERS)
def test_every_code_or_file_carrying_layer_is_refused_with_its_own_sentence(tiny_bytes, guarded, kind):
    entry, expected = CODE_CARRIERS[kind]
    message = refused(_with_layer(tiny_bytes, entry), guarded)
    assert message.startswith(f"hostile.keras {expected}")
    assert "the lab never runs code or opens other files on behalf of a model file" in message or "does not take" in message
    if kind not in ("function object",):
        assert "Lambda" not in message


def test_a_real_lambda_model_is_refused_before_keras_sees_it(guarded, tmp_path):
    import keras

    inputs = keras.Input((28, 28, 1))
    outputs = keras.layers.Dense(1, activation="sigmoid")(keras.layers.Flatten()(keras.layers.Lambda(lambda t: t * 2.0)(inputs)))
    keras.Model(inputs, outputs).save(tmp_path / "lambda.keras")
    message = refused((tmp_path / "lambda.keras").read_bytes(), guarded)
    assert message.startswith("hostile.keras contains its own program code (a Keras Lambda layer)")


def test_a_billion_unit_dense_layer_is_refused_from_its_config_before_it_is_built(tiny_bytes, guarded):
    config = config_of(tiny_bytes)
    dense = layer(config, "Dense")
    dense["config"]["units"] = 1_000_000_000
    following = config["config"]["layers"][config["config"]["layers"].index(dense) + 1]
    following["build_config"]["input_shape"] = [None, 1_000_000_000]
    tracemalloc.start()
    message = refused(repack(tiny_bytes, config), guarded)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    count = int(message.split(" parameters")[0].rsplit(" ", 1)[1].replace(",", ""))
    assert message.startswith("hostile.keras describes a network with ") and count > 10**12
    assert "the lab takes at most 5,000,000, so the file was not opened" in message and "OOM" not in message
    assert peak < 20_000_000


def test_a_config_that_lies_about_a_layers_input_is_refused(tiny_bytes, guarded):
    config = config_of(tiny_bytes)
    layer(config, "Dense")["build_config"]["input_shape"] = [None, 10_000_000]
    message = refused(repack(tiny_bytes, config), guarded)
    assert (
        message
        == "hostile.keras describes a network the lab cannot build: it contradicts itself about the size of a layer's input."
    )


def test_a_linear_output_is_refused_not_shown_as_confident(tiny_bytes, guarded, tmp_path):
    config = config_of(tiny_bytes)
    config["config"]["layers"][-1]["config"]["activation"] = "linear"
    data = repack(tiny_bytes, config)
    message = refused(data, guarded)
    assert message.startswith("The last layer of hostile.keras gives raw scores ('linear'), not a sigmoid between 0 and 1")
    (tmp_path / "linear.keras").write_bytes(data)
    with pytest.raises(names.ModelFileError, match=r"gives raw scores \('linear'\)"):
        loading.load(tmp_path / "linear.keras")  # a file copied into a folder by hand is refused on loading too


@pytest.fixture(scope="module")
def nan_model():
    model = build_model(preset("tiny-cnn"))
    weights = model.get_weights()
    weights[-1] = np.full_like(weights[-1], np.nan)
    model.set_weights(weights)
    return model


def test_broken_weights_are_refused_on_upload(nan_model, guarded, tmp_path):
    nan_model.save(tmp_path / "nan.keras")
    message = refused((tmp_path / "nan.keras").read_bytes(), guarded)
    assert message.startswith("hostile.keras has 1 broken weights (not a number, or infinite)")


def test_nan_answers_give_a_sentence_on_draw_and_evaluate(nan_model, tmp_path):
    from core.inspection import evaluation
    from core.prediction import predict

    nan_model.save(tmp_path / "nan.keras")
    classifier = loading.load(tmp_path / "nan.keras")
    images = np.zeros((3, 28, 28, 1), np.uint8)
    with pytest.raises(predict.NonFiniteOutputError, match=r"^The model's answer for 3 of 3 pictures is not a number"):
        classifier.predict_inputs(images)
    with pytest.raises(ValueError, match="train it again with a smaller learning rate"):
        evaluation.evaluate(classifier, images, np.array([0, 1, 0]), task_labels=True)


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [
        (
            {"task": "shapes", "train_config": {"shapes_count": 1_000_000_000}},
            "is 1,000,000,000, but it must be between 1 and 100,000",
        ),
        ({"task": "7-vs-8", "train_config": {"epochs": 10**7}}, "the epochs (train_config.epochs) is 10,000,000"),
        ({"task": "7-vs-8", "class_names": ["7", "8" * 5000]}, "a class name should be a piece of text of at most 40 characters"),
        ({"task": "7-vs-8", "class_names": ["7", "8\x1b[2J"]}, "a class name holds invisible control characters"),
        ({"task": "7-vs-8", "history": [{"loss": float("nan")}]}, "a number that is not a number (NaN or infinity)"),
        ({"task": "7-vs-8", "input_style": "shell"}, "input_style should be one of mnist, ink, photo"),
        ({"task": "7-vs-8", "notes": "x" * 300_000}, "it is 292 KB long; the lab takes at most 256 KB"),
        ({"task": "7-vs-8", "deep": [[[[[[[["down"]]]]]]]]}, "nested more than 6 levels deep"),
        (["not", "a", "dict"], "it should hold named fields"),
    ],
)
def test_metadata_outside_the_schema_is_refused(tiny_bytes, guarded, metadata, expected):
    message = refused(tiny_bytes, guarded, metadata_check.MetadataError, metadata=metadata, task=None)
    assert message.startswith("The model's .json file is not one the lab can use: ") and expected in message


def test_metadata_within_the_schema_is_kept(tiny_bytes, models_folder):
    shipped = json.loads((names.DEFAULT_MODELS_DIR / "shapes-circle-vs-square.json").read_text())
    path = model_upload.import_uploaded(tiny_bytes, "shapes-copy", metadata=shipped, folder=models_folder)
    saved = json.loads(path.with_suffix(".json").read_text())
    assert saved["train_config"]["shapes_count"] == 4000 and saved["history"] == shipped["history"]


@pytest.mark.parametrize("name", names.SHIPPED_MODELS)
def test_the_config_count_of_parameters_matches_keras(name):
    from core.storage.model_check import inspect_file

    path = names.DEFAULT_MODELS_DIR / f"{name}.keras"
    facts = inspect_file(path)
    model = loading.load_keras_model(path)
    assert facts.parameters == model.count_params() and facts.output_activation in ("sigmoid", "softmax")
    assert facts.input_shape == (28, 28, 1) and facts.output_shape == model.output_shape[1:]


def test_a_functional_model_with_two_branches_is_counted_and_accepted(guarded, tmp_path):
    import keras

    inputs = keras.Input((28, 28, 1))
    left = keras.layers.Conv2D(4, 3, padding="same")(inputs)
    right = keras.layers.Conv2D(4, 5, padding="same")(inputs)
    merged = keras.layers.Concatenate()([keras.layers.Add()([left, right]), left])
    outputs = keras.layers.Dense(1, activation="sigmoid")(keras.layers.GlobalAveragePooling2D()(merged))
    model = keras.Model(inputs, outputs)
    model.save(tmp_path / "branches.keras")
    from core.storage.model_check import inspect_file

    assert inspect_file(tmp_path / "branches.keras").parameters == model.count_params()


def test_listing_sweeps_only_old_leftover_save_files(models_folder, tiny_bytes, monkeypatch):
    import os
    import time

    model_upload.import_uploaded(tiny_bytes, "kept", task="7-vs-8", folder=models_folder)
    old, fresh = time.time() - 600, time.time()
    files = {
        ".kept.ab12cd34.keras": old,  # a save killed before its first rename
        ".kept.ef56gh78.json": old,
        ".other.model.zz99yy88.keras": old,
        ".kept.new12345.keras": fresh,  # a save in progress in another process right now
        ".kept.new67890.json": fresh,
        ".gitkeep": old,  # not the lab's: never touched
    }
    for name, stamp in files.items():
        (models_folder / name).write_bytes(b"{}")
        os.utime(models_folder / name, (stamp, stamp))
    monkeypatch.setattr(listing, "_last_sweep", {})
    assert [m["name"] for m in listing.list_models(models_folder)] == ["kept"]
    left = sorted(p.name for p in models_folder.iterdir())
    assert left == [".gitkeep", ".kept.new12345.keras", ".kept.new67890.json", "kept.json", "kept.keras"]


def test_a_leftover_json_that_finishes_an_interrupted_save_is_used_not_deleted(models_folder, tiny_bytes, monkeypatch):
    import os
    import time

    from core.storage import saving

    path = model_upload.import_uploaded(tiny_bytes, "halfway", task="7-vs-8", folder=models_folder)
    finished = json.loads(path.with_suffix(".json").read_text()) | {"note": "the new metadata"}
    path.with_suffix(".json").write_text(json.dumps(finished | {"keras_sha256": "an older file"}))  # the old .json
    leftover = models_folder / ".halfway.k3y4b5c6.json"
    leftover.write_text(json.dumps(finished | {"keras_sha256": saving.sha256(path)}))
    old = time.time() - 600
    for file in (leftover, path, path.with_suffix(".json")):
        os.utime(file, (old, old))
    monkeypatch.setattr(listing, "_last_sweep", {})
    assert [m["note"] for m in listing.list_models(models_folder)] == ["the new metadata"]
    assert not leftover.exists()
