"""Two replicas (separate processes) on one database and one models folder, and kills mid-save."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from core.classroom import identity, ownership
from core.classroom.limits import CLASS_DEFAULTS
from core.classroom.schema import ModelRecord
from core.storage import registry
from tests.classroom.replica import FakeModel

ROOT = Path(__file__).resolve().parents[2]


def replica(url, folder, *args):
    """Runs one command in a fresh replica process; returns what it printed."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.classroom.replica", url, str(folder), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def killed_at(url, folder, pause, *args):
    """Starts a replica that pauses at ``pause``, and kills it there (SIGKILL: no clean-up runs)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.classroom.replica", url, str(folder), *args, pause],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline().strip()
        assert line == "paused", process.stderr.read() if process.poll() is not None else line
    finally:
        process.kill()
        process.wait(timeout=30)


def test_two_replicas_see_each_others_models_and_refuse_a_students_delete(database_url, tmp_path):
    folder = tmp_path / "models"
    ada_code = replica(database_url, folder, "join", "Ada")
    bob_code = replica(database_url, folder, "join", "Bob")
    assert replica(database_url, folder, "join", "ada").startswith("refused: Someone in this class is already called ada.")
    assert replica(database_url, folder, "save", "Ada", ada_code, "ada-net") == ""
    assert json.loads(replica(database_url, folder, "list", "Teacher", "pass")) == [["ada-net", "Ada"]]
    assert json.loads(replica(database_url, folder, "list", "Bob", bob_code)) == []
    refused = replica(database_url, folder, "delete", "Bob", bob_code, "ada-net")
    assert refused == "refused: ada-net belongs to Ada: only they or the teacher can delete it."
    assert json.loads(replica(database_url, folder, "list", "Ada", ada_code)) == [["ada-net", "Ada"]]
    assert replica(database_url, folder, "delete", "Ada", ada_code, "ada-net") == ""
    assert json.loads(replica(database_url, folder, "list", "Teacher", "pass")) == []


def _rows(db):
    with db.session() as session:
        return {record.name: record.owner_id for record in session.scalars(select(ModelRecord))}


def _age(folder):
    """Makes every file look a minute old, as when the teacher lists models long after the crash."""
    past = time.time() - 60
    for path in folder.iterdir():
        os.utime(path, (past, past))


@pytest.mark.parametrize(
    ("pause", "command", "saved_before", "listed_after"),
    [
        ("keras", "save", False, False),  # killed while the .keras was being written: no model, no row
        ("renames", "save", True, True),  # killed between the two renames of an overwrite: the new pair wins
        ("files", "save", False, True),  # files saved, row not: adopted as Ada's from the JSON
        ("delete-files", "delete", True, False),  # files deleted, row not: the row goes
    ],
)
def test_a_replica_killed_mid_save_or_delete_leaves_rows_and_files_agreeing(
    db, database_url, tmp_path, pause, command, saved_before, listed_after
):
    folder = tmp_path / "models"
    ada, code = identity.join(db, "Ada")
    bob, _ = identity.join(db, "Bob")
    teacher = identity.unlock_teacher(db, "pass", "pass")
    if saved_before:
        ownership.save_model(db, ada, FakeModel("old weights"), "ada-net", {"task": "7-vs-8"}, CLASS_DEFAULTS, folder)
    killed_at(database_url, folder, pause, command, "Ada", code, "ada-net")
    _age(folder)
    listed = {m["name"]: m for m in ownership.visible_models(db, teacher, folder)}
    assert set(listed) == set(_rows(db)) == ({"ada-net"} if listed_after else set())
    if listed_after:
        assert listed["ada-net"]["owner"] == "Ada" and _rows(db)["ada-net"] == ada.person_id
        metadata = registry.read_metadata(folder / "ada-net.keras")
        assert metadata["keras_sha256"] == listed["ada-net"]["keras_sha256"] and metadata["owner"] == "Ada"
        with pytest.raises(ownership.permissions.PermissionRefused, match="belongs to Ada"):
            ownership.delete_model(db, bob, "ada-net", folder)
    else:
        assert not (folder / "ada-net.json").exists()
        ownership.save_model(db, ada, FakeModel(), "ada-net", {}, CLASS_DEFAULTS, folder)  # the name is free again
        assert {m["name"]: m["owner"] for m in ownership.visible_models(db, teacher, folder)} == {"ada-net": "Ada"}
