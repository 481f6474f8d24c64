import json
import zipfile

import pytest

from core.modeling.build import build_model
from core.modeling.config import ModelConfig
from core.storage import loading, names, saving
from tests.helpers.wording import only_in_brackets


def test_a_saved_model_loads_with_its_names_shape_and_style(small_dense_model, models_folder):
    saving.save(small_dense_model, "mine", {"task": "3-vs-rest", "class_names": ["not 3", "3"], "input_style": "mnist"})
    classifier = loading.load("mine")
    assert classifier.class_names == ("not 3", "3") and classifier.input_shape == (28, 28, 1) and classifier.style == "mnist"
    assert classifier.metadata["task"] == "3-vs-rest"


def test_a_bare_keras_file_gets_generic_names(small_dense_model, tmp_path):
    bare = tmp_path / "bare.keras"
    small_dense_model.save(bare)
    classifier = loading.load(bare)  # no JSON beside it
    assert classifier.class_names == ("class 0", "class 1") and classifier.style == "mnist"


def test_metadata_naming_the_wrong_number_of_classes_is_refused(small_dense_model, models_folder):
    saving.save(small_dense_model, "confused", {"task": "digits", "class_names": [str(d) for d in range(10)]})
    with pytest.raises(names.ModelFileError, match="1 outputs but its metadata names 10 classes"):
        loading.load("confused")


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory):
    import keras

    folder = tmp_path_factory.mktemp("bad-models")
    keras.Sequential(
        [keras.Input((28, 28, 1)), keras.layers.Lambda(lambda x: x + 1), keras.layers.Flatten(), keras.layers.Dense(1)]
    ).save(folder / "lambda.keras")
    (folder / "corrupt.keras").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    (folder / "text.keras").write_text("definitely not a model")
    with zipfile.ZipFile(folder / "some-zip.keras", "w") as archive:
        archive.writestr("notes.txt", "a zip, but no model inside")
    keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)]).save(folder / "flat.keras")
    return folder


@pytest.mark.parametrize(
    ("file", "message"),
    [
        ("lambda.keras", "lambda.keras contains its own program code"),
        ("corrupt.keras", "corrupt.keras is not a Keras model file"),
        ("text.keras", "text.keras is not a Keras model file"),
        ("some-zip.keras", "some-zip.keras is a zip archive but not a Keras model"),
        ("flat.keras", "flat.keras does not take images"),
        ("missing.keras", "No model named"),
    ],
)
def test_bad_model_files_give_a_sentence_naming_the_file(bad_files, file, message):
    with pytest.raises(names.ModelFileError, match=message) as caught:
        loading.load(bad_files / file)
    if (bad_files / file).exists():  # a path the user typed is repeated; a server folder is not
        assert str(bad_files) not in str(caught.value)
    for term in ("Lambda", "config.json"):  # plain words first, the technical term in brackets
        assert term not in str(caught.value) or only_in_brackets(str(caught.value), term)


def test_a_model_for_another_input_keeps_its_own_shape(tmp_path):
    build_model(ModelConfig(input_shape=(64, 64, 3), conv_filters=(4,), dropout=0)).save(tmp_path / "colour.keras")
    (tmp_path / "colour.json").write_text(json.dumps({"task": "folder", "class_names": ["cat", "dog"]}))
    classifier = loading.load(tmp_path / "colour.keras")
    assert classifier.input_shape == (64, 64, 3) and classifier.style == "photo" and classifier.class_names == ("cat", "dog")
