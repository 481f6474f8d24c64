"""Slowing down guessing: wrong personal codes and teacher passcodes make the next try wait longer.

Every wrong code is a row in ``sign_in_failures`` with the name it was typed for (whether or not
anyone has that name, so the wait says nothing about who exists) and the browser session it
came from. The wait is counted from those rows, per name and per session, so it holds across
tabs and replicas and never blocks a server thread: a try that comes too early is refused at
once with "try again in N seconds". The first :data:`FREE_TRIES` wrong codes cost nothing
(a typo); after that each one doubles the wait, up to :data:`LONGEST_WAIT`. A right code clears
the name's and the session's count (the rows stay, for the teacher's log).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import or_, select, update

from core.classroom import permissions
from core.classroom.db import Database
from core.classroom.name_keys import key, tidy
from core.classroom.schema import SignInFailure, aware, now
from core.i18n import N_, _, ngettext

Kind = Literal["code", "passcode"]
FREE_TRIES = 3
FIRST_WAIT = dt.timedelta(seconds=5)
LONGEST_WAIT = dt.timedelta(minutes=5)
WINDOW = dt.timedelta(hours=1)  # wrong codes older than this no longer count
_WHAT = {
    "code": N_("Too many wrong codes for now: try again in {wait}."),
    "passcode": N_("Too many wrong passcodes for now: try again in {wait}."),
}


@dataclass(frozen=True)
class Failure:
    """One wrong code, as the teacher's log shows it."""

    at: dt.datetime
    kind: str
    name: str
    session: str
    cleared: bool


def wait_after(failures: int) -> dt.timedelta:
    """How long after the latest of ``failures`` wrong codes the next try must wait."""
    if failures < FREE_TRIES:
        return dt.timedelta(0)
    return min(FIRST_WAIT * 2 ** (failures - FREE_TRIES), LONGEST_WAIT)


def in_words(seconds: float) -> str:
    """``30 seconds``, ``1 second``, ``4 minutes``: a wait as a student reads it."""
    seconds = max(1, math.ceil(seconds))
    if seconds < 120:
        return ngettext("{n} second", "{n} seconds", seconds).format(n=seconds)
    return _("{n} minutes").format(n=math.ceil(seconds / 60))


def _times(db: Database, column: object, value: str, since: dt.datetime) -> list[dt.datetime]:
    with db.session() as session:
        query = select(SignInFailure.at).where(column == value, SignInFailure.at > since, SignInFailure.cleared.is_(False))
        return [aware(at) for at in session.scalars(query)]


def refusal(db: Database, kind: Kind, name: str, session_key: str | None = None, moment: dt.datetime | None = None) -> str | None:
    """The sentence refusing a try that comes too early, or None if it may go ahead.

    Args:
        db: The class database.
        kind: ``code`` (a student coming back) or ``passcode`` (the teacher).
        name: The name typed (the teacher's name for a passcode).
        session_key: The browser session trying, if the view gives one.
        moment: Now (tests pass a later time instead of sleeping).

    """
    moment = moment or now()
    left = dt.timedelta(0)
    counted = [(SignInFailure.name_key, key(name))] + ([(SignInFailure.session_key, session_key)] if session_key else [])
    for column, value in counted:
        times = _times(db, column, value, moment - WINDOW)
        if times:
            left = max(left, max(times) + wait_after(len(times)) - moment)
    if left <= dt.timedelta(0):
        return None
    sentence = _WHAT[kind]
    return _(sentence).format(wait=in_words(left.total_seconds()))


def record_failure(db: Database, kind: Kind, name: str, session_key: str | None = None) -> None:
    """Logs one wrong code typed for ``name`` (the name need not exist)."""
    with db.session() as session:
        session.add(
            SignInFailure(
                at=now(),  # this module's clock, which a test can move on
                kind=kind,
                name=tidy(name)[:64],
                name_key=key(name)[:64],
                session_key=(session_key or None) and session_key[:64],
            )
        )


def record_success(db: Database, name: str, session_key: str | None = None) -> None:
    """A right code: the name's and the session's wrong codes stop counting."""
    matches = [SignInFailure.name_key == key(name)[:64]] + (
        [SignInFailure.session_key == session_key[:64]] if session_key else []
    )
    with db.session() as session:
        session.execute(update(SignInFailure).where(or_(*matches), SignInFailure.cleared.is_(False)).values(cleared=True))


def log(db: Database, role: str, newest: int = 200) -> list[Failure]:
    """The wrong codes typed lately, newest first, for the teacher's console.

    Raises:
        PermissionRefused: For a student.

    """
    permissions.check_class(role, "read_sign_in_log")
    with db.session() as session:
        rows = session.scalars(select(SignInFailure).order_by(SignInFailure.id.desc()).limit(newest))
        return [Failure(aware(r.at), r.kind, r.name, (r.session_key or "")[:8], r.cleared) for r in rows]
