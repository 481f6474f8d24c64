"""Keeping the ``models`` table and the models folder in agreement after any crash.

The files are the truth for whether a model exists: every save writes its ``.keras`` + ``.json``
(atomically, :mod:`core.storage`) before its row, and every delete removes the files before the
row. So a crash leaves at worst files without a row (adopted here, owned by the JSON's ``owner``
or else the teacher) or a row without files (removed here). Every listing reconciles first. A
lost database is rebuilt the same way: every model goes back to the owner its JSON names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.classroom.db import Database
from core.classroom.identity import TEACHER_NAME, IdentityError, check_name, teacher_person
from core.classroom.name_keys import key, tidy
from core.classroom.schema import ModelRecord, Person
from core.storage import registry


def put_record(session: Session, name: str, owner_id: int | None, visibility: str | None = None) -> ModelRecord:
    """Inserts or updates a model's row (an existing row keeps its visibility unless one is given)."""
    if name in registry.SHIPPED_MODELS:
        owner_id, visibility = None, "shipped"
    record = session.get(ModelRecord, name)
    if record is None:
        record = ModelRecord(name=name, owner_id=owner_id, visibility=visibility or "private")
        session.add(record)
    else:
        record.owner_id = owner_id
        record.visibility = visibility or record.visibility
    session.flush()
    return record


def _owner_id(session: Session, metadata: dict[str, Any]) -> int:
    """The person the JSON's ``owner`` names, else the teacher.

    An owner the table does not know (the database was lost and made afresh) is added as a
    student without a code, so their models stay theirs; restoring the class from the teacher's
    download (:mod:`core.classroom.restore`) gives them their code back.
    """
    name = tidy(str(metadata.get("owner") or ""))
    if not name or key(name) == key(TEACHER_NAME):
        return teacher_person(session).id
    person = session.scalar(select(Person).where(Person.name_key == key(name)))
    if person is None:
        try:
            name = check_name(name)
        except IdentityError:  # not a name anyone could have joined with: the teacher keeps it
            return teacher_person(session).id
        person = Person(name=name, name_key=key(name), role="student")
        session.add(person)
        session.flush()
    return person.id


def reconcile(db: Database, folder: Path | None = None) -> list[tuple[dict[str, Any], ModelRecord]]:
    """Makes the rows match the files, then pairs each saved model's metadata with its row.

    Rows are read before the folder is, so a save finishing in another process meanwhile is
    at worst adopted early (with the owner its JSON names) and never loses its row. A row is
    removed only when its ``.keras`` file is gone, not while an overwrite is between renames.

    Args:
        db: The class database.
        folder: The models folder (default: the registry's).

    Returns:
        ``(metadata, row)`` per complete saved model, in the registry's order.

    """
    folder = folder or registry.models_dir()
    for attempt in range(3):
        try:
            return _reconcile_once(db, folder)
        except IntegrityError:  # another replica adopted the same file at the same moment
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _reconcile_once(db: Database, folder: Path) -> list[tuple[dict[str, Any], ModelRecord]]:
    with db.session() as session:
        rows = {record.name: record for record in session.scalars(select(ModelRecord))}
        listed = registry.list_models(folder)
        gone = [name for name in rows if not (folder / f"{name}.keras").exists()]
        if gone:
            session.execute(delete(ModelRecord).where(ModelRecord.name.in_(gone)))
        paired = []
        for metadata in listed:
            record = rows.get(metadata["name"])
            if record is None or metadata["name"] in gone:
                record = put_record(session, metadata["name"], _owner_id(session, metadata))
            paired.append((metadata, record))
        return paired
