"""The Models page: the table, activating, uploading (and refusing unsafe files) and deleting."""

import json
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from core.storage import registry
from core.storage.metadata_check import MAX_JSON_BYTES
from tests.helpers.apptest import assert_page_works, open_page
from views.models.upload import read_metadata

ACTIVE = "active_model"


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


def test_models_page_table_activate_upload_and_delete(tmp_path, monkeypatch):
    folder = tmp_path / "models"
    shutil.copytree(registry.DEFAULT_MODELS_DIR, folder, ignore=shutil.ignore_patterns(".*"))
    monkeypatch.setenv(registry.MODELS_ENV, str(folder))
    at = open_page("models", timeout=90)
    assert_page_works(at, "models")
    assert len(at.get("download_button")) == 2
    assert any("cannot be deleted" in c.value for c in at.caption)
    at.selectbox(key="models_selected").set_value("shapes-circle-vs-square")
    rerun(at)
    at.button(key="models_activate").click()
    at.run()
    assert at.session_state[ACTIVE] == "shapes-circle-vs-square"
    assert at.sidebar.selectbox[0].value == "shapes-circle-vs-square"
    assert at.success

    keras_bytes = (folder / "mnist-7-vs-8.keras").read_bytes()
    at.file_uploader(key="models_upload_keras").set_value(("mnist-7-vs-8.keras", keras_bytes, "application/octet-stream"))
    rerun(at)
    assert at.text_input(key="models_upload_name").value == "mnist-7-vs-8-uploaded"
    at.selectbox(key="models_upload_task").set_value("7-vs-8")
    at.button(key="models_upload").click()
    at.run()
    assert not at.error, [e.value for e in at.error]
    assert at.session_state[ACTIVE] == "mnist-7-vs-8-uploaded"
    saved = json.loads((folder / "mnist-7-vs-8-uploaded.json").read_text())
    assert saved["task"] == "7-vs-8" and saved["class_names"] == ["7", "8"]

    at.selectbox(key="models_selected").set_value("mnist-7-vs-8-uploaded")
    rerun(at)
    assert at.button(key="models_delete").disabled
    at.checkbox(key="models_confirm_delete").check()
    rerun(at)
    at.button(key="models_delete").click()
    at.run()
    assert not (folder / "mnist-7-vs-8-uploaded.keras").exists()
    assert any("Deleted" in m.value for m in at.success)
    assert at.sidebar.selectbox[0].value == "mnist-7-vs-8"  # the picker falls back to the default model


def test_models_page_refuses_a_lambda_upload(tmp_path, monkeypatch):
    import keras

    folder = tmp_path / "models"
    folder.mkdir()
    monkeypatch.setenv(registry.MODELS_ENV, str(folder))
    inputs = keras.Input((28, 28, 1))
    outputs = keras.layers.Dense(1, activation="sigmoid")(keras.layers.Flatten()(keras.layers.Lambda(lambda t: t * 2.0)(inputs)))
    path = tmp_path / "lambda.keras"
    keras.Model(inputs, outputs).save(path)
    at = open_page("models", timeout=90)
    assert any("No saved models" in i.value for i in at.info)
    at.file_uploader(key="models_upload_keras").set_value(("lambda.keras", path.read_bytes(), "application/octet-stream"))
    at.run()
    at.selectbox(key="models_upload_task").set_value("7-vs-8")
    at.button(key="models_upload").click()
    at.run()
    assert any("Lambda" in e.value for e in at.error)
    assert not list(folder.glob("*.keras"))


def test_models_page_shows_percentages_titled_charts_and_their_numbers(tmp_path, monkeypatch):
    import re

    folder = tmp_path / "models"
    shutil.copytree(registry.DEFAULT_MODELS_DIR, folder, ignore=shutil.ignore_patterns(".*"))
    monkeypatch.setenv(registry.MODELS_ENV, str(folder))
    at = open_page("models", model="mnist-7-vs-8", timeout=90)
    assert_page_works(at, "models")
    table = next(d.value for d in at.dataframe if "name" in d.value.columns)
    real = next(c for c in table.columns if c.startswith("accuracy on the real"))
    assert all(re.fullmatch(r"\d{1,3}(\.\d)?%|>99\.9%|—", v) for v in table[real]), table[real].tolist()  # never 0.9945
    specs = [c.proto.spec for c in at.get("vega_lite_chart")]
    assert any('"accuracy (%)"' in s and "passes over the training pictures" in s for s in specs)
    assert any(c.value.startswith("How it learnt, epoch by epoch: after ") for c in at.caption)
    assert any("Lambda" not in c.value for c in at.caption)  # the library's name only inside Details


def test_a_metadata_file_over_the_size_limit_is_refused_before_it_is_read():
    with pytest.raises(ValueError, match=f"at most {MAX_JSON_BYTES // 1024} KB"):
        read_metadata("huge.json", b"[" * (MAX_JSON_BYTES + 1))  # json.loads would recurse on it: never called
    with pytest.raises(ValueError, match="not a valid metadata"):
        read_metadata("list.json", b"[1, 2]")
    assert read_metadata("ok.json", b'{"task": "7-vs-8"}') == {"task": "7-vs-8"}


def test_the_upload_form_names_the_layer_kinds_that_carry_code():
    at = open_page("models")
    details = " ".join(c.value for c in at.caption)
    assert "Lambda" in details and "TFSMLayer" in details and "StringLookup" in details
