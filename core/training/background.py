"""One run in a background thread: what training jobs, engine job handles and sweeps share.

:class:`BackgroundRun` owns the thread and the life every kind of run has: wait for a slot in a
queue (if it has one), do the work, end in a :class:`~core.training.run_state.RunState` the page
can show whatever happens, and *settle*: every field is final, the slot is free and the
observers have been told. On the way it offers a thread-safe snapshot, ``stop()`` (the work ends
at its next chance and keeps what it has) and abandoning a run whose browser tab has gone.

Subclasses say what the snapshot is and where the state lives (:meth:`_status`,
:meth:`_change`) and do the work in :meth:`_work`. Observers (e.g. the class database's
bookkeeping, built by ``core.classroom``) follow in a thread of their own
(:mod:`core.training.observer`), so a slow database never holds up a run.
"""

from __future__ import annotations

import itertools
import logging
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Generic, Self, TypeVar

from core.training.abandon import AbandonWatch
from core.training.job_queue import TrainingQueue
from core.training.observer import RunObserver, follow
from core.training.run_state import RunState

logger = logging.getLogger(__name__)
SnapshotT = TypeVar("SnapshotT")
CANCELLED = "Cancelled while waiting in the queue."


class BackgroundRun(ABC, Generic[SnapshotT]):
    """A run done by a daemon thread, polled by a page.

    Args:
        queue: Caps how many runs work at once; the run waits here in state ``QUEUED``. None: no wait.
        watched: Says whether anyone still follows the run; ``None`` means always.
        abandon_after_s: Once ``watched`` has said no this long, the run is stopped.
        observers: Told of the run's progress about once a second and once when it has settled.

    """

    what: ClassVar[str] = "run"  # in the abandon message and the log
    thread_name: ClassVar[str] = "run"
    unexpected: ClassVar[str] = "Training stopped unexpectedly"
    expected_errors: ClassVar[tuple[type[Exception], ...]] = (ValueError, ConnectionError)  # failures with a sentence
    _ids: ClassVar[itertools.count]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._ids = itertools.count(1)  # each kind numbers its own runs: "Sweep 2" is the session's second sweep

    def __init__(
        self,
        queue: TrainingQueue | None = None,
        watched: Callable[[], bool] | None = None,
        abandon_after_s: float = 60.0,
        observers: Sequence[RunObserver] = (),
    ) -> None:
        self.id: int = next(self._ids)
        self._queue = queue
        self._watch = AbandonWatch(watched, abandon_after_s, self.what)
        self._observers = tuple(observers)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._settled = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"{self.thread_name}-{self.id}", daemon=True)

    def start(self) -> Self:
        """Starts the background thread (and the observers' one); returns the run for chaining."""
        self._thread.start()
        if self._observers:
            name = f"{self.thread_name}-{self.id}-observers"
            threading.Thread(target=follow, args=(self, self._observers), name=name, daemon=True).start()
        return self

    def stop(self) -> None:
        """Asks the run to end at its next chance (leaving the queue if it waits); what it has is kept."""
        self._stop.set()
        with self._lock:
            if not self._status()[0].ended:
                self._change(state=RunState.STOPPING)
        self._on_stop()

    @property
    def stopping(self) -> bool:
        """True once :meth:`stop` was called (or the run was abandoned)."""
        return self._stop.is_set()

    @property
    def settled(self) -> bool:
        """True once the run has ended and everything about it is final (its result included)."""
        return self._settled.is_set()

    def wait(self, timeout: float | None = None) -> SnapshotT:
        """Blocks until the run settles (or ``timeout`` seconds pass) and returns its snapshot."""
        self._thread.join(timeout)
        return self.snapshot()

    @abstractmethod
    def snapshot(self) -> SnapshotT:
        """A copy of the run's state, safe to read from any thread."""

    @abstractmethod
    def _status(self) -> tuple[RunState, str]:
        """The state and error now (called with the lock held)."""

    @abstractmethod
    def _change(self, state: RunState | None = None, error: str | None = None) -> None:
        """Sets the state or error, what is given (called with the lock held)."""

    @abstractmethod
    def _work(self) -> RunState:
        """Does the run's work once it holds its slot (in the thread); returns the state it ended in."""

    def _on_stop(self) -> None:
        """Passes a stop on to where the work happens (after the flag is set); nothing by default."""

    def _on_queue(self, ahead: int, paused: bool) -> None:
        """Hears the runs ahead in the queue and whether the teacher paused it; nothing by default."""

    def _on_slot(self) -> None:
        """Hears that the run holds its slot and starts working; nothing by default."""

    def _on_end(self) -> None:
        """Last word on the run's fields once its end state is written (in the thread); nothing by default."""

    def _set_status(self, state: RunState | None = None, error: str | None = None) -> None:
        with self._lock:
            self._change(state, error)

    def _check_watched(self) -> bool:
        """Stops the run if nobody has watched it for the grace period; True if it did."""
        if self._stop.is_set() or not self._watch.abandoned():
            return False
        self.stop()
        self._set_status(error=self._watch.message)
        return True

    def _take_slot(self) -> bool:
        if self._queue is None:
            return True
        queue = self._queue

        def waiting(ahead: int) -> None:
            self._on_queue(ahead, queue.is_paused())
            self._check_watched()

        if queue.acquire(self.id, self._stop, waiting):
            return True
        with self._lock:
            self._change(RunState.STOPPED, self._status()[1] or CANCELLED)
        return False

    def _run(self) -> None:
        try:
            if self._take_slot():
                self._on_slot()
                self._set_status(state=self._work())
        except self.expected_errors as error:
            self._set_status(RunState.FAILED, str(error))
        except Exception as error:  # the run must always end in a state the page can show
            logger.exception("%s %s crashed", self.what, self.id)
            self._set_status(RunState.FAILED, f"{self.unexpected}: {type(error).__name__}: {error}")
        finally:
            if self._queue is not None:
                self._queue.release(self.id)
            try:
                self._on_end()
            finally:
                self._settled.set()
