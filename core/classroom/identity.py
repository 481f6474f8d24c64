"""Who is using the lab: the two modes, joining with a name, coming back with a code, the teacher.

Personal mode (no teacher passcode configured): one user who is also the teacher. Class mode
(a passcode in ``.streamlit/secrets.toml`` as ``teacher_passcode``, which the view passes in, or
``SIGMOID_LAB_TEACHER_PASSCODE``): students join with a display name and get a personal code;
the teacher unlocks with the passcode. A login through Streamlit's ``st.login`` is mapped to a
person by :mod:`core.classroom.login`.

Names are compared by their :func:`~core.classroom.name_keys.key`, so a look-alike of someone
(``Τeacher`` with a Greek Tau) is refused. Wrong codes and passcodes are slowed down by
:mod:`core.classroom.guessing`, and a wrong code never says whether the name exists.
"""

from __future__ import annotations

import hmac
import os
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.classroom import codes, guessing
from core.classroom.db import Database
from core.classroom.name_keys import key, tidy
from core.classroom.schema import Person
from core.i18n import N_, _

Mode = Literal["personal", "class"]
Role = Literal["teacher", "student", "personal"]
PASSCODE_ENV = "SIGMOID_LAB_TEACHER_PASSCODE"
TEACHER_NAME = "Teacher"
MAX_NAME = 30
_RESERVED = {key("teacher"), key("you")}
NO_MATCH = N_(
    "That name and code do not match anyone in this class. Check both (the code looks like otter-maple-42), "
    "join as a new student, or ask your teacher."
)
_UNUSED_HASH: list[str] = []  # a hash to check wrong names against, so they take as long as right ones


class IdentityError(ValueError):
    """A name, code or passcode that does not let someone in (the message says why)."""


@dataclass(frozen=True)
class Identity:
    """Who a browser session is: the person's row and name, their role and the lab's mode."""

    person_id: int
    name: str
    role: Role
    mode: Mode

    @property
    def label(self) -> str:
        """What the sidebar says, e.g. ``Ada · student · class mode``."""
        return f"{self.name} · {self.role} · {self.mode} mode" if self.mode == "class" else "You · personal mode"


def configured_passcode(secret: str | None = None) -> str | None:
    """The teacher passcode: ``secret`` (from secrets.toml, read by the view), else the environment."""
    value = (secret or os.environ.get(PASSCODE_ENV) or "").strip()
    return value or None


def lab_mode(passcode: str | None) -> Mode:
    """``class`` when a teacher passcode is configured, else ``personal``."""
    return "class" if passcode else "personal"


def check_name(name: str) -> str:
    """The display name tidied (single spaces), or raises with what to change.

    Raises:
        IdentityError: For an empty, over-long, reserved or oddly charactered name.

    """
    name = tidy(name)
    if not name:
        raise IdentityError(_("Type your name to join the class."))
    if len(name) > MAX_NAME:
        raise IdentityError(
            _("Use a shorter name: at most {most} letters (yours has {yours}).").format(most=MAX_NAME, yours=len(name))
        )
    if not all(c.isalnum() or c in " -.'" for c in name) or not name[0].isalnum():
        raise IdentityError(
            _("Use letters, digits, spaces, dashes, dots or apostrophes in your name, starting with a letter or digit.")
        )
    if key(name) in _RESERVED:
        if name.casefold() in ("teacher", "you"):
            raise IdentityError(_("{name} is kept for the lab; pick another name.").format(name=repr(name)))
        raise IdentityError(_("{name} looks just like a name kept for the lab; pick another name.").format(name=repr(name)))
    return name


def teacher_person(session: Session) -> Person:
    """The teacher's row (made on first use): owner of adopted models, the personal mode's user."""
    person = session.scalar(select(Person).where(Person.name_key == key(TEACHER_NAME)))
    if person is None:
        person = Person(name=TEACHER_NAME, name_key=key(TEACHER_NAME), role="teacher")
        session.add(person)
        session.flush()
    return person


def personal(db: Database) -> Identity:
    """The single user of personal mode (the teacher's row, with every right)."""
    with db.session() as session:
        return Identity(teacher_person(session).id, TEACHER_NAME, "personal", "personal")


def join(db: Database, name: str) -> tuple[Identity, str]:
    """A new student joins: their row is made and their personal code returned (shown once).

    Raises:
        IdentityError: For a bad name, or one someone in the class already uses (or one that looks just like it).

    """
    name = check_name(name)
    code = codes.new_code()
    try:
        with db.session() as session:
            other = session.scalar(select(Person.name).where(Person.name_key == key(name)))
            if other is not None:
                raise _taken(name, other)
            person = Person(name=name, name_key=key(name), code_hash=codes.hash_code(code), role="student")
            session.add(person)
            session.flush()
            return Identity(person.id, name, "student", "class"), code
    except IntegrityError:  # the same name joined in another tab or replica a moment ago
        raise _taken(name, name) from None


def _taken(name: str, other: str) -> IdentityError:
    """The refusal of a name someone has, or one that looks just like theirs."""
    start = (
        _("Someone in this class is already called {name}.").format(name=name)
        if other == name or other.casefold() == name.casefold()
        else _("{name} looks just like {other}, someone already in this class.").format(name=name, other=other)
    )
    end = _("Pick another name — or, if that is you, get back in with your name and the code you were given.")
    return IdentityError(f"{start} {end}")


def come_back(db: Database, name: str, code: str, session_key: str | None = None) -> Identity:
    """A student gets back in with their name and code.

    Args:
        db: The class database.
        name: The name typed.
        code: The code typed.
        session_key: The browser session trying (its wrong codes are counted too).

    Raises:
        IdentityError: If the name and code do not match (the same sentence whether or not the
            name exists), or after too many wrong codes (saying how long to wait).

    """
    name = tidy(name)
    too_early = guessing.refusal(db, "code", name, session_key)
    if too_early:
        raise IdentityError(too_early)
    with db.session() as session:
        person = session.scalar(select(Person).where(Person.name_key == key(name), Person.role == "student"))
    stored = person.code_hash if person is not None and person.code_hash else None
    if not _UNUSED_HASH:
        _UNUSED_HASH.append(codes.hash_code(codes.new_code()))
    matches = codes.check_code(code, stored or _UNUSED_HASH[0]) and stored is not None  # as slow for a missing name
    if person is None or not matches:
        guessing.record_failure(db, "code", name, session_key)
        raise IdentityError(_(NO_MATCH))
    guessing.record_success(db, name, session_key)
    return Identity(person.id, person.name, "student", "class")


def unlock_teacher(db: Database, typed: str, passcode: str | None, session_key: str | None = None) -> Identity:
    """The teacher unlocks teacher rights with the configured passcode.

    Raises:
        IdentityError: If no passcode is configured, the typed one is wrong, or after too many
            wrong ones (saying how long to wait).

    """
    if not passcode:
        raise IdentityError(_("This lab runs in personal mode: there is no teacher passcode to unlock."))
    too_early = guessing.refusal(db, "passcode", TEACHER_NAME, session_key)
    if too_early:
        raise IdentityError(too_early)
    if not hmac.compare_digest((typed or "").strip().encode(), passcode.encode()):
        guessing.record_failure(db, "passcode", TEACHER_NAME, session_key)
        raise IdentityError(_("That is not the teacher passcode."))
    guessing.record_success(db, TEACHER_NAME, session_key)
    with db.session() as session:
        return Identity(teacher_person(session).id, TEACHER_NAME, "teacher", "class")
