"""The tab's heartbeat: a closed tab's training run or sweep stops after a grace period."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import streamlit as st

from views.keys import Keys, SweepKeys

HEARTBEAT_S = 5.0  # how often an open tab says it is still there while one of its runs trains


class Heartbeat:
    """When this browser session last ran: a training run asks it whether anyone still watches.

    The sidebar's :func:`heartbeat` fragment beats every few seconds while the tab is open; a
    closed tab stops beating, and its run stops after the engine's grace period.
    """

    def __init__(self) -> None:
        self._last = time.monotonic()
        self._lock = threading.Lock()

    def beat(self) -> None:
        """Records that the tab is open now."""
        with self._lock:
            self._last = time.monotonic()

    def watched(self) -> bool:
        """True if the tab beat within the last few beats (safe to call from any thread)."""
        with self._lock:
            return time.monotonic() - self._last < 4 * HEARTBEAT_S


def session_watcher() -> Callable[[], bool]:
    """A check, safe to call from a training thread, that this browser session is still open."""
    return st.session_state.setdefault(Keys.HEARTBEAT, Heartbeat()).watched


def heartbeat() -> None:
    """Beats the session's :class:`Heartbeat` every few seconds while one of its runs or sweeps trains.

    A fragment: only it reruns, on whichever page the student is, and only while a run or sweep is live.
    """
    jobs = [st.session_state.get(Keys.JOB), *st.session_state.get(Keys.STARTED_JOBS, [])]  # the latter: see train_quota
    sweeps = st.session_state.get(SweepKeys.SWEEPS, [])
    live = any(job is not None and not job.snapshot().done for job in jobs) or any(not s.snapshot().done for s in sweeps)

    @st.fragment(run_every=HEARTBEAT_S if live else None)
    def beat() -> None:
        st.session_state.setdefault(Keys.HEARTBEAT, Heartbeat()).beat()

    beat()
