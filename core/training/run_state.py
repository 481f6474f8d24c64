"""The states a background run goes through, one type from the worker to the database to the page.

A training job, an engine's job handle, a sweep and each of its trials all report a
:class:`RunState`. It is a ``str`` enum whose values are the strings the class database has
always stored in ``runs.state`` and ``sweeps.state`` (``String(16)`` columns, no check
constraint), so rows are written and read as they are and no migration is needed. The one
legacy spelling, ``"finished"`` (what the ``sweeps`` table and in-memory states said before a
finished run was stored as ``"done"``), still parses, as :attr:`RunState.FINISHED`.
"""

from __future__ import annotations

from enum import StrEnum

from core.i18n import N_, _


class RunState(StrEnum):
    """Where a run, a sweep or a trial stands.

    ``PRUNED`` is for a sweep's trial that the early-stopping rule ended; the others are shared
    by every kind of run. :attr:`word` is the state as the pages print it plainly.
    """

    QUEUED = "queued"
    LOADING = "loading"
    RUNNING = "running"
    STOPPING = "stopping"
    FINISHED = "done"  # the runs table's word for it since its first migration
    PRUNED = "pruned"
    STOPPED = "stopped"
    FAILED = "failed"

    @classmethod
    def _missing_(cls, value: object) -> RunState | None:
        # Sweeps stored before the states were one type say "finished": read them as what they mean.
        return cls.FINISHED if value == "finished" else None

    @property
    def ended(self) -> bool:
        """True once the run can change no more."""
        return self in ENDED

    @property
    def active(self) -> bool:
        """True while the run is waiting or training (it counts against a student's runs at once)."""
        return not self.ended

    @property
    def word(self) -> str:
        """The state as one plain word, e.g. ``finished`` or ``running``."""
        return self.name.lower()


ENDED = frozenset({RunState.FINISHED, RunState.PRUNED, RunState.STOPPED, RunState.FAILED})
# How tables of runs and trials say each state (the teacher's table, a sweep's trials, past sweeps).
WORDS = {
    RunState.QUEUED: N_("waiting"),
    RunState.LOADING: N_("loading the data"),
    RunState.RUNNING: N_("training"),
    RunState.STOPPING: N_("stopping"),
    RunState.FINISHED: N_("finished"),
    RunState.PRUNED: N_("stopped early"),
    RunState.STOPPED: N_("stopped"),
    RunState.FAILED: N_("failed"),
}
# The plain words of RunState.word, for the catalog (pages show them through _()).
STATE_WORDS = (N_("queued"), N_("loading"), N_("running"), N_("pruned"))


def parse(value: str | None) -> RunState | None:
    """The state a stored string names, or None for no string or one this version does not know."""
    try:
        return RunState(value) if value is not None else None
    except ValueError:
        return None


def words(value: str | None, default: str = "") -> str:
    """How a table says a stored state (:data:`WORDS`); an unknown string as it is, nothing as ``default``."""
    state = parse(value)
    return _(WORDS[state]) if state is not None else (value or default)


def plain(value: str | None) -> str:
    """A stored state as one plain word (:attr:`RunState.word`: ``finished`` for ``done`` and the older ``finished``)."""
    state = parse(value)
    return _(state.word) if state is not None else (value or "")
