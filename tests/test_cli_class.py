"""The command line in a class: it acts as the teacher, lists owners and sharing, and never saves over a student's model."""

import json
import shutil

from core.classroom import identity, operator, ownership
from core.classroom.db import open_database
from core.storage import registry
from tests.helpers.cli import run_cli

PASSCODE = "owl-teacher-7"


def a_class(models_folder):
    """Ada's private model and Ben's published one, in a class database beside ``models_folder``."""
    db = open_database(models_folder=models_folder)
    for student in ("Ada", "Ben"):
        identity.join(db, student)
        shutil.copyfile(registry.DEFAULT_MODELS_DIR / "mnist-7-vs-8.keras", models_folder / f"{student.lower()}-model.keras")
        metadata = json.loads((registry.DEFAULT_MODELS_DIR / "mnist-7-vs-8.json").read_text())
        (models_folder / f"{student.lower()}-model.json").write_text(json.dumps(metadata | {"owner": student}))
    teacher = identity.unlock_teacher(db, PASSCODE, PASSCODE)
    ownership.set_published(db, teacher, "ben-model", True, models_folder)
    return {"SIGMOID_LAB_MODELS": str(models_folder), "SIGMOID_LAB_TEACHER_PASSCODE": PASSCODE}


def test_models_lists_each_owner_and_who_it_is_shared_with(models_folder):
    lines = run_cli("models", env_extra=a_class(models_folder)).stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["ada-model", "ben-model"]
    assert "by Ada, shared with only the owner" in lines[0] and "by Ben, shared with the class" in lines[1]


def test_train_refuses_a_students_name_before_training(models_folder):
    result = run_cli("train", "--task", "shapes", "--epochs", "1", "--name", "ada-model", env_extra=a_class(models_folder))
    assert result.returncode == 1 and result.stderr == "error: ada-model belongs to Ada; save under another name.\n"
    assert "epoch" not in result.stdout  # refused before any training


def test_the_operator_is_the_teacher_in_class_mode_and_the_single_user_otherwise(models_folder, monkeypatch, tmp_path):
    monkeypatch.delenv("SIGMOID_LAB_TEACHER_PASSCODE", raising=False)
    monkeypatch.setattr(operator, "SECRETS", (tmp_path / "secrets.toml",))
    assert operator.open_class()[1].label == "You · personal mode"
    (tmp_path / "secrets.toml").write_text(f'teacher_passcode = "{PASSCODE}"\n')
    _, who, limits = operator.open_class()
    assert (who.role, who.mode) == ("teacher", "class") and limits.epochs == 50
