"""The class a browser session belongs to: the database, the lab's mode, who is here, their limits and models.

The database handle is one per process (``st.cache_resource``, keyed by its URL so a test with
its own folder gets its own), opened and migrated when app.py starts. Everything else is read
on each run, so a passcode or a limit the teacher changes applies at once. The person a session
holds is looked up again at most every :data:`RECHECK_S` seconds (a time stamp in this session's
state, nothing shared between sessions), so a student the teacher's reset removed is signed out
within seconds without a query on every rerun.
"""

from __future__ import annotations

import os
import time
from typing import Any

import streamlit as st

from core.classroom import db as class_db
from core.classroom import identity, login, ownership, presence
from core.classroom import limits as class_limits
from core.classroom.db import Database
from core.classroom.identity import Identity, Mode
from core.classroom.limits import Limits
from core.i18n import _
from views.keys import Keys

TEACHER_EMAILS_ENV = "SIGMOID_LAB_TEACHER_EMAILS"  # comma-separated; with st.login, these get teacher rights
RECHECK_S = 3.0  # how often a session's person is looked up again in the database
_CHECKED = "class_identity_checked"  # time.monotonic() when this session's person was last found in the database
DATABASE_DOWN = (
    "The lab cannot open its class database right now, so nobody can sign in. Whoever runs the lab finds the reason "
    "in the server's log (often the `SIGMOID_LAB_DATABASE_URL` setting, or a database server that is not running)."
)


@st.cache_resource(show_spinner="Opening the class database…")
def _open(url: str) -> Database:
    return class_db.open_database(url)


def database() -> Database:
    """The class database: ``SIGMOID_LAB_DATABASE_URL``, else the SQLite file beside the models folder.

    Raises:
        ValueError: If the database URL cannot be used.

    """
    return _open(class_db.database_url())


def secret(name: str) -> Any:
    """A value from ``.streamlit/secrets.toml``, or None when there is no secrets file or no such key."""
    try:
        return st.secrets.get(name)
    except FileNotFoundError:  # StreamlitSecretNotFoundError: no secrets file at all
        return None


def teacher_passcode() -> str | None:
    """The passcode from secrets.toml (``teacher_passcode``) or ``SIGMOID_LAB_TEACHER_PASSCODE``."""
    value = secret("teacher_passcode")
    return identity.configured_passcode(str(value) if value is not None else None)


def mode() -> Mode:
    """``class`` when a teacher passcode is configured, else ``personal``."""
    return identity.lab_mode(teacher_passcode())


def login_configured() -> bool:
    """True when Streamlit's built-in login (an ``[auth]`` section in secrets.toml) is set up."""
    return "is_logged_in" in st.user


def teacher_emails() -> tuple[str, ...]:
    """E-mail addresses whose login gets teacher rights (secrets ``teacher_emails`` or the environment)."""
    value = secret("teacher_emails") or os.environ.get(TEACHER_EMAILS_ENV, "")
    items = value if isinstance(value, list | tuple) else str(value).split(",")
    return tuple(str(item).strip() for item in items if str(item).strip())


def remember(who: Identity) -> None:
    """Makes ``who`` this browser session's identity."""
    st.session_state[Keys.IDENTITY] = (database().url, who)
    st.session_state[_CHECKED] = time.monotonic()


def forget() -> None:
    """Signs this browser session out."""
    for key in (Keys.IDENTITY, Keys.NEW_CODE, _CHECKED):
        st.session_state.pop(key, None)


def _still_here(db: Database, who: Identity) -> bool:
    """Whether ``who`` is still in the database, asked at most every :data:`RECHECK_S` seconds per session."""
    checked = st.session_state.get(_CHECKED)
    if checked is not None and time.monotonic() - checked < RECHECK_S:
        return True
    if not presence.still_here(db, who):
        return False
    st.session_state[_CHECKED] = time.monotonic()
    return True


def current_identity(recheck: bool = False) -> Identity | None:
    """Who this browser session is; None in class mode before they join, come back or log in.

    Personal mode's single user needs nothing; a login (``st.user``) is mapped to its person.

    Args:
        recheck: Look the held person up in the database if :data:`RECHECK_S` seconds went by
            (the identity panel, first in every run, asks; the page's later calls in that run
            get the same answer without asking).

    """
    db, lab_mode = database(), mode()
    held = st.session_state.get(Keys.IDENTITY)
    logged_in = login_configured() and bool(st.user.is_logged_in)
    still_valid = not login_configured() or logged_in or (held is not None and held[1].role == "teacher")
    if held is not None and held[0] == db.url and held[1].mode == lab_mode and still_valid:
        if not recheck or _still_here(db, held[1]):
            return held[1]
        if held[1].mode == "class" and not logged_in:
            st.session_state[Keys.IDENTITY_MESSAGE] = _(presence.GONE)
    who = None
    if logged_in:
        who = login.from_login(db, st.user.to_dict(), lab_mode, teacher_emails())
    elif lab_mode == "personal":
        who = identity.personal(db)
    if who is None:
        forget()
    else:
        remember(who)
    return who


def limits() -> Limits:
    """The limits in force: personal mode's, or the class's as the teacher set them."""
    return class_limits.limits_for(database(), mode())


def visible_models() -> list[dict[str, Any]]:
    """The saved models this session may see, with ``owner``, ``visibility`` and ``kind`` (none before joining)."""
    who = current_identity()
    return ownership.visible_models(database(), who) if who is not None else []
