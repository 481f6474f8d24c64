"""The Inside page with the shipped models and with a dense-only model."""

import shutil

import numpy as np
from streamlit.testing.v1 import AppTest

from core.modeling import models
from core.storage import registry
from tests.helpers.apptest import assert_page_works, open_page
from tests.helpers.apptest import shown as as_read


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert_page_works(at, "inside")
    return at


def test_inside_shows_layers_filters_feature_maps_saliency_and_morph():
    at = open_page("inside", "mnist-7-vs-8", timeout=90)
    assert_page_works(at, "inside")
    texts = [m.value for m in at.markdown]
    assert any("First-layer filters" in t for t in texts)
    assert any("26×26" in t for t in texts) and any("13×13" in t for t in texts)
    assert any("where it looked" in s.value.lower() for s in at.subheader)
    assert any("crosses 50%" in c.value for c in at.caption)
    captions = [as_read(i.caption) for img in at.get("image") for i in img.proto.imgs]
    assert "filter 1" in captions and "filter layer 1, map 1" in captions  # filters and maps in a captioned grid
    assert any(e.label == "The numbers" for e in at.expander) and any(e.label.startswith("Details") for e in at.expander)
    words = " ".join(texts + [c.value for c in at.caption] + [h.value for h in at.header])
    assert not any(w in words for w in ("Conv2D", "PCA", "t-SNE", "t10k", "output_shape", "P(8)"))  # plain words first
    at.slider(key="inside_blend").set_value(0.8)
    rerun(at)
    drawing = np.zeros((280, 280, 4), np.uint8)
    drawing[60:220, 130:150] = 255
    at.session_state["current_drawing"] = drawing
    at.radio(key="inside_source").set_value("Your drawing from the Draw page")
    rerun(at)
    assert any("What the model sees, 28×28 pixels" in as_read(i.caption) for img in at.get("image") for i in img.proto.imgs)
    assert any("5 nearest test pictures" in m.value for m in at.markdown)  # the drawing on the latent map, with its neighbours


def test_the_latent_map_places_a_test_image_among_its_class_and_offers_tsne():
    at = open_page("inside", "mnist-7-vs-8", timeout=180)
    assert_page_works(at, "inside")
    assert any("Each dot is one of 800 test pictures" in c.value for c in at.caption)
    assert any("dropout" in as_read(c.value) and "pca" in c.value for c in at.caption)  # the layer, in Details
    neighbours = [str(img.proto) for img in at.get("image") if "distance" in str(img.proto)]
    assert neighbours and str(neighbours).count("7 · distance") >= 4  # test image 0 is a 7: its nearest are sevens
    at.radio(key="inside_map_method").set_value("tsne")
    rerun(at)
    assert any("Each dot is one of 400 test pictures" in c.value for c in at.caption)


def test_inside_dense_only_model_says_so(tmp_path, monkeypatch):
    folder = tmp_path / "models"
    shutil.copytree(registry.DEFAULT_MODELS_DIR, folder, ignore=shutil.ignore_patterns(".*"))
    dense = models.build_model(models.preset("dense", dense_units=(8,)))
    registry.save(dense, "dense-7-vs-8", {"task": "7-vs-8", "class_names": ["7", "8"]}, folder=folder)
    monkeypatch.setenv(registry.MODELS_ENV, str(folder))
    at = open_page("inside", "dense-7-vs-8", timeout=90)
    assert_page_works(at, "inside")
    assert any("no filter layers" in i.value for i in at.info)
    assert not any("First-layer filters" in m.value for m in at.markdown)
