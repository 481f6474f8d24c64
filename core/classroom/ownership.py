"""Who owns which saved model, who sees it, and the checked ways to save, delete and publish.

Every function takes the acting :class:`~core.classroom.identity.Identity` and refuses with a
:class:`~core.classroom.permissions.PermissionRefused` (or a quota's
:class:`~core.classroom.quotas.QuotaError`) sentence. The order of writes keeps the database
and the files in agreement after a crash (see :mod:`core.classroom.reconcile`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.classroom import permissions, quotas
from core.classroom.db import Database
from core.classroom.identity import Identity
from core.classroom.limits import Limits
from core.classroom.permissions import Action
from core.classroom.reconcile import put_record, reconcile
from core.classroom.schema import ModelRecord, Person
from core.storage import names, registry

LAB = "the lab"  # the owner shown for the shipped models


def _describe(session: Session, record: ModelRecord | None, name: str, who: Identity) -> tuple[permissions.Kind, str]:
    """The model's kind from ``who``'s point of view and its owner's name."""
    if name in registry.SHIPPED_MODELS or (record and record.visibility == "shipped"):
        return "shipped", LAB
    if record is None:  # nothing saved under this name yet: saving makes it theirs
        return "own", who.name
    owner = session.get(Person, record.owner_id) if record.owner_id is not None else None
    return permissions.kind_of(record.owner_id, record.visibility, who.person_id), owner.name if owner else "the teacher"


def authorize(db: Database, who: Identity, action: Action, name: str, folder: Path | None = None) -> None:
    """Does nothing if ``who`` may do ``action`` on the model called ``name``, else raises.

    A model whose files exist without a row (a save cut short) is adopted first, so it is
    judged with the owner its JSON names, never as nobody's.

    Raises:
        PermissionRefused: With the permission table's sentence.

    """
    with db.session() as session:
        missing = session.get(ModelRecord, name) is None
    if missing and ((folder or registry.models_dir()) / f"{name}.keras").exists():
        reconcile(db, folder)
    with db.session() as session:
        kind, owner = _describe(session, session.get(ModelRecord, name), name, who)
    permissions.check(who.role, action, kind, name, owner)


def visible_models(db: Database, who: Identity, folder: Path | None = None) -> list[dict[str, Any]]:
    """The saved models ``who`` may see, each metadata dict with ``owner``, ``visibility`` and ``kind`` added."""
    shown, paired = [], reconcile(db, folder)
    with db.session() as session:
        for metadata, record in paired:
            kind, owner = _describe(session, record, metadata["name"], who)
            if permissions.allowed(who.role, "list", kind):
                shown.append(metadata | {"owner": owner, "visibility": record.visibility, "kind": kind})
    return shown


def saved_count(db: Database, who: Identity) -> int:
    """How many saved models ``who`` owns."""
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(ModelRecord).where(ModelRecord.owner_id == who.person_id)) or 0


def check_save(db: Database, who: Identity, name: str, limits: Limits, folder: Path | None = None, upload: bool = False) -> None:
    """Refuses a save (or upload) under ``name`` that ``who`` may not make, before anything is written.

    Raises:
        PermissionRefused: For a name that is not theirs to write.
        QuotaError: If a new model would exceed their saved-models limit.
        ValueError: For a name that is not a safe file name, or one that only capitals tell apart from a saved one.

    """
    name = registry.check_name(name)
    names.refuse_case_twin(name, folder)  # "MNIST-7-VS-8" would pass for the lab's "mnist-7-vs-8"
    exists = ((folder or registry.models_dir()) / f"{name}.keras").exists()
    authorize(db, who, "overwrite" if exists else ("upload" if upload else "save"), name, folder)
    if not exists and who.role == "student":
        quotas.check_saved_models(saved_count(db, who), limits)


def stamp(metadata: dict[str, Any], who: Identity) -> dict[str, Any]:
    """The metadata with its ``owner`` field, which names the owner if the row is ever lost."""
    return metadata | {"owner": who.name}


def record_save(db: Database, who: Identity, name: str) -> None:
    """Records ``who`` as the owner of a model just saved (call after the files are written)."""
    try:
        with db.session() as session:
            put_record(session, name, who.person_id)
    except IntegrityError:  # a listing in another replica adopted the new files a moment ago
        with db.session() as session:
            put_record(session, name, who.person_id)


def save_model(
    db: Database, who: Identity, model: Any, name: str, metadata: dict[str, Any], limits: Limits, folder: Path | None = None
) -> Path:
    """Checks, saves the files atomically with the owner stamped in, then records the owner.

    Returns:
        The ``.keras`` path.

    Raises:
        PermissionRefused: See :func:`check_save`.
        QuotaError: See :func:`check_save`.

    """
    check_save(db, who, name, limits, folder)
    path = registry.save(model, name, stamp(metadata, who), folder)
    record_save(db, who, name)
    return path


def delete_model(db: Database, who: Identity, name: str, folder: Path | None = None) -> None:
    """Deletes a model's files, then its row, if ``who`` may.

    Raises:
        PermissionRefused: For a model that is not theirs (or a shipped one).
        ModelFileError: If no model has that name.

    """
    authorize(db, who, "delete", name, folder)
    registry.delete(name, folder)
    with db.session() as session:
        session.execute(delete(ModelRecord).where(ModelRecord.name == name))


def set_published(db: Database, who: Identity, name: str, published: bool, folder: Path | None = None) -> None:
    """The teacher publishes a model to the class (every student sees it) or takes it back.

    Raises:
        PermissionRefused: For a student, or a shipped model.
        ModelFileError: If no model has that name.

    """
    registry.resolve(name, folder)  # raises for a missing model
    authorize(db, who, "publish" if published else "unpublish", name, folder)  # adopts a row-less model first
    with db.session() as session:
        record = session.get(ModelRecord, name)
        if record is not None:
            record.visibility = "class" if published else "private"
