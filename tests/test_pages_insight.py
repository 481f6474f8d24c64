"""AppTest runs of the Evaluate, Inside and Models pages with the shipped models (small test subsets)."""

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from core.modeling import models
from core.storage import registry

APP = str(Path(__file__).resolve().parent.parent / "app.py")
ACTIVE = "active_model"


@pytest.fixture(autouse=True)
def small_evaluation(monkeypatch):
    monkeypatch.setenv("SIGMOID_LAB_EVAL_LIMIT", "300")


def open_page(page: str, model: str = "mnist-7-vs-8") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page(f"pages/{page}.py")
    rerun(at)
    return choose(at, model)


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


def choose(at: AppTest, model: str) -> AppTest:
    """Picks the active model in the sidebar, as a student would."""
    picker = at.sidebar.selectbox[0]
    assert picker.label == "Active model"
    if picker.value != model:
        picker.set_value(model)
        rerun(at)
    return at


def metrics(at: AppTest) -> dict[str, float]:
    return {m.label: float(m.value) for m in at.metric}


def test_evaluate_binary_threshold_moves_the_metrics_and_galleries_show():
    at = open_page("evaluate")
    shown = metrics(at)
    assert set(shown) == {"Accuracy", "Loss", "Precision", "Recall", "F1", "ROC AUC"}
    assert shown["Accuracy"] > 0.9
    assert len(at.get("vega_lite_chart")) >= 4  # confusion matrix, ROC, histogram, calibration
    assert at.get("image")  # gallery tiles
    at.slider[0].set_value(0.99)
    rerun(at)
    strict = metrics(at)
    assert strict["Recall"] <= shown["Recall"] and strict["Precision"] >= shown["Precision"]
    assert strict["Loss"] == shown["Loss"]
    cells = at.selectbox(key="evaluate_cell").options
    assert any("predicted as 7" in c for c in cells)


def test_evaluate_ten_classes_and_shapes():
    at = open_page("evaluate", "mnist-digits")
    assert "ROC AUC" not in metrics(at)
    assert any("argmax" in i.value for i in at.info)
    assert not at.slider
    choose(at, "shapes-circle-vs-square")
    assert metrics(at)["Accuracy"] > 0.8
    assert "test split" in at.caption[0].value


def test_inside_shows_layers_filters_feature_maps_saliency_and_morph():
    at = open_page("inside")
    assert at.dataframe
    texts = [m.value for m in at.markdown]
    assert any("First-layer filters" in t for t in texts)
    assert any("26×26" in t for t in texts) and any("13×13" in t for t in texts)
    assert any("saliency" in s.value.lower() for s in at.subheader)
    assert any("crosses 0.5" in c.value for c in at.caption)
    at.slider(key="inside_blend").set_value(0.8)
    rerun(at)
    drawing = np.zeros((280, 280, 4), np.uint8)
    drawing[60:220, 130:150] = 255
    at.session_state["current_drawing"] = drawing
    at.radio(key="inside_source").set_value("Drawing from the Draw page")
    rerun(at)
    assert any(
        "what the model sees" in (c or "") for img in at.get("image") for c in [getattr(img, "proto", None) and str(img.proto)]
    )


def test_inside_dense_only_model_says_so(tmp_path, monkeypatch):
    folder = tmp_path / "models"
    shutil.copytree(registry.DEFAULT_MODELS_DIR, folder, ignore=shutil.ignore_patterns(".*"))
    dense = models.build_model(models.preset("dense", dense_units=(8,)))
    registry.save(dense, "dense-7-vs-8", {"task": "7-vs-8", "class_names": ["7", "8"]}, folder=folder)
    monkeypatch.setenv(registry.MODELS_ENV, str(folder))
    at = open_page("inside", "dense-7-vs-8")
    assert any("no convolution layers" in i.value for i in at.info)
    assert not any("First-layer filters" in m.value for m in at.markdown)


def test_models_page_table_activate_upload_and_delete(tmp_path, monkeypatch):
    folder = tmp_path / "models"
    shutil.copytree(registry.DEFAULT_MODELS_DIR, folder, ignore=shutil.ignore_patterns(".*"))
    monkeypatch.setenv(registry.MODELS_ENV, str(folder))
    at = open_page("models")
    assert at.dataframe and len(at.get("download_button")) == 2
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
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("pages/models.py")
    at.run()
    assert any("No saved models" in i.value for i in at.info)
    at.file_uploader(key="models_upload_keras").set_value(("lambda.keras", path.read_bytes(), "application/octet-stream"))
    at.run()
    at.selectbox(key="models_upload_task").set_value("7-vs-8")
    at.button(key="models_upload").click()
    at.run()
    assert any("Lambda" in e.value for e in at.error)
    assert not list(folder.glob("*.keras"))
