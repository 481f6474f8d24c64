"""Is a signed-in session's person still in the class? The teacher's reset or a restore may have removed them.

A browser session keeps its :class:`~core.classroom.identity.Identity` in memory; the view asks
:func:`still_here` every few seconds (not on every rerun) so a removed or changed person is noticed.
"""

from __future__ import annotations

from sqlalchemy import select

from core.classroom.db import Database
from core.classroom.identity import Identity
from core.classroom.schema import Person
from core.i18n import N_

GONE = N_(
    "You were signed out: your place in the class was removed or changed (for example, the teacher cleared the class "
    "for the next lesson). Join again, or come back with your name and code."
)


def still_here(db: Database, who: Identity) -> bool:
    """True if ``who``'s row is still in the database with the same name and role.

    One query by primary key. A different name on the same row id counts as gone: ids can be
    reused after a reset, and the lab has no renaming, so it is someone else's row now.

    Args:
        db: The class database.
        who: The identity a session holds.

    """
    with db.session() as session:
        row = session.execute(select(Person.name, Person.role).where(Person.id == who.person_id)).first()
    if row is None or row.name != who.name:
        return False
    return who.mode != "class" or row.role == who.role
