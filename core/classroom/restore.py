"""Bringing the class back from the teacher's download after the class database was lost.

:func:`core.classroom.export.class_archive` writes ``restore/people.json`` (each person's name,
role, code hash and login) and ``models/owners.csv``. Restoring adds the people the database
lacks, gives back the codes of those made again without one (the models' owners, rebuilt from
the models' JSON), and hands each model still in the folder back to its owner. Nothing already
in the database is overwritten; students whose code cannot be restored (an older download with
``people.csv`` only) get a new code, listed for the teacher to hand out.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from core.classroom import codes, permissions
from core.classroom.db import Database
from core.classroom.export import PEOPLE_JSON
from core.classroom.identity import TEACHER_NAME, Identity
from core.classroom.name_keys import key, tidy
from core.classroom.reconcile import put_record, reconcile
from core.classroom.schema import Person
from core.storage import registry


class RestoreError(ValueError):
    """A file that is not a class download (the message says what was expected)."""


@dataclass
class Restored:
    """What a restore did: people added, codes given back, models handed back, new codes to hand out."""

    people: int = 0
    codes: int = 0
    models: int = 0
    new_codes: dict[str, str] = field(default_factory=dict)


def _people(archive: zipfile.ZipFile) -> list[dict[str, Any]]:
    names = set(archive.namelist())
    if PEOPLE_JSON in names:
        return list(json.loads(archive.read(PEOPLE_JSON)))
    if "people.csv" in names:
        return list(csv.DictReader(io.StringIO(archive.read("people.csv").decode())))
    raise RestoreError("That file is not a class download from the Class page: it has no list of people in it.")


def _joined(value: Any) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None


def restore_class(db: Database, who: Identity, archive_bytes: bytes, folder: Path | None = None) -> Restored:
    """Adds the download's people and model owners to the class database.

    Args:
        db: The class database.
        who: The teacher.
        archive_bytes: The zip :func:`~core.classroom.export.class_archive` made.
        folder: The models folder (default: the registry's).

    Returns:
        What was restored, with a new code for each student whose code could not be.

    Raises:
        PermissionRefused: For a student.
        RestoreError: For a file that is not a class download.

    """
    permissions.check_class(who.role, "restore_class")
    try:
        archive = zipfile.ZipFile(io.BytesIO(archive_bytes))
    except zipfile.BadZipFile:
        raise RestoreError("That file is not a zip: upload the class download from the Class page.") from None
    done = Restored()
    reconcile(db, folder)  # people the models' JSON names exist first, so they get their codes back below
    with db.session() as session:
        for entry in _people(archive):
            name = tidy(str(entry.get("name") or ""))[:64]
            if not name or key(name) == key(TEACHER_NAME):
                continue
            stored = str(entry.get("code_hash") or "")
            stored = stored if stored.startswith("scrypt$") else None
            person = session.scalar(select(Person).where(Person.name_key == key(name)))
            if person is None:
                role = "teacher" if entry.get("role") == "teacher" else "student"  # a login with teacher rights
                person = Person(name=name, name_key=key(name), role=role)
                if _joined(entry.get("joined")) is not None:
                    person.joined = _joined(entry.get("joined"))
                session.add(person)
                done.people += 1
            subject = entry.get("login_subject") or None
            if (
                subject
                and person.login_subject is None
                and session.scalar(select(Person.id).where(Person.login_subject == subject)) is None
            ):
                person.login_subject, person.email = subject, entry.get("email") or person.email
            if person.code_hash is None and stored:
                person.code_hash = stored
                done.codes += 1
            elif person.code_hash is None and person.login_subject is None and person.role == "student":
                done.new_codes[person.name] = code = codes.new_code()
                person.code_hash = codes.hash_code(code)
            session.flush()
    owners = archive.read("models/owners.csv").decode() if "models/owners.csv" in archive.namelist() else ""
    folder = folder or registry.models_dir()
    with db.session() as session:
        for row in csv.DictReader(io.StringIO(owners)):
            owner = session.scalar(select(Person).where(Person.name_key == key(row.get("owner") or TEACHER_NAME)))
            if (
                owner is not None
                and registry.check_name_quietly(row.get("model") or "")
                and (folder / f"{row['model']}.keras").exists()
            ):
                put_record(session, row["model"], owner.id)
                done.models += 1
    return done
