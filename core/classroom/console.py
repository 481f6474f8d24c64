"""The teacher's table of the class: each student's current run, best accuracy so far and saved models.

Runs and models come from the class database (every replica's); a run training in this server
also has a live handle in the engine's job book (``owner`` = the person's id), which adds its
epoch and progress and lets the teacher stop it. A sweep's trials are there too, under the
student's id: on the local engine as its jobs, on Ray Tune as one live handle per training trial
(``core.sweeps.live_trial``; its progress moves by epochs, its stop ends that trial alone).
Personal mode's table has one row: the lab's single user.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import select

from core.classroom.db import Database
from core.classroom.identity import Mode
from core.classroom.schema import ModelRecord, Person, Run
from core.i18n import _
from core.training import run_state
from core.training.run_state import RunState

if TYPE_CHECKING:
    from core.training.progress import Progress


class LiveJob(Protocol):
    """What the table reads of a running job (``core.engine.jobs.LiveRun``: a job, or a Ray Tune trial's handle)."""

    id: int
    owner: str | None

    def snapshot(self) -> Progress:
        """A copy of the progress."""
        ...


def job_text(progress: Progress) -> str:
    """A job's state in a few words, e.g. ``training · epoch 2/3`` or ``paused by the teacher``."""
    if progress.state == RunState.QUEUED:
        if progress.paused:
            return _("paused by the teacher")
        return _("waiting ({ahead} ahead)").format(ahead=progress.queue_position)
    if progress.state in (RunState.RUNNING, RunState.STOPPING) and progress.epoch:
        return _("{state} · epoch {epoch}/{epochs}").format(
            state=_(run_state.WORDS[progress.state]), epoch=progress.epoch, epochs=progress.epochs
        )
    return _("starting") if progress.state == RunState.RUNNING else _(run_state.WORDS[progress.state])


def best_accuracy(metrics: dict[str, Any]) -> float | None:
    """A run's accuracy on the real MNIST test set when it was measured there, else on its own test split."""
    real = metrics.get("real_test_metrics") or {}
    value = real.get("accuracy", metrics.get("test_accuracy"))
    return None if value is None else float(value)


def owner_of(job: LiveJob) -> int | None:
    """The person id a job's ``owner`` names (the engine keeps it as text), or None."""
    text = str(job.owner) if job.owner is not None else ""
    return int(text) if text.isdigit() else None


def latest_jobs(jobs: Iterable[LiveJob]) -> dict[int, LiveJob]:
    """Each owner's newest job, a live one preferred over one that ended."""
    found: dict[int, LiveJob] = {}
    for job in sorted(jobs, key=lambda j: (not j.snapshot().done, j.id)):
        person = owner_of(job)
        if person is not None:
            found[person] = job
    return found


def people(db: Database, mode: Mode) -> list[Person]:
    """The table's rows: the students by name, or personal mode's single user."""
    with db.session() as session:
        query = select(Person).where(Person.role == ("teacher" if mode == "personal" else "student"))
        return list(session.scalars(query.order_by(Person.name_key)))


def class_table(db: Database, mode: Mode, jobs: Sequence[LiveJob] = (), paused: bool = False) -> list[dict[str, Any]]:
    """One row per student: current job, its progress, best test accuracy so far, saved models.

    Args:
        db: The class database.
        mode: ``class`` (the students) or ``personal`` (the single user).
        jobs: The engine's live jobs (``engine.book.jobs()``).
        paused: Whether the teacher has paused the queue (a queued run without a live job here then says so).

    Returns:
        Dicts with ``person_id``, ``student``, ``job``, ``progress`` (0–1 or None), ``best_accuracy``,
        ``runs`` and ``models`` (names), in name order.

    """
    persons = people(db, mode)
    with db.session() as session:
        run_rows = session.execute(select(Run.owner_id, Run.state, Run.metrics).order_by(Run.id)).all()
        model_rows = session.execute(select(ModelRecord.name, ModelRecord.owner_id).order_by(ModelRecord.name)).all()
    live = latest_jobs(jobs)
    table = []
    for person in persons:
        theirs = [r for r in run_rows if r.owner_id == person.id]
        accuracies = [a for a in (best_accuracy(r.metrics or {}) for r in theirs) if a is not None]
        job, progress = live.get(person.id), None
        if job is not None:
            snapshot = job.snapshot()
            text, progress = job_text(snapshot), snapshot.fraction_done
        else:
            state = theirs[-1].state if theirs else None
            queued = paused and state == RunState.QUEUED
            text = "paused by the teacher" if queued else run_state.words(state, default="no run yet")
        table.append(
            {
                "person_id": person.id,
                "student": person.name,
                "job": text,
                "progress": progress,
                "best_accuracy": max(accuracies, default=None),
                "runs": len(theirs),
                "models": [name for name, owner in model_rows if owner == person.id],
            }
        )
    return table
