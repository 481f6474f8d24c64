"""core.training.observer: observers follow a run in their own thread; one failing never silences another."""

import threading

from core.training.observer import follow


class FakeRun:
    """Settles after a given number of waits."""

    def __init__(self, waits):
        self.id, self.waits, self.calls = 7, waits, 0

    @property
    def settled(self):
        return self.calls >= self.waits

    def wait(self, timeout=None):
        self.calls += 1


class Notes:
    def __init__(self, fail=False):
        self.fail, self.heard = fail, []

    def on_progress(self, run):
        self.heard.append(("progress", run.calls))
        if self.fail:
            raise RuntimeError("the database is away")

    def on_settle(self, run):
        self.heard.append(("settle", run.calls))
        if self.fail:
            raise RuntimeError("the database is away")


def test_observers_hear_each_poll_while_the_run_goes_on_then_its_end_once():
    notes = Notes()
    follow(FakeRun(3), [notes], every_s=0)
    assert notes.heard == [("progress", 1), ("progress", 2), ("settle", 3)]


def test_a_failing_observer_is_logged_and_the_others_still_hear_everything(caplog):
    broken, notes = Notes(fail=True), Notes()
    follow(FakeRun(2), [broken, notes], every_s=0)
    assert notes.heard == [("progress", 1), ("settle", 2)] and broken.heard == notes.heard
    assert "an observer of run 7 failed" in caplog.text


def test_a_run_that_settled_already_is_told_so_at_once():
    notes = Notes()
    follow(FakeRun(0), [notes], every_s=0)
    assert notes.heard == [("settle", 0)]


def test_follow_runs_beside_the_run_in_a_thread_of_its_own():
    notes, run = Notes(), FakeRun(2)
    thread = threading.Thread(target=follow, args=(run, [notes], 0))
    thread.start()
    thread.join(5)
    assert not thread.is_alive() and notes.heard[-1] == ("settle", 2)
