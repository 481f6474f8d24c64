"""Taking the class's work home, then starting afresh.

- :func:`digits_npz` / :func:`digits_zip`: the class digits as ``x`` (uint8 N×28×28) and ``y``
  (digit labels) that ``python -m core evaluate --data class-digits.npz`` reads, and as PNGs in
  one folder per label (the 28×28 model inputs and the original drawings);
- :func:`class_archive`: everything in one zip: models, people, runs, class digits, challenges and
  their leaderboards;
- :func:`reset_class`: removes the students, their models, runs, class digits and challenges
  (the teacher's and the lab's models, and the limits, stay).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import delete, select

from core.classroom import class_digits, leaderboard, ownership, permissions
from core.classroom.db import Database
from core.classroom.identity import Identity
from core.classroom.schema import Challenge, ClassDigit, ModelRecord, Person, Run, Sweep
from core.storage import registry

PEOPLE_JSON = "restore/people.json"  # codes as salted hashes only, read back by core.classroom.restore
README = """Class digits drawn in Sigmoid Lab.

class-digits.npz: x (N x 28 x 28 uint8, the model inputs), y (the digit each shows), flagged (True when a
model got it wrong on the Draw page), author. Measure a model on them:

    python -m core evaluate --model NAME --data class-digits.npz

inputs/<digit>/<id>.png are the same 28 x 28 inputs; drawings/<digit>/<id>.png the drawings as drawn.
"""


def digits_npz(db: Database) -> bytes:
    """The class digits as an ``.npz`` file's bytes (``x``, ``y``, ``flagged``, ``author``)."""
    x, y, ids = class_digits.arrays(db)
    info = {d.id: d for d in class_digits.listing(db)}
    buffer = io.BytesIO()
    flagged = np.array([info[i].flagged for i in ids], bool)
    authors = np.array([info[i].author for i in ids], dtype=str) if len(ids) else np.zeros(0, "<U1")
    np.savez_compressed(buffer, x=x, y=y, flagged=flagged, author=authors)
    return buffer.getvalue()


def _write_digits(archive: zipfile.ZipFile, db: Database, prefix: str = "") -> int:
    x, y, ids = class_digits.arrays(db)
    archive.writestr(f"{prefix}README.txt", README)
    archive.writestr(f"{prefix}class-digits.npz", digits_npz(db))
    for pixels, label, digit_id in zip(x, y, ids, strict=True):
        archive.writestr(f"{prefix}inputs/{label}/{digit_id}.png", class_digits.png(pixels))
        drawing = class_digits.canvas_png(db, int(digit_id))
        if drawing:
            archive.writestr(f"{prefix}drawings/{label}/{digit_id}.png", drawing)
    return len(ids)


def digits_zip(db: Database) -> bytes:
    """The class digits as a zip: the ``.npz``, a README and PNGs in one folder per label."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        _write_digits(archive, db)
    return buffer.getvalue()


def _csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return buffer.getvalue()


def class_archive(db: Database, folder: Path | None = None, who: Identity | None = None) -> bytes:
    """Everything the class made, as one zip: models (not the lab's own), people, runs, class digits, challenges.

    ``restore/people.json`` keeps each person's code hash and login, so :mod:`core.classroom.restore`
    can bring the class back with the codes the students wrote down.

    Raises:
        PermissionRefused: If ``who`` is given and is a student.

    """
    if who is not None:
        permissions.check_class(who.role, "download_class")
    folder = folder or registry.models_dir()
    buffer = io.BytesIO()
    with db.session() as session:
        persons = {p.id: p.name for p in session.scalars(select(Person))}
        people = [{"name": p.name, "role": p.role, "joined": p.joined.isoformat()} for p in session.scalars(select(Person))]
        restorable = [
            {"name": p.name, "role": p.role, "joined": p.joined.isoformat(), "code_hash": p.code_hash,
             "login_subject": p.login_subject, "email": p.email}
            for p in session.scalars(select(Person).order_by(Person.id))
        ]  # fmt: skip
        runs = [
            {"id": r.id, "student": persons.get(r.owner_id, ""), "state": r.state, "model": r.model_name or "",
             "created": r.created.isoformat(), "settings": r.settings, "metrics": r.metrics, "curves": r.curves}
            for r in session.scalars(select(Run).order_by(Run.id))
        ]  # fmt: skip
        challenges = [
            {"id": c.id, "title": c.title, "task": c.task, "rules": c.rules, "opened": c.opened.isoformat()}
            for c in session.scalars(select(Challenge).order_by(Challenge.id))
        ]
        models = [
            (m.name, persons.get(m.owner_id, "")) for m in session.scalars(select(ModelRecord)) if m.visibility != "shipped"
        ]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, _ in models:
            for suffix in (".keras", ".json"):
                if (folder / f"{name}{suffix}").exists():
                    archive.write(folder / f"{name}{suffix}", f"models/{name}{suffix}")
        archive.writestr("models/owners.csv", _csv([{"model": name, "owner": owner} for name, owner in models]))
        archive.writestr("people.csv", _csv(people))
        archive.writestr(PEOPLE_JSON, json.dumps(restorable, indent=1))
        archive.writestr("runs.json", json.dumps(runs, indent=1, default=str))
        archive.writestr("runs.csv", _csv([{k: v for k, v in r.items() if k != "curves"} for r in runs]))
        archive.writestr("challenges.json", json.dumps(challenges, indent=1))
        for challenge in challenges:
            archive.writestr(f"leaderboard-{challenge['id']}.csv", leaderboard.to_csv(leaderboard.rows(db, challenge["id"])))
        _write_digits(archive, db, "class-digits/")
    return buffer.getvalue()


def reset_class(db: Database, who: Identity, folder: Path | None = None) -> dict[str, int]:
    """Clears the class for the next lesson: students and their models, runs, class digits, challenges.

    Download :func:`class_archive` first. The teacher's own models, the lab's models and the limits stay.

    Returns:
        How many ``students``, ``models``, ``runs``, ``digits`` and ``challenges`` were removed.

    Raises:
        PermissionRefused: For a student.

    """
    permissions.check_class(who.role, "reset_class")
    with db.session() as session:
        students = list(session.scalars(select(Person.id).where(Person.role == "student")))
        names = list(session.scalars(select(ModelRecord.name).where(ModelRecord.owner_id.in_(students))))
    for name in names:
        try:
            ownership.delete_model(db, who, name, folder)
        except registry.ModelFileError:  # its files went a moment ago
            with db.session() as session:
                session.execute(delete(ModelRecord).where(ModelRecord.name == name))
    removed = {"students": len(students), "models": len(names)}
    with db.session() as session:
        removed["digits"] = session.execute(delete(ClassDigit)).rowcount or 0
        removed["challenges"] = session.execute(delete(Challenge)).rowcount or 0
        removed["runs"] = session.execute(delete(Run)).rowcount or 0
        session.execute(delete(Sweep))
        session.execute(delete(Person).where(Person.id.in_(students)))
    return removed
