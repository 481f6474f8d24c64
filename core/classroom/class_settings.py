"""Values the teacher sets for the whole class, kept in the ``settings`` table as JSON.

Quotas are stored as ``limit.<name>`` (see :mod:`core.classroom.quotas`); flags such as
``queue_paused`` under their own key. Every replica reads the same table, so a change made in
one is seen by all at their next read.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from core.classroom.db import Database
from core.classroom.schema import Setting

QUEUE_PAUSED = "queue_paused"


def read_all(db: Database, prefix: str = "") -> dict[str, Any]:
    """Every stored setting whose key starts with ``prefix``, as ``{key: value}``."""
    with db.session() as session:
        rows = session.scalars(select(Setting).where(Setting.key.startswith(prefix, autoescape=True)))
        return {row.key: row.value for row in rows}


def read(db: Database, key: str, default: Any = None) -> Any:
    """One setting's value, or ``default`` if the teacher never set it."""
    with db.session() as session:
        row = session.get(Setting, key)
        return default if row is None else row.value


def write(db: Database, key: str, value: Any) -> None:
    """Sets (or replaces) one setting; the value must be JSON-ready."""
    try:
        with db.session() as session:
            session.merge(Setting(key=key, value=value))
    except IntegrityError:  # another replica inserted the same key a moment ago: now it is an update
        with db.session() as session:
            session.merge(Setting(key=key, value=value))


def forget(db: Database, key: str) -> None:
    """Removes a setting, so its default applies again."""
    with db.session() as session:
        session.execute(delete(Setting).where(Setting.key == key))


def queue_paused(db: Database) -> bool:
    """True while the teacher has paused the queue (running jobs finish, no new ones start)."""
    return bool(read(db, QUEUE_PAUSED, False))


def set_queue_paused(db: Database, paused: bool) -> None:
    """Pauses or resumes the class's training queue."""
    write(db, QUEUE_PAUSED, bool(paused))
