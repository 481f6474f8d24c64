"""The class challenge: a task, rules and an end time set by the teacher; students enter saved models.

One challenge is open at a time. Entering a model checks, with sentences a student understands,
that the challenge is still open, that the model is theirs, that it does the challenge's task and
that it keeps the rules (most parameters, most epochs). Its accuracies are measured later by
:mod:`core.classroom.leaderboard`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from core.classroom import permissions
from core.classroom.db import Database
from core.classroom.identity import Identity
from core.classroom.schema import Challenge, ChallengeSubmission, ModelRecord, aware, now
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


def _ask(who: Identity, action: permissions.ClassAction, name: str = "This model") -> None:
    """Raises the permission table's refusal as a :class:`ChallengeError` (what the pages catch here)."""
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
    _ask(who, "open_challenge")
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
    _ask(who, "change_challenge")
    with db.session() as session:
        row = session.get(Challenge, challenge_id)
        if row is None:
            raise ChallengeError(_("There is no challenge number {n}.").format(n=challenge_id))
        row.ends = now() if end_now else row.ends
        row.collecting_digits = row.collecting_digits if collecting_digits is None else collecting_digits


def epochs_of(metadata: dict[str, Any]) -> int | None:
    """The epochs a saved model trained: recorded by its run, else its history's length, else its settings."""
    trained = metadata.get("epochs_trained") or len(metadata.get("history") or [])
    return int(trained or (metadata.get("train_config") or {}).get("epochs") or 0) or None


def check_entry(info: ChallengeInfo, name: str, task: str, parameters: int, epochs: int | None) -> None:
    """Refuses a model that does another task or breaks the rules.

    Raises:
        ChallengeError: Naming the rule and the model's own figure.

    """
    if tasks.parse_task(task).spec != info.task:
        raise ChallengeError(
            _("{name} tells {task} apart, but this challenge is {wanted}: enter a {wanted} model.").format(
                name=name, task=task, wanted=info.task
            )
        )
    most = info.rules.get("max_parameters")
    if most and parameters > most:
        raise ChallengeError(
            _("{name} has {n} parameters; this challenge allows at most {most}.").format(
                name=name, n=number(parameters), most=number(most)
            )
        )
    most = info.rules.get("max_epochs")
    if most and (epochs is None or epochs > most):
        if epochs is None:
            raise ChallengeError(
                _("{name} trained for an unknown number of epochs; this challenge allows at most {most}.").format(
                    name=name, most=most
                )
            )
        raise ChallengeError(
            _("{name} trained for {n} epochs; this challenge allows at most {most}.").format(name=name, n=epochs, most=most)
        )


def submit(db: Database, who: Identity, info: ChallengeInfo, name: str, task: str, parameters: int, epochs: int | None) -> int:
    """Enters a saved model into the open challenge; returns the entry's id.

    Args:
        db: The class database.
        who: Who enters it (a student may enter their own models only).
        info: The challenge.
        name: The model's name.
        task: The model's task.
        parameters: Its parameter count (as its network counts them).
        epochs: The epochs it trained, if known.

    Raises:
        ChallengeError: If the challenge has ended, the model is not theirs, already entered or breaks a rule.

    """
    if not info.is_open():
        raise ChallengeError(_("The challenge '{title}' has ended: no more entries.").format(title=info.title))
    with db.session() as session:
        record = session.get(ModelRecord, name)
    theirs = record is not None and record.owner_id == who.person_id
    _ask(who, "enter_own_model" if theirs else "enter_others_model", name)
    check_entry(info, name, task, parameters, epochs)
    try:
        with db.session() as session:
            entry = ChallengeSubmission(challenge_id=info.id, person_id=who.person_id, model_name=name)
            session.add(entry)
            session.flush()
            return entry.id
    except IntegrityError:
        raise ChallengeError(_("{name} is already in this challenge.").format(name=name)) from None


def withdraw(db: Database, who: Identity, entry_id: int) -> None:
    """Takes an entry off the leaderboard: the teacher any, a student their own.

    Raises:
        ChallengeError: For a student's attempt on someone else's entry.

    """
    with db.session() as session:
        entry = session.get(ChallengeSubmission, entry_id)
        if entry is not None:
            _ask(who, "withdraw_own_entry" if entry.person_id == who.person_id else "withdraw_others_entry")
        session.execute(delete(ChallengeSubmission).where(ChallengeSubmission.id == entry_id))
