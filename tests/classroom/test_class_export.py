"""Taking the class's work home: the leaderboard measured through the engine, the class digits exported and read back
by ``python -m core evaluate --data``, everything in one zip, then the class reset."""

import io
import json
import shutil
import zipfile

import numpy as np
import pytest

from core.classroom import challenge, challenge_entries, class_digits, export, identity, leaderboard, ownership, runs
from core.classroom.db import open_database
from core.classroom.limits import CLASS_DEFAULTS
from core.classroom.permissions import PermissionRefused
from core.engine import get_engine, scoring
from core.inspection.evaluation import evaluate
from core.storage import registry
from tests.classroom.replica import FakeModel
from tests.helpers.class_data import canvas_of
from tests.helpers.cli import run_cli


@pytest.fixture
def class_with_digits(tmp_path, t10k):
    """A class on SQLite with the shipped models, a 7-vs-8 challenge and 24 class digits (10 sevens, 10 eights, 4 threes)."""
    folder = tmp_path / "models"
    shutil.copytree(registry.DEFAULT_MODELS_DIR, folder, ignore=shutil.ignore_patterns(".*"))
    db = open_database(f"sqlite:///{tmp_path / 'lab.db'}", folder)
    teacher = identity.unlock_teacher(db, "pass", "pass")
    ada, _ = identity.join(db, "Ada")
    x, y = t10k
    for digit, count in ((7, 10), (8, 10), (3, 4)):
        for image in x[y == digit][:count]:
            class_digits.add_drawing(db, ada, digit, canvas_of(image), flagged=digit == 3)
    info = challenge.open_challenge(db, teacher, "Best 7 vs 8", "7-vs-8")
    challenge_entries.submit(db, teacher, info, "mnist-7-vs-8", "7-vs-8", 20_417, 30)
    yield db, folder, teacher, ada, info
    db.close()


def test_the_two_accuracies_are_measured_on_t10k_and_on_the_class_digits_and_the_export_round_trips(
    class_with_digits, t10k, seven_vs_eight, tmp_path
):
    db, folder, _, _, info = class_with_digits
    get_engine()  # the process's engine: the model runs in its serving worker
    assert leaderboard.refresh(db, info.id, scoring.accuracy_on, folder=folder) == 1
    (row,) = leaderboard.rows(db, info.id)

    x, y = t10k
    on_t10k = evaluate(seven_vs_eight, x, y)  # in this process, as a check
    assert row["mnist_images"] == int(np.isin(y, (7, 8)).sum()) == len(on_t10k)
    assert row["mnist_accuracy"] == pytest.approx(float(np.mean(on_t10k.predicted() == on_t10k.labels)))
    drawn_x, drawn_y, _ = class_digits.arrays(db)
    on_class = evaluate(seven_vs_eight, drawn_x, drawn_y)
    assert row["class_images"] == 20 == len(on_class)  # the four 3s are no digit of 7 vs 8
    assert row["class_accuracy"] == pytest.approx(float(np.mean(on_class.predicted() == on_class.labels)))
    assert row["class_accuracy"] > 0.8  # these are real MNIST digits, drawn back onto a canvas

    archive = zipfile.ZipFile(io.BytesIO(export.digits_zip(db)))
    names = archive.namelist()
    assert sum(n.startswith("inputs/7/") for n in names) == 10 and sum(n.startswith("drawings/3/") for n in names) == 4
    with np.load(io.BytesIO(archive.read("class-digits.npz"))) as data:
        assert data["x"].dtype == np.uint8 and data["x"].shape == (24, 28, 28) and np.array_equal(data["y"], drawn_y)
        assert data["flagged"].sum() == 4 and set(data["author"]) == {"Ada"}
    (tmp_path / "class-digits.npz").write_bytes(archive.read("class-digits.npz"))
    done = run_cli("evaluate", "--model", "mnist-7-vs-8", "--data", str(tmp_path / "class-digits.npz"), "--json",
                   env_extra={"SIGMOID_LAB_MODELS": str(folder)})  # fmt: skip
    assert done.returncode == 0, done.stderr
    measured = json.loads(done.stdout)
    assert measured["images"] == 20 and measured["accuracy"] == pytest.approx(row["class_accuracy"])


def test_everything_goes_into_one_zip_and_the_reset_keeps_the_teachers_and_the_labs_models(class_with_digits):
    db, folder, teacher, ada, info = class_with_digits
    ownership.save_model(db, ada, FakeModel("ada"), "ada-net", {"task": "7-vs-8"}, CLASS_DEFAULTS, folder)
    ownership.save_model(db, teacher, FakeModel("demo"), "demo-net", {"task": "7-vs-8"}, CLASS_DEFAULTS, folder)
    run = runs.start_run(db, ada, {"task": "7-vs-8"}, CLASS_DEFAULTS)
    runs.update_run(db, run, state="done", metrics={"test_accuracy": 0.98}, curves={"epochs": [{"loss": 0.1}]})

    archive = zipfile.ZipFile(io.BytesIO(export.class_archive(db, folder)))
    names = set(archive.namelist())
    assert {"models/ada-net.keras", "models/ada-net.json", "models/demo-net.keras", "people.csv", "runs.json"} <= names
    assert "models/mnist-7-vs-8.keras" not in names  # the lab's own models are not the class's work
    assert {"class-digits/class-digits.npz", f"leaderboard-{info.id}.csv", "challenges.json"} <= names
    assert json.loads(archive.read("runs.json"))[0]["curves"] == {"epochs": [{"loss": 0.1}]}
    assert "Ada,student" in archive.read("people.csv").decode()

    with pytest.raises(PermissionRefused):
        export.reset_class(db, ada, folder)
    removed = export.reset_class(db, teacher, folder)
    assert removed == {"students": 1, "models": 1, "digits": 24, "challenges": 1, "runs": 1}
    assert not (folder / "ada-net.keras").exists() and (folder / "demo-net.keras").exists()
    assert (folder / "mnist-7-vs-8.keras").exists() and challenge.latest(db) is None
    assert [m["name"] for m in ownership.visible_models(db, teacher, folder) if m["kind"] != "shipped"] == ["demo-net"]
    with pytest.raises(identity.IdentityError):
        identity.come_back(db, "Ada", "any-code-1")
