import json
import os
import time

import pytest

from core.storage import listing, names, saving

METADATA = {"task": "7-vs-8", "class_names": ["7", "8"]}


def test_shipped_models_are_listed_first_then_by_name(small_dense_model, tmp_path):
    for name in ("zebra", "alpha"):
        saving.save(small_dense_model, name, METADATA, folder=tmp_path)
    for name in names.SHIPPED_MODELS:
        (tmp_path / f"{name}.keras").write_bytes((names.DEFAULT_MODELS_DIR / f"{name}.keras").read_bytes())
        (tmp_path / f"{name}.json").write_text((names.DEFAULT_MODELS_DIR / f"{name}.json").read_text())
    listed = [m["name"] for m in listing.list_models(tmp_path)]
    assert listed == [*sorted(names.SHIPPED_MODELS), "alpha", "zebra"]


def test_listing_adds_name_path_and_time(small_dense_model, models_folder):
    saving.save(small_dense_model, "mine", METADATA)
    (listed,) = listing.list_models()
    assert listed["name"] == "mine" and listed["path"] == str(models_folder / "mine.keras") and listed["modified"] > 0


def test_a_mismatched_pair_or_a_lonely_keras_file_is_not_listed(small_dense_model, models_folder):
    saving.save(small_dense_model, "pair", METADATA)
    metadata = json.loads((models_folder / "pair.json").read_text())
    metadata["keras_sha256"] = "0" * 64
    (models_folder / "pair.json").write_text(json.dumps(metadata))
    (models_folder / "lonely.keras").write_bytes(b"no json beside me")
    assert listing.list_models() == []


def test_delete_removes_both_files_and_protects_shipped(small_dense_model, models_folder):
    saving.save(small_dense_model, "mine", METADATA)
    listing.delete("mine")
    assert list(models_folder.iterdir()) == []
    with pytest.raises(names.ModelFileError, match="No model named 'mine' to delete"):
        listing.delete("mine")
    for name in names.SHIPPED_MODELS:
        with pytest.raises(ValueError, match="default models; it cannot be deleted"):
            listing.delete(name, folder=models_folder)
    with pytest.raises(ValueError, match="name"):
        listing.delete("../etc", folder=models_folder)


def test_a_first_save_cut_between_its_renames_is_finished_on_listing(small_dense_model, models_folder, monkeypatch):
    real_replace = saving.os.replace

    def die_after_the_keras(source, target):
        if str(target).endswith(".json"):
            raise KeyboardInterrupt  # the process dies between the two renames
        real_replace(source, target)

    monkeypatch.setattr(saving.os, "replace", die_after_the_keras)
    with pytest.raises(KeyboardInterrupt):
        saving.save(small_dense_model, "brand-new", METADATA | {"task": "3-vs-rest"})
    monkeypatch.setattr(saving.os, "replace", real_replace)
    assert not (models_folder / "brand-new.json").exists() and listing.list_models() == []  # may still be saving
    old = time.time() - 60
    os.utime(models_folder / "brand-new.keras", (old, old))
    (listed,) = listing.list_models()
    assert listed["name"] == "brand-new" and listed["task"] == "3-vs-rest"
    assert json.loads((models_folder / "brand-new.json").read_text())["keras_sha256"] == saving.sha256(
        models_folder / "brand-new.keras"
    )
