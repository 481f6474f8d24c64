"""The class challenge's life: the teacher opens it with a task, rules and an end time, changes or ends it.

One challenge is open at a time; opening a new one ends the old. :class:`ChallengeInfo` is a
challenge as the pages show it. Entering models into it is :mod:`core.classroom.challenge_entries`;
their accuracies are measured by :mod:`core.classroom.leaderboard`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from core.classroom import permissions
from core.classroom.db import Database
from core.classroom.identity import Identity
from core.classroom.schema import Challenge, aware, now
from core.data import tasks
from core.i18n import _, number


class ChallengeError(ValueError):
    """Something the challenge does not allow (the message says what and why)."""


@dataclass(frozen=True)
class ChallengeInfo:
    """A challenge as the pages show it."""

    id: int
    title: str
    task: str
    rules: dict[str, Any]
    collecting_digits: bool
    opened: dt.datetime
    ends: dt.datetime | None

    @classmethod
    def of(cls, row: Challenge) -> ChallengeInfo:
        """The info of one ``challenges`` row."""
        return cls(row.id, row.title, row.task, dict(row.rules), row.collecting_digits, aware(row.opened), aware(row.ends))

    def is_open(self, moment: dt.datetime | None = None) -> bool:
        """True until its end time."""
        return self.ends is None or (moment or now()) < self.ends

    @property
    def digits(self) -> tuple[int, ...]:
        """The digits its task tells apart (all ten for ``3-vs-rest`` and ``digits``)."""
        task = tasks.parse_task(self.task)
        return task.digits if task.kind == "pair" else tuple(range(10))

    def rules_text(self) -> str:
        """The rules in words, e.g. ``at most 50,000 parameters · at most 3 epochs``."""
        rules = self.rules
        parts = [_("at most {n} parameters").format(n=number(rules["max_parameters"]))] if rules.get("max_parameters") else []
        parts += [_("at most {n} epochs").format(n=rules["max_epochs"])] if rules.get("max_epochs") else []
        return " · ".join(parts) or _("no limits beyond the class's")


def ask(who: Identity, action: permissions.ClassAction, name: str = "This model") -> None:
    """Raises the permission table's refusal as a :class:`ChallengeError` (what the pages catch here).

    Args:
        who: Who tries.
        action: What they try (a key of :data:`core.classroom.permissions.CLASS_RULES`).
        name: The model the sentence names, if any.

    Raises:
        ChallengeError: When the table says no.
    """
    sentence = permissions.class_refusal(who.role, action, name)
    if sentence:
        raise ChallengeError(sentence)


def open_challenge(
    db: Database,
    who: Identity,
    title: str,
    task: str,
    max_parameters: int | None = None,
    max_epochs: int | None = None,
    ends: dt.datetime | None = None,
    collecting_digits: bool = True,
) -> ChallengeInfo:
    """The teacher opens a challenge; one still open ends now.

    Raises:
        ChallengeError: For a student, an empty title, an end time already past.
        ValueError: For a task that is not made of MNIST digits (e.g. ``shapes``).

    """
    ask(who, "open_challenge")
    task_spec = tasks.parse_task(task)
    if not task_spec.is_mnist:
        raise ChallengeError(_("A challenge is about digits: use a task such as 7-vs-8, 3-vs-rest or digits."))
    if not title.strip():
        raise ChallengeError(_("Give the challenge a title the class will see, e.g. 'Best 7 vs 8'."))
    if ends is not None and aware(ends) <= now():
        raise ChallengeError(_("The end time has already passed; pick one later today."))
    rules = {k: int(v) for k, v in (("max_parameters", max_parameters), ("max_epochs", max_epochs)) if v}
    with db.session() as session:
        for row in session.scalars(select(Challenge).where((Challenge.ends.is_(None)) | (Challenge.ends > now()))):
            row.ends = now()
        row = Challenge(title=title.strip(), task=task_spec.spec, rules=rules, collecting_digits=collecting_digits, ends=ends)
        session.add(row)
        session.flush()
        return ChallengeInfo.of(row)


def latest(db: Database) -> ChallengeInfo | None:
    """The newest challenge, open or ended (its leaderboard stays on show), or None."""
    with db.session() as session:
        row = session.scalar(select(Challenge).order_by(Challenge.id.desc()).limit(1))
        return ChallengeInfo.of(row) if row else None


def current(db: Database) -> ChallengeInfo | None:
    """The open challenge, or None."""
    info = latest(db)
    return info if info is not None and info.is_open() else None


def update(
    db: Database, who: Identity, challenge_id: int, *, end_now: bool = False, collecting_digits: bool | None = None
) -> None:
    """The teacher ends a challenge now or starts/stops its collecting of class digits.

    Raises:
        ChallengeError: For a student or an unknown challenge.

    """
    ask(who, "change_challenge")
    with db.session() as session:
        row = session.get(Challenge, challenge_id)
        if row is None:
            raise ChallengeError(_("There is no challenge number {n}.").format(n=challenge_id))
        row.ends = now() if end_now else row.ends
        row.collecting_digits = row.collecting_digits if collecting_digits is None else collecting_digits
