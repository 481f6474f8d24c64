"""Observers of a background run: told of its progress while it goes on and once when it has settled.

An observer is how work that is not the run's own follows it, e.g. the class database's record
of a run or a sweep (built by ``core.classroom``, handed in by the page that starts the run).
:func:`follow` runs in a thread of its own, beside the run's, so an observer that is slow (a busy
database) delays no batch, and one that fails is logged and does not stop the others. It runs in
the server, not in a browser tab: a run whose tab was closed is still followed to its end.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, Protocol

logger = logging.getLogger(__name__)
EVERY_S = 1.0  # how often observers hear of a live run: the page polls at the same pace


class ObservedRun(Protocol):
    """What :func:`follow` needs of a run (``core.training.background.BackgroundRun``)."""

    id: int

    @property
    def settled(self) -> bool:
        """True once everything about the run is final."""
        ...

    def wait(self, timeout: float | None = None) -> Any:
        """Blocks until the run settles or ``timeout`` passes."""
        ...


class RunObserver(Protocol):
    """Follows one run; both methods are called from the observers' thread, never the run's."""

    def on_progress(self, run: Any) -> None:
        """Hears that the run is still going (about every :data:`EVERY_S`); read ``run.snapshot()``."""
        ...

    def on_settle(self, run: Any) -> None:
        """Hears, once, that the run has settled: its snapshot and result are final."""
        ...


def _tell(call: Callable[[Any], None], run: ObservedRun) -> None:
    try:
        call(run)
    except Exception:  # one observer's failure must not silence the others, nor kill the thread
        logger.exception("an observer of run %s failed", run.id)


def follow(run: ObservedRun, observers: Sequence[RunObserver], every_s: float | None = None) -> None:
    """Tells ``observers`` of ``run`` every ``every_s`` (default :data:`EVERY_S`) until it settles, then that it has."""
    every_s = EVERY_S if every_s is None else every_s
    while not run.settled:
        run.wait(every_s)
        if run.settled:
            break
        for observer in observers:
            _tell(observer.on_progress, run)
    for observer in observers:
        _tell(observer.on_settle, run)
