"""The sentence the teacher's console shows when the class database file went missing or was replaced.

:mod:`core.classroom.lost_file` writes it when it notices (while running, or at start); it stays
until the teacher puts it away, so every replica's console shows it.
"""

from __future__ import annotations

from core.classroom import permissions
from core.classroom.db import Database
from core.classroom.identity import Identity
from core.classroom.lost_file import NOTICE_KEY
from core.classroom.schema import Setting


def notice(db: Database) -> str | None:
    """The note about the class database for the teacher, or None when all is well."""
    with db.session() as session:
        row = session.get(Setting, NOTICE_KEY)
        return str(row.value) if row is not None and row.value else None


def dismiss(db: Database, who: Identity) -> None:
    """The teacher has read the note: it is no longer shown.

    Raises:
        PermissionRefused: For a student.

    """
    permissions.check_class(who.role, "dismiss_database_notice")
    with db.session() as session:
        row = session.get(Setting, NOTICE_KEY)
        if row is not None:
            session.delete(row)
