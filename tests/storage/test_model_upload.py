import json

import numpy as np
import pytest

from core.data import folders, test_sets
from core.modeling.build import build_model
from core.modeling.config import ModelConfig, preset
from core.storage import listing, loading, model_upload, names
from tests.helpers.files import make_zip
from tests.helpers.wording import only_in_brackets


@pytest.fixture(scope="module")
def tiny_cnn():
    return build_model(preset("tiny-cnn"))


@pytest.fixture(scope="module")
def tiny_cnn_bytes(tiny_cnn, tmp_path_factory):
    path = tmp_path_factory.mktemp("upload") / "upload-source.keras"
    tiny_cnn.save(path)
    return path.read_bytes()


def test_import_with_task_then_load_and_predict(models_folder, tiny_cnn, tiny_cnn_bytes):
    path = model_upload.import_uploaded(tiny_cnn_bytes, "uploaded-7-vs-8", task="7-vs-8")
    assert path == models_folder / "uploaded-7-vs-8.keras"
    metadata = json.loads(path.with_suffix(".json").read_text())
    assert metadata["task"] == "7-vs-8" and metadata["class_names"] == ["7", "8"] and metadata["uploaded"]
    assert metadata["parameters"] == 15781 and metadata["sigmoid_means"] == "8" and metadata["input_style"] == "mnist"
    classifier = loading.load("uploaded-7-vs-8")
    assert classifier.class_names == ("7", "8")
    inputs = np.random.default_rng(1).integers(0, 256, (3, 28, 28, 1)).astype(np.uint8)
    uploaded = [p.probability for p in classifier.predict_inputs(inputs)]
    np.testing.assert_allclose(uploaded, tiny_cnn.predict_on_batch(inputs)[:, 0], rtol=1e-5)  # the same weights
    assert not list(models_folder.glob(".*"))  # no temporary files left behind


def test_import_keeps_uploaded_metadata_and_custom_names(models_folder, tiny_cnn_bytes):
    history = [{"loss": 0.5, "accuracy": 0.8, "val_loss": 0.6, "val_accuracy": 0.7}]
    metadata = {"task": "3-vs-rest", "class_names": ["other", "three"], "history": history, "path": "/elsewhere", "name": "x"}
    model_upload.import_uploaded(tiny_cnn_bytes, "with-json", metadata=metadata)
    saved = listing.list_models(models_folder)[0]
    assert saved["name"] == "with-json" and saved["history"] == history and saved["class_names"] == ["other", "three"]
    assert saved["path"] == str(models_folder / "with-json.keras")  # the uploaded path is not kept
    model_upload.import_uploaded(tiny_cnn_bytes, "renamed", task="shapes", class_names=["box", "ring"])
    assert loading.load("renamed").class_names == ("box", "ring")


def test_import_refusals(models_folder, tiny_cnn_bytes, tmp_path):
    with pytest.raises(ValueError, match="task"):
        model_upload.import_uploaded(tiny_cnn_bytes, "no-task")
    with pytest.raises(ValueError, match="10 softmax"):
        model_upload.import_uploaded(tiny_cnn_bytes, "wrong-outputs", task="digits")
    with pytest.raises(ValueError, match="class names"):
        model_upload.import_uploaded(tiny_cnn_bytes, "bad-names", task="7-vs-8", class_names=["only one"])
    with pytest.raises(ValueError, match="default models; upload under another name"):
        model_upload.import_uploaded(tiny_cnn_bytes, "mnist-7-vs-8", task="7-vs-8")
    model_upload.import_uploaded(tiny_cnn_bytes, "taken", task="7-vs-8")
    with pytest.raises(ValueError, match="exists"):
        model_upload.import_uploaded(tiny_cnn_bytes, "taken", task="7-vs-8")
    with pytest.raises(names.ModelFileError):
        model_upload.import_uploaded(b"not a zip file at all", "garbage", task="7-vs-8")
    with pytest.raises(names.ModelFileError, match="empty"):
        model_upload.import_uploaded(b"", "empty", task="7-vs-8")
    build_model(preset("tiny-cnn", input_shape=(32, 32, 3))).save(tmp_path / "colour.keras")
    with pytest.raises(ValueError, match="28×28"):
        model_upload.import_uploaded((tmp_path / "colour.keras").read_bytes(), "colour", task="7-vs-8")
    assert [m["name"] for m in listing.list_models(models_folder)] == ["taken"]


def test_lambda_model_is_refused(models_folder, tmp_path):
    import keras

    inputs = keras.Input((28, 28, 1))
    outputs = keras.layers.Dense(1, activation="sigmoid")(keras.layers.Flatten()(keras.layers.Lambda(lambda t: t * 2.0)(inputs)))
    keras.Model(inputs, outputs).save(tmp_path / "lambda.keras")
    with pytest.raises(names.ModelFileError, match="Lambda"):
        model_upload.import_uploaded((tmp_path / "lambda.keras").read_bytes(), "sneaky", task="7-vs-8")
    assert not list(models_folder.glob("sneaky*"))


def test_an_uploaded_models_json_cannot_point_the_server_at_a_folder(tmp_path, models_folder):
    private = tmp_path / "private"
    (private / "a").mkdir(parents=True)
    (private / "b").mkdir()
    build_model(ModelConfig(conv_filters=(2,), dropout=0)).save(tmp_path / "upload.keras")
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


def test_a_refused_upload_names_the_file_the_student_chose(models_folder):
    zip_of_notes = make_zip({"notes.txt": b"a zip, but no model inside"})
    with pytest.raises(names.ModelFileError) as caught:
        model_upload.import_uploaded(zip_of_notes, "my-save-name", task="7-vs-8", file_name="../cats vs dogs.keras")
    message = str(caught.value)
    assert message.startswith("cats vs dogs.keras is a zip archive but not a Keras model") and "my-save-name" not in message
    assert only_in_brackets(message, "config.json") and "There is no item named" not in message
    with pytest.raises(names.ModelFileError, match=r"^holiday-photo\.png\.keras is not a Keras model file"):
        model_upload.import_uploaded(b"\x89PNG not a model", "my-save-name", task="7-vs-8", file_name="holiday-photo.png")
