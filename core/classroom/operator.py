"""The command line in a class: who ``python -m core`` acts as, and the class it acts in.

Whoever runs commands on the server is its operator: the teacher in class mode (so a save under
a student's model's name is refused, as in the app), the single user in personal mode. The mode
comes from ``SIGMOID_LAB_TEACHER_PASSCODE`` or, as the app reads it, ``teacher_passcode`` in
``.streamlit/secrets.toml`` (the working folder's, then the home folder's), read here as TOML.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from core.classroom import identity
from core.classroom.db import Database, open_database
from core.classroom.identity import Identity
from core.classroom.limits import Limits, limits_for

SECRETS = (Path(".streamlit") / "secrets.toml", Path.home() / ".streamlit" / "secrets.toml")


def secrets_passcode(places: tuple[Path, ...] | None = None) -> str | None:
    """``teacher_passcode`` from the first readable secrets.toml, like Streamlit's ``st.secrets``."""
    for place in SECRETS if places is None else places:
        try:
            value = tomllib.loads(place.read_text()).get("teacher_passcode")
        except (OSError, tomllib.TOMLDecodeError):
            continue
        if value:
            return str(value)
    return None


def operator(db: Database) -> Identity:
    """The command line's user: the teacher in class mode, else personal mode's single user."""
    passcode = identity.configured_passcode(secrets_passcode())
    if identity.lab_mode(passcode) == "personal":
        return identity.personal(db)
    return identity.unlock_teacher(db, passcode or "", passcode)


def open_class(models_folder: Path | None = None) -> tuple[Database, Identity, Limits]:
    """The class database (created and migrated if needed), the operator and the limits in force.

    Raises:
        ValueError: If ``SIGMOID_LAB_DATABASE_URL`` cannot be used.

    """
    db = open_database(models_folder=models_folder)
    who = operator(db)
    return db, who, limits_for(db, who.mode)
