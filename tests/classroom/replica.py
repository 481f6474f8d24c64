"""One app replica in its own process, for the replica and crash tests: one command, then exit.

Run as ``python -m tests.classroom.replica URL FOLDER COMMAND ...`` from the repository root:

- ``join NAME``: a student joins; prints their code.
- ``save NAME CODE MODEL [PAUSE]``: the student saves a (fake) model.
- ``delete NAME CODE MODEL [PAUSE]``: the student deletes a model; prints the refusal if refused.
- ``list NAME CODE``: prints the models the student sees as JSON ``[[name, owner], ...]``.

``NAME`` ``Teacher`` with the passcode as ``CODE`` acts as the teacher. A refusal is printed as
``refused: <sentence>``.

``PAUSE`` names a point where the process prints ``paused`` and waits to be killed:
``keras`` (while the ``.keras`` file is being written), ``renames`` (between the two renames
of the atomic save), ``files`` (the files are saved, the row not yet), ``delete-files`` (the
files are deleted, the row not yet).
"""

from __future__ import annotations

import json
import os
import sys
import time
import zipfile
from pathlib import Path

from core.classroom import identity, ownership
from core.classroom.db import Database, open_database
from core.classroom.limits import CLASS_DEFAULTS
from core.classroom.permissions import PermissionRefused


class FakeModel:
    """Stands in for a Keras model: the registry only calls ``save(path)``, which writes a small zip."""

    def __init__(self, payload: str = "weights", pause: bool = False) -> None:
        self.payload, self.pause = payload, pause

    def save(self, path: Path) -> None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("config.json", '{"fake": true}')
            if self.pause:
                _pause()
            archive.writestr("weights.bin", self.payload)


def _pause() -> None:
    print("paused", flush=True)
    time.sleep(600)


def _pause_after(module: object, name: str, calls: int = 1) -> None:
    """Replaces ``module.name`` by a wrapper that pauses after its ``calls``-th call returns."""
    real, count = getattr(module, name), [0]

    def wrapper(*args: object, **kwargs: object) -> object:
        result = real(*args, **kwargs)
        count[0] += 1
        if count[0] == calls:
            _pause()
        return result

    setattr(module, name, wrapper)


def main(url: str, folder: str, command: str, *args: str) -> None:
    db, models = open_database(url), Path(folder)
    try:
        _run(db, models, command, *args)
    except (PermissionRefused, identity.IdentityError) as refusal:
        print(f"refused: {refusal}")


def _run(db: Database, models: Path, command: str, *args: str) -> None:
    if command == "join":
        print(identity.join(db, args[0])[1])
        return
    teacher = args[0] == identity.TEACHER_NAME
    who = identity.unlock_teacher(db, args[1], args[1]) if teacher else identity.come_back(db, args[0], args[1])
    pause = args[3] if len(args) > 3 else ""
    if pause == "renames":
        from core.storage import saving

        _pause_after(saving.os, "replace", calls=1)
    if pause == "files":
        _pause_after(ownership.registry, "save")
    if pause == "delete-files":
        _pause_after(ownership.registry, "delete")
    if command == "save":
        model = FakeModel(payload=f"weights of {args[0]}", pause=pause == "keras")
        ownership.save_model(db, who, model, args[2], {"task": "7-vs-8"}, CLASS_DEFAULTS, models)
    elif command == "delete":
        ownership.delete_model(db, who, args[2], models)
    elif command == "list":
        print(json.dumps([[m["name"], m["owner"]] for m in ownership.visible_models(db, who, models)]))


if __name__ == "__main__":
    os.environ.setdefault("SIGMOID_LAB_OFFLINE", "1")
    main(*sys.argv[1:])
