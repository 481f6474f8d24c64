"""Sweeps in the class database: the quotas on a whole sweep, its trials as runs, and past sweeps.

A sweep is held to the same limits as the runs it is made of: every trial's settings must be
within the per-run limits (a sweep names its values on purpose, so a trial over a limit is
refused with the limit named rather than quietly changed), and the sweep takes the student's
free "runs at once": it starts only if one is free, runs at most that many trials at a time, and
each trial is a row in ``runs`` (``sweep_id`` set), so the Train page's own check and the
teacher's table see them. :func:`record_progress` mirrors the live trials into those rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import select

from core.classroom import quotas, runs
from core.classroom.db import Database
from core.classroom.identity import Identity
from core.classroom.limits import Limits
from core.classroom.schema import Run, Sweep, now
from core.training.run_state import RunState


class TrialView(Protocol):
    """What the record reads of a sweep's trial (``core.sweeps.trial.Trial``)."""

    state: RunState
    history: list[dict[str, float]]
    test_accuracy: float | None
    error: str
    metadata: dict[str, Any] | None


@dataclass(frozen=True)
class SweepRecord:
    """A sweep's row, its trials' run rows (in trial order) and how many trials may train at once (None: any)."""

    id: int
    run_ids: tuple[int, ...]
    parallel: int | None


def start_sweep(
    db: Database, who: Identity, plan: Mapping[str, Any], trials: Sequence[Mapping[str, Any]], limits: Limits
) -> SweepRecord:
    """Checks a sweep against the limits and records it with one queued run per trial.

    Args:
        db: The class database.
        who: Who starts it.
        plan: The sweep's plan as its shareable link's values (kept to show and re-open it).
        trials: Every trial's full settings (``SweepSpec.validate``).
        limits: The limits in force.

    Returns:
        The record; ``parallel`` is the student's free runs at once (None for the teacher).

    Raises:
        QuotaError: With a sentence naming the limit a trial is over, or the runs already going.

    """
    for number, settings in enumerate(trials, start=1):
        refused = quotas.refusals(settings, limits)
        if refused:
            raise quotas.QuotaError(f"Trial {number} is over a class limit: {refused[0]}")
    parallel = None
    if who.role != "teacher":
        going = runs.running_count(db, who)
        quotas.check_runs_at_once(going, limits)
        parallel = limits.runs_at_once - going
    with db.session() as session:
        sweep = Sweep(owner_id=who.person_id, settings={"plan": dict(plan)}, state=RunState.RUNNING.value)
        session.add(sweep)
        session.flush()
        rows = [Run(owner_id=who.person_id, settings=dict(s), state=RunState.QUEUED.value, sweep_id=sweep.id) for s in trials]
        session.add_all(rows)
        session.flush()
        return SweepRecord(sweep.id, tuple(row.id for row in rows), parallel)


def record_progress(db: Database, record: SweepRecord, trials: Sequence[TrialView], seen: dict[int, str]) -> None:
    """Writes the trials whose state changed since the last call into their run rows.

    Args:
        db: The class database.
        record: The sweep's record.
        trials: The sweep's trials now, in order.
        seen: Each run id's state last written; updated here (start with an empty dict).

    Raises:
        ValueError: For a trial in a state :class:`RunState` does not name.

    """
    for run_id, trial in zip(record.run_ids, trials, strict=True):
        state = RunState(trial.state)  # a trial's state is its row's, as it is
        if seen.get(run_id) == state:
            continue
        metrics: dict[str, Any] | None = None
        if state.ended:
            metrics = {"error": trial.error} if trial.error else {}
            if trial.test_accuracy is not None:
                metrics["test_accuracy"] = trial.test_accuracy
                metrics["real_test_metrics"] = (trial.metadata or {}).get("real_test_metrics")
        runs.update_run(db, run_id, state=state, metrics=metrics, curves={"epochs": list(trial.history)})
        seen[run_id] = state


def end_sweep(db: Database, sweep_id: int, state: RunState | str) -> None:
    """Marks the sweep finished, stopped or failed; a trial still queued or running then is marked failed.

    Such a trial never reported its end (e.g. the sweep could not start at all), and must not keep
    counting as one of the student's runs going.
    """
    with db.session() as session:
        sweep = session.get(Sweep, sweep_id)
        if sweep is not None:
            sweep.state = RunState(state).value
        left = select(Run).where(Run.sweep_id == sweep_id, Run.state.in_(runs.ACTIVE))
        for run in session.scalars(left):
            run.state, run.finished = RunState.FAILED.value, now()


def sweeps_of(db: Database, who: Identity, limit: int = 10) -> list[tuple[Sweep, list[Run]]]:
    """``who``'s newest sweeps with their trials' runs (in trial order), detached for reading."""
    with db.session() as session:
        query = select(Sweep).where(Sweep.owner_id == who.person_id).order_by(Sweep.id.desc()).limit(limit)
        found = list(session.scalars(query))
        trials = session.scalars(select(Run).where(Run.sweep_id.in_([s.id for s in found])).order_by(Run.id))
        by_sweep: dict[int, list[Run]] = {}
        for run in trials:
            by_sweep.setdefault(run.sweep_id, []).append(run)
        return [(sweep, by_sweep.get(sweep.id, [])) for sweep in found]
