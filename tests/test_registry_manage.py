import json

import numpy as np
import pytest

from core.modeling import models
from core.storage import model_upload, registry


@pytest.fixture
def folder(tmp_path, monkeypatch):
    models_folder = tmp_path / "models"
    models_folder.mkdir()
    monkeypatch.setenv(registry.MODELS_ENV, str(models_folder))
    return models_folder


def keras_bytes(tmp_path, config: models.ModelConfig) -> bytes:
    model = models.build_model(config)
    path = tmp_path / "upload-source.keras"
    model.save(path)
    return path.read_bytes()


def test_delete_removes_both_files_and_protects_shipped(folder):
    model = models.build_model(models.preset("dense", dense_units=(4,)))
    registry.save(model, "mine", {"task": "7-vs-8", "class_names": ["7", "8"]}, folder=folder)
    assert [m["name"] for m in registry.list_models(folder)] == ["mine"]
    registry.delete("mine", folder=folder)
    assert not list(folder.glob("mine.*"))
    with pytest.raises(registry.ModelFileError, match="No model"):
        registry.delete("mine", folder=folder)
    for name in registry.SHIPPED_MODELS:
        with pytest.raises(ValueError, match="default"):
            registry.delete(name, folder=folder)
    with pytest.raises(ValueError):
        registry.delete("../etc", folder=folder)


def test_import_with_task_then_load_and_predict(folder, tmp_path):
    data = keras_bytes(tmp_path, models.preset("tiny-cnn"))
    path = model_upload.import_uploaded(data, "uploaded-7-vs-8", task="7-vs-8")
    assert path == folder / "uploaded-7-vs-8.keras"
    metadata = json.loads(path.with_suffix(".json").read_text())
    assert metadata["task"] == "7-vs-8" and metadata["class_names"] == ["7", "8"] and metadata["uploaded"]
    classifier = registry.load("uploaded-7-vs-8")
    assert classifier.class_names == ("7", "8")
    assert len(classifier.predict_inputs(np.zeros((2, 28, 28, 1), np.uint8))) == 2
    assert not list(folder.glob(".*"))  # no temporary files left behind


def test_import_keeps_uploaded_metadata_and_custom_names(folder, tmp_path):
    data = keras_bytes(tmp_path, models.preset("tiny-cnn"))
    history = [{"loss": 0.5, "accuracy": 0.8, "val_loss": 0.6, "val_accuracy": 0.7}]
    metadata = {"task": "3-vs-rest", "class_names": ["other", "three"], "history": history, "path": "/elsewhere", "name": "x"}
    model_upload.import_uploaded(data, "with-json", metadata=metadata)
    saved = registry.list_models(folder)[0]
    assert saved["name"] == "with-json" and saved["history"] == history and saved["class_names"] == ["other", "three"]
    model_upload.import_uploaded(data, "renamed", task="shapes", class_names=["box", "ring"])
    assert registry.load("renamed").class_names == ("box", "ring")


def test_import_refusals(folder, tmp_path):
    data = keras_bytes(tmp_path, models.preset("tiny-cnn"))
    with pytest.raises(ValueError, match="task"):
        model_upload.import_uploaded(data, "no-task")
    with pytest.raises(ValueError, match="10 softmax"):
        model_upload.import_uploaded(data, "wrong-outputs", task="digits")
    with pytest.raises(ValueError, match="class names"):
        model_upload.import_uploaded(data, "bad-names", task="7-vs-8", class_names=["only one"])
    with pytest.raises(ValueError, match="default"):
        model_upload.import_uploaded(data, "mnist-7-vs-8", task="7-vs-8")
    model_upload.import_uploaded(data, "taken", task="7-vs-8")
    with pytest.raises(ValueError, match="exists"):
        model_upload.import_uploaded(data, "taken", task="7-vs-8")
    with pytest.raises(registry.ModelFileError):
        model_upload.import_uploaded(b"not a zip file at all", "garbage", task="7-vs-8")
    colour = keras_bytes(tmp_path, models.preset("tiny-cnn", input_shape=(32, 32, 3)))
    with pytest.raises(ValueError, match="28×28"):
        model_upload.import_uploaded(colour, "colour", task="7-vs-8")
    assert [m["name"] for m in registry.list_models(folder)] == ["taken"]


def test_lambda_model_is_refused(folder, tmp_path):
    import keras

    inputs = keras.Input((28, 28, 1))
    x = keras.layers.Lambda(lambda t: t * 2.0)(inputs)
    x = keras.layers.Flatten()(x)
    outputs = keras.layers.Dense(1, activation="sigmoid")(x)
    path = tmp_path / "lambda.keras"
    keras.Model(inputs, outputs).save(path)
    with pytest.raises(registry.ModelFileError, match="Lambda"):
        model_upload.import_uploaded(path.read_bytes(), "sneaky", task="7-vs-8")
    assert not list(folder.glob("sneaky*"))
