"""Entries in the class challenge: a student enters a saved model, or withdraws it; the rules are checked.

Entering a model checks, with sentences a student understands, that the challenge is still open,
that the model is theirs, that it does the challenge's task and that it keeps the rules (most
parameters, most epochs). The challenge itself (open, current, ended) is
:mod:`core.classroom.challenge`; the entries' accuracies are measured by
:mod:`core.classroom.leaderboard`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from core.classroom.challenge import ChallengeError, ChallengeInfo, ask
from core.classroom.db import Database
from core.classroom.identity import Identity
from core.classroom.schema import ChallengeSubmission, ModelRecord
from core.data import tasks
from core.i18n import _, number


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
    ask(who, "enter_own_model" if theirs else "enter_others_model", name)
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
            ask(who, "withdraw_own_entry" if entry.person_id == who.person_id else "withdraw_others_entry")
        session.execute(delete(ChallengeSubmission).where(ChallengeSubmission.id == entry_id))
