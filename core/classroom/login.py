"""The identity boundary for Streamlit's built-in login (``st.login``, OpenID Connect).

The view passes ``st.user`` as a plain dict (``dict(st.user)``); this module never sees Streamlit.
A login replaces name + code: the same login always maps to the same person.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.classroom.db import Database
from core.classroom.identity import MAX_NAME, Identity, IdentityError, Mode
from core.classroom.name_keys import key, tidy
from core.classroom.schema import Person


def login_subject(user: Mapping[str, Any]) -> str:
    """A stable key for a logged-in user: the issuer and subject, else the e-mail address.

    Raises:
        IdentityError: If the user is not logged in or carries neither a subject nor an e-mail.

    """
    if not user.get("is_logged_in", True):
        raise IdentityError("Log in first: the lab uses your school login to know who you are.")
    if user.get("sub"):
        return f"{user.get('iss') or ''}|{user['sub']}"
    if user.get("email"):
        return f"email|{str(user['email']).casefold()}"
    raise IdentityError(
        "Your login did not say who you are (no user id or e-mail); ask your teacher to check the login settings."
    )


def _free_name(session: Session, wanted: str) -> str:
    """``wanted`` if nobody uses it (or a look-alike of it) yet, else ``wanted (2)``, ``wanted (3)``, ..."""
    wanted = tidy(wanted)[:MAX_NAME] or "Student"
    candidate, number = wanted, 1
    while session.scalar(select(Person.id).where(Person.name_key == key(candidate))) is not None:
        number += 1
        candidate = f"{wanted[: MAX_NAME - 5]} ({number})"
    return candidate


def from_login(db: Database, user: Mapping[str, Any], mode: Mode, teacher_emails: Collection[str] = ()) -> Identity:
    """The person a login belongs to, made on their first visit.

    Args:
        db: The class database.
        user: ``st.user`` as a dict: ``is_logged_in``, ``sub``, ``iss``, ``email``, ``name``.
        mode: The lab's mode; in personal mode the login is the single user (every right).
        teacher_emails: E-mail addresses that get teacher rights without the passcode.

    Returns:
        The identity; its role is ``teacher`` for a listed e-mail, else ``student``.

    Raises:
        IdentityError: If the dict does not describe a logged-in user.

    """
    subject = login_subject(user)
    email = str(user.get("email") or "") or None
    teacher = bool(email) and email.casefold() in {e.casefold() for e in teacher_emails}
    with db.session() as session:
        person = session.scalar(select(Person).where(Person.login_subject == subject))
        if person is None:
            name = _free_name(session, str(user.get("name") or (email or "").split("@")[0]))
            person = Person(name=name, name_key=key(name), login_subject=subject, email=email)
            session.add(person)
        person.role = "teacher" if teacher else "student"
        session.flush()
        if mode == "personal":
            return Identity(person.id, person.name, "personal", "personal")
        return Identity(person.id, person.name, person.role, "class")  # type: ignore[arg-type]
