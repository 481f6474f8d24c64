"""core.engine.jobs: a run's life as the server sees it, with a fake engine behind it (no TensorFlow)."""

import threading
import time
from concurrent.futures import Future

import pytest

from core.engine.base import WorkerCrashedError
from core.engine.jobs import JobHandle
from core.engine.pool import CRASH_MESSAGE
from core.training import settings
from core.training.job_queue import TrainingQueue
from core.training.run_state import RunState


def _config(**changes):
    return settings.to_config(settings.DEFAULTS | {"task": "7-vs-8", "epochs": 3} | changes)


class FakeLaunch:
    """Stands in for an engine: records stop requests and lets the test finish the run."""

    def __init__(self, error=None):
        self.future, self.stops, self.error, self.started = Future(), 0, error, threading.Event()
        self.on_progress = None

    def __call__(self, config, dataset, on_progress):
        self.on_progress = on_progress
        self.started.set()
        if self.error:
            raise self.error
        return self.future, self.stop

    def stop(self):
        self.stops += 1


def test_progress_from_the_worker_shows_in_snapshots_and_the_result_arrives():
    launch = FakeLaunch()
    job = JobHandle(_config(), None, TrainingQueue(1), launch).start()
    assert launch.started.wait(5)
    launch.on_progress({"state": "running", "epoch": 1, "batch": 2, "batch_loss": (0, [0.7, 0.6])})
    snapshot = job.snapshot()
    assert (snapshot.state, snapshot.batch, snapshot.batch_loss) == ("running", 2, [0.7, 0.6])
    launch.on_progress({"state": RunState.FINISHED, "batch_loss": (2, [0.5])})
    launch.future.set_result("the result")
    final = job.wait(5)
    assert final.state == RunState.FINISHED and final.batch_loss == [0.7, 0.6, 0.5] and job.result == "the result"


def test_stop_reaches_the_worker_and_the_page_says_stopping_until_it_has():
    launch = FakeLaunch()
    job = JobHandle(_config(), None, TrainingQueue(1), launch).start()
    assert launch.started.wait(5)
    time.sleep(0.05)  # the handle stores the remote stop right after launch returns
    job.stop()
    assert launch.stops == 1
    launch.on_progress({"state": "running", "batch": 3})  # sent before the worker saw the Stop
    assert job.snapshot().state == "stopping"
    launch.on_progress({"state": "stopped"})
    launch.future.set_result(None)
    assert job.wait(5).state == "stopped"


def test_a_run_stopped_while_queued_never_launches():
    queue, launch = TrainingQueue(1), FakeLaunch()
    queue.acquire("someone else", threading.Event())
    job = JobHandle(_config(), None, queue, launch).start()
    time.sleep(0.3)
    assert job.snapshot().state == "queued" and job.snapshot().queue_position == 1
    job.stop()
    progress = job.wait(5)
    assert progress.state == "stopped" and "queue" in progress.error and not launch.started.is_set()


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (ValueError("The batch size (64) is larger than the 54 training images."), "larger than the 54"),
        (WorkerCrashedError(CRASH_MESSAGE), "stopped unexpectedly"),
    ],
)
def test_a_failure_ends_the_run_as_failed_with_its_sentence(error, expected):
    launch = FakeLaunch()
    job = JobHandle(_config(), None, TrainingQueue(1), launch).start()
    assert launch.started.wait(5)
    launch.future.set_exception(error)
    progress = job.wait(5)
    assert progress.state == "failed" and expected in progress.error


def test_the_slot_is_released_whatever_happens():
    queue = TrainingQueue(1)
    job = JobHandle(_config(), None, queue, FakeLaunch(error=RuntimeError("boom"))).start()
    assert job.wait(5).state == "failed"
    assert queue.status() == (0, 0)


def test_a_closed_tab_stops_its_run_after_the_grace_period():
    launch, watching = FakeLaunch(), {"yes": True}
    job = JobHandle(_config(), None, TrainingQueue(1), launch, watched=lambda: watching["yes"], abandon_after_s=1.5)
    job.start()
    assert launch.started.wait(5)
    time.sleep(1.2)
    assert launch.stops == 0  # watched: nothing happens
    watching["yes"] = False
    deadline = time.monotonic() + 6
    while launch.stops == 0 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert launch.stops == 1 and "Nobody watched this run" in job.snapshot().error
    launch.future.set_result(None)
    job.wait(5)


def test_an_invalid_config_is_refused_before_anything_is_queued():
    with pytest.raises(ValueError, match="epoch"):
        JobHandle(_config(epochs=0), None, TrainingQueue(1), FakeLaunch())


def test_a_paused_queue_holds_new_runs_back_and_says_so_until_resumed():
    paused = {"yes": True}
    queue, launch = TrainingQueue(2, paused=lambda: paused["yes"]), FakeLaunch()
    job = JobHandle(_config(), None, queue, launch).start()
    time.sleep(0.5)
    snapshot = job.snapshot()
    assert snapshot.state == "queued" and snapshot.paused and not launch.started.is_set()
    paused["yes"] = False
    assert launch.started.wait(5) and not job.snapshot().paused
    launch.future.set_result(None)
    job.wait(5)


def test_the_book_finds_each_owners_runs_and_forgets_dropped_ones():
    import gc

    from core.engine.jobs import JobBook

    book, queue = JobBook(), TrainingQueue(4)
    ann = book.add(JobHandle(_config(), None, queue, FakeLaunch(), owner="ann"))
    bob = book.add(JobHandle(_config(), None, queue, FakeLaunch(), owner="bob"))
    assert book.jobs("ann") == [ann] and book.jobs() == [ann, bob]
    del bob
    gc.collect()
    assert book.jobs() == [ann]
