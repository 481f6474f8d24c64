"""Training runs in the class database: who started them, their settings, state, metrics and curves.

The job itself runs elsewhere (``core.training`` / ``core.engine``); this module records it so
the teacher's table, the run history and the quota on runs at once see every replica's runs.
A row's ``state`` is a :class:`~core.training.run_state.RunState`'s value, stored as it is.
:class:`core.classroom.recorders.RunRecorder` keeps a live run's row up to date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select

from core.classroom import quotas
from core.classroom.db import Database
from core.classroom.identity import Identity
from core.classroom.limits import Limits
from core.classroom.schema import Run, now
from core.training.run_state import RunState

ACTIVE = tuple(state.value for state in RunState if state.active)  # a row in one of these counts as a run going
STALE_AFTER = dt.timedelta(hours=2)  # far longer than a class run takes (the epochs and images limits bound it)


def running_count(db: Database, who: Identity) -> int:
    """How many of ``who``'s runs are queued or training.

    A run still marked so :data:`STALE_AFTER` after it was queued is a leftover of a server that
    stopped without recording its end, and no longer counts against the student.
    """
    since = now() - STALE_AFTER
    with db.session() as session:
        query = select(func.count()).select_from(Run)
        query = query.where(Run.owner_id == who.person_id, Run.state.in_(ACTIVE), Run.created > since)
        return session.scalar(query) or 0


def start_run(db: Database, who: Identity, settings: dict[str, Any], limits: Limits, sweep_id: int | None = None) -> int:
    """Records a new queued run, if ``who`` is below their limit of runs at once.

    Args:
        db: The class database.
        who: Who starts it.
        settings: The run's settings (already clamped), JSON-ready.
        limits: The limits in force.
        sweep_id: The sweep it belongs to, if any.

    Returns:
        The run's id.

    Raises:
        QuotaError: If a student already has as many runs going as the limit allows.

    """
    if who.role != "teacher":  # the limit is per student (and personal mode's single user)
        quotas.check_runs_at_once(running_count(db, who), limits)
    with db.session() as session:
        run = Run(owner_id=who.person_id, settings=dict(settings), state=RunState.QUEUED.value, sweep_id=sweep_id)
        session.add(run)
        session.flush()
        return run.id


def update_run(
    db: Database,
    run_id: int,
    state: RunState | str | None = None,
    metrics: dict[str, Any] | None = None,
    curves: dict[str, Any] | None = None,
    model_name: str | None = None,
) -> None:
    """Updates a run's state, final metrics, curves or saved model's name (what is given).

    Raises:
        ValueError: For an unknown state or run.

    """
    known = None
    if state is not None:
        try:
            known = RunState(state)
        except ValueError:
            raise ValueError(f"A run's state is one of {', '.join(RunState)}, not {state!r}.") from None
    with db.session() as session:
        run = session.get(Run, run_id)
        if run is None:
            raise ValueError(f"There is no run number {run_id}.")
        if known is not None:
            run.state = known.value  # the plain string: every database driver takes it
            run.finished = None if known.active else now()
        run.metrics = run.metrics if metrics is None else dict(metrics)
        run.curves = run.curves if curves is None else dict(curves)
        run.model_name = model_name or run.model_name


def runs_of(db: Database, who: Identity | None = None) -> list[Run]:
    """Every run (or ``who``'s), newest first, detached from the session for reading."""
    with db.session() as session:
        query = select(Run).order_by(Run.id.desc())
        if who is not None:
            query = query.where(Run.owner_id == who.person_id)
        return list(session.scalars(query))
