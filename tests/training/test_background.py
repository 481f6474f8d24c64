"""core.training.background: one life for every background run (a tiny fake run, no TensorFlow)."""

import threading
import time

import pytest

from core.training.background import CANCELLED, BackgroundRun
from core.training.job_queue import TrainingQueue
from core.training.run_state import RunState


class Countdown(BackgroundRun[tuple[RunState, str, int]]):
    """Counts ticks until told to stop, or fails at a tick; its snapshot is (state, error, ticks)."""

    def __init__(self, ticks=1000, fail_at=None, error=None, **options):
        super().__init__(**options)
        self.ticks, self.fail_at, self.error = ticks, fail_at, error or RuntimeError("boom")
        self._state, self._error, self.done_ticks, self.ended_seen = RunState.QUEUED, "", 0, None
        self.stops_passed_on = 0

    def snapshot(self):
        with self._lock:
            return self._state, self._error, self.done_ticks

    def _status(self):
        return self._state, self._error

    def _change(self, state=None, error=None):
        self._state = state or self._state
        self._error = self._error if error is None else error

    def _on_slot(self):
        self._set_status(RunState.RUNNING)

    def _on_stop(self):
        self.stops_passed_on += 1

    def _on_end(self):
        self.ended_seen = self._state  # the end state is written before the last word

    def _work(self):
        for tick in range(1, self.ticks + 1):
            if self.stopping or self._check_watched():
                return RunState.STOPPED
            if tick == self.fail_at:
                raise self.error
            with self._lock:
                self.done_ticks = tick
            time.sleep(0.005)
        return RunState.FINISHED


def wait_for(condition, timeout=5.0):
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)
    return condition()


def test_a_run_works_in_its_thread_finishes_and_settles():
    run = Countdown(ticks=5)
    assert not run.settled and run.snapshot()[0] == RunState.QUEUED
    assert run.start() is run
    assert run.wait(5) == (RunState.FINISHED, "", 5)
    assert run.settled and run.ended_seen == RunState.FINISHED


def test_stop_says_stopping_at_once_is_passed_on_and_keeps_what_was_done():
    run = Countdown().start()
    assert wait_for(lambda: run.snapshot()[2] > 2)
    run.stop()
    assert run.stopping and run.stops_passed_on == 1
    state, _, ticks = run.wait(5)
    assert state == RunState.STOPPED and 2 < ticks < 1000


def test_stopping_a_run_that_ended_leaves_its_state():
    run = Countdown(ticks=1).start()
    run.wait(5)
    run.stop()
    assert run.snapshot()[0] == RunState.FINISHED


@pytest.mark.parametrize(
    ("error", "expected"),
    [(ValueError("The batch size is too big."), "The batch size is too big."), (KeyError("x"), "stopped unexpectedly: KeyError")],
)
def test_a_failure_ends_the_run_as_failed_with_a_sentence(error, expected):
    state, message, ticks = Countdown(fail_at=3, error=error).start().wait(5)
    assert state == RunState.FAILED and expected in message and ticks == 2


def test_each_kind_of_run_numbers_its_own():
    class Other(Countdown):
        pass

    first, second, other = Countdown(), Countdown(), Other()
    assert second.id == first.id + 1 and other.id == 1


def test_a_queued_run_waits_for_its_slot_and_a_stop_takes_it_out_of_the_queue():
    queue = TrainingQueue(1)
    queue.acquire("someone else", threading.Event())
    run = Countdown(queue=queue).start()
    time.sleep(0.3)
    assert run.snapshot() == (RunState.QUEUED, "", 0)
    run.stop()
    assert run.wait(5)[:2] == (RunState.STOPPED, CANCELLED) and queue.status() == (1, 0)
    queue.release("someone else")
    assert Countdown(ticks=2, queue=queue).start().wait(5)[0] == RunState.FINISHED and queue.status() == (0, 0)


def test_a_run_nobody_watches_is_stopped_after_the_grace_period_and_says_why():
    watching = {"yes": True}
    run = Countdown(watched=lambda: watching["yes"], abandon_after_s=0.3).start()
    time.sleep(0.4)
    assert run.snapshot()[0] == RunState.RUNNING  # watched: nothing happens
    watching["yes"] = False
    state, error, _ = run.wait(5)
    assert state == RunState.STOPPED and error.startswith("Nobody watched this run for 0 s")


def test_a_queued_run_nobody_watches_leaves_the_queue_with_the_reason():
    queue = TrainingQueue(1)
    queue.acquire("someone else", threading.Event())
    state, error, _ = Countdown(queue=queue, watched=lambda: False, abandon_after_s=0.2).start().wait(5)
    assert state == RunState.STOPPED and "Nobody watched" in error and queue.status() == (1, 0)


class Notes:
    def __init__(self):
        self.progress, self.settled = [], []

    def on_progress(self, run):
        self.progress.append(run.snapshot()[2])

    def on_settle(self, run):
        self.settled.append((run.settled, run.snapshot()))


def test_observers_hear_of_progress_and_once_of_the_settled_end(monkeypatch):
    from core.training import observer

    monkeypatch.setattr(observer, "EVERY_S", 0.02)
    notes = Notes()
    run = Countdown(ticks=40, observers=[notes]).start()
    run.wait(5)
    assert wait_for(lambda: notes.settled)
    assert notes.progress and notes.progress == sorted(notes.progress)
    assert notes.settled == [(True, (RunState.FINISHED, "", 40))]
