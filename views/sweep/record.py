"""The Sweep page's class rules: a sweep held to the limits, recorded in the database, kept with the session."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from core.classroom import sweep_records
from core.classroom.quotas import QuotaError
from core.classroom.recorders import SweepRecorder
from core.classroom.sweep_records import SweepRecord
from core.sweeps import link, start_sweep
from core.sweeps.spec import SweepSpec
from core.sweeps.sweep import Sweep
from views.keys import SweepKeys
from views.shell import session as class_session
from views.shell.heartbeat import session_watcher
from views.widgets.announce import announce
from views.widgets.text import plain

KEPT = 5  # the session's newest sweeps kept with their trials' models; older ones are only in the database


def start_recorded_sweep(spec: SweepSpec, base: Mapping[str, Any]) -> Sweep | None:
    """Checks the sweep against the class limits, records it and starts it; shows why not with ``st.error``.

    The sweep trains at most the student's free runs at once, under their name (the teacher's
    table shows its trials and can stop them), and only while their tab is open.

    Returns:
        The running sweep (also the one the page shows), or None if it was refused.

    """
    db, who, limits = class_session.database(), class_session.current_identity(), class_session.limits()
    watched = session_watcher()
    kept: list[Sweep] = st.session_state.setdefault(SweepKeys.SWEEPS, [])  # fetched first: see train_quota.start_run
    records: dict[int, SweepRecord] = st.session_state.setdefault(SweepKeys.RECORDS, {})
    try:
        trials = spec.validate(base)
        record = sweep_records.start_sweep(db, who, link.to_query(spec, base), trials, limits)
    except (QuotaError, ValueError) as error:
        st.error(plain(error), icon=":material/block:")
        announce(str(error), urgent=True)  # role=alert
        return None
    owner = str(who.person_id) if who is not None else None
    # From here on no Streamlit call, so a click elsewhere cannot interrupt the start half-way. The
    # recorder (core.classroom) follows the trials into their rows in the server, even if the tab closes.
    sweep = SweepRecorder(db, record).launch(
        lambda observers: start_sweep(spec, base, watched=watched, owner=owner, parallel=record.parallel, observers=observers)
    )
    records[sweep.id] = record
    kept.append(sweep)
    del kept[:-KEPT]
    return sweep


def record_of(sweep: Sweep) -> SweepRecord | None:
    """The database record of one of the session's sweeps."""
    return st.session_state.get(SweepKeys.RECORDS, {}).get(sweep.id)
