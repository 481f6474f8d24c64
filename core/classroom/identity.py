"""Who is using the lab: the two modes, joining with a name, coming back with a code, the teacher.

Personal mode (no teacher passcode configured): one user who is also the teacher. Class mode
(a passcode in ``.streamlit/secrets.toml`` as ``teacher_passcode``, which the view passes in, or
``SIGMOID_LAB_TEACHER_PASSCODE``): students join with a display name and get a personal code;
the teacher unlocks with the passcode. A login through Streamlit's ``st.login`` is mapped to a
person by :mod:`core.classroom.login`.
"""

from __future__ import annotations

import hmac
import os
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.classroom import codes
from core.classroom.db import Database
from core.classroom.schema import Person

Mode = Literal["personal", "class"]
Role = Literal["teacher", "student", "personal"]
PASSCODE_ENV = "SIGMOID_LAB_TEACHER_PASSCODE"
TEACHER_NAME = "Teacher"
MAX_NAME = 30
_RESERVED = {"teacher", "you"}


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
    name = " ".join((name or "").split())
    if not name:
        raise IdentityError("Type your name to join the class.")
    if len(name) > MAX_NAME:
        raise IdentityError(f"Use a shorter name: at most {MAX_NAME} letters (yours has {len(name)}).")
    if not all(c.isalnum() or c in " -.'" for c in name) or not name[0].isalnum():
        raise IdentityError(
            "Use letters, digits, spaces, dashes, dots or apostrophes in your name, starting with a letter or digit."
        )
    if name.casefold() in _RESERVED:
        raise IdentityError(f"{name!r} is kept for the lab; pick another name.")
    return name


def teacher_person(session: Session) -> Person:
    """The teacher's row (made on first use): owner of adopted models, the personal mode's user."""
    person = session.scalar(select(Person).where(Person.name_key == TEACHER_NAME.casefold()))
    if person is None:
        person = Person(name=TEACHER_NAME, name_key=TEACHER_NAME.casefold(), role="teacher")
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
        IdentityError: For a bad name, or one someone in the class already uses.

    """
    name = check_name(name)
    code = codes.new_code()
    taken = IdentityError(
        f"Someone in this class is already called {name}. Pick another name — or, if that is you, "
        "get back in with your name and the code you were given."
    )
    try:
        with db.session() as session:
            if session.scalar(select(Person.id).where(Person.name_key == name.casefold())) is not None:
                raise taken
            person = Person(name=name, name_key=name.casefold(), code_hash=codes.hash_code(code), role="student")
            session.add(person)
            session.flush()
            return Identity(person.id, name, "student", "class"), code
    except IntegrityError:  # the same name joined in another tab or replica a moment ago
        raise taken from None


def come_back(db: Database, name: str, code: str) -> Identity:
    """A student gets back in with their name and code.

    Raises:
        IdentityError: If nobody has that name, or the code does not match it.

    """
    name = " ".join((name or "").split())
    with db.session() as session:
        person = session.scalar(select(Person).where(Person.name_key == name.casefold()))
    if person is None or person.role != "student" or person.code_hash is None:
        raise IdentityError(f"Nobody called {name!r} has joined this class yet. Check the spelling, or join as a new student.")
    if not codes.check_code(code, person.code_hash):
        raise IdentityError(
            f"That code is not {person.name}'s. Check the code you wrote down when you joined "
            "(it looks like otter-maple-42), or ask your teacher."
        )
    return Identity(person.id, person.name, "student", "class")


def unlock_teacher(db: Database, typed: str, passcode: str | None) -> Identity:
    """The teacher unlocks teacher rights with the configured passcode.

    Raises:
        IdentityError: If no passcode is configured or the typed one is wrong.

    """
    if not passcode:
        raise IdentityError("This lab runs in personal mode: there is no teacher passcode to unlock.")
    if not hmac.compare_digest((typed or "").strip().encode(), passcode.encode()):
        raise IdentityError("That is not the teacher passcode.")
    with db.session() as session:
        return Identity(teacher_person(session).id, TEACHER_NAME, "teacher", "class")
