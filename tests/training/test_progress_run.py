"""core.training.progress_run: a background run whose snapshot is a Progress record."""

import threading
import time

from core.training.job_queue import TrainingQueue
from core.training.progress_run import ProgressRun
from core.training.run_state import RunState


class Epochs(ProgressRun):
    """Finishes one epoch per 10 ms until its epochs are done or it is stopped."""

    def _work(self):
        for epoch in range(1, self.snapshot().epochs + 1):
            if self.stopping:
                return RunState.STOPPED
            self._set(state=RunState.RUNNING, epoch=epoch)
            with self._lock:
                self._progress.epoch_history.append({"loss": 1 / epoch})
            time.sleep(0.01)
        return RunState.FINISHED


def test_the_progress_goes_from_queued_through_loading_to_finished_and_snapshots_are_copies():
    run = Epochs(5)
    assert run.snapshot().state == RunState.QUEUED and run.snapshot().epochs == 5
    progress = run.start().wait(5)
    assert progress.state == RunState.FINISHED and progress.epoch == 5 and progress.done
    progress.epoch_history.append({"loss": 9.0})
    assert len(run.snapshot().epoch_history) == 5


def test_the_queue_place_and_the_pause_show_while_it_waits():
    paused = {"yes": True}
    queue = TrainingQueue(1, paused=lambda: paused["yes"])
    run = Epochs(2, queue=queue).start()
    time.sleep(0.5)
    assert run.snapshot().state == RunState.QUEUED and run.snapshot().paused
    paused["yes"] = False
    progress = run.wait(5)
    assert progress.state == RunState.FINISHED and not progress.paused and progress.queue_position == 0


def test_a_stop_while_queued_says_why_in_the_progress():
    queue = TrainingQueue(1)
    queue.acquire("someone else", threading.Event())
    run = Epochs(2, queue=queue).start()
    run.stop()
    progress = run.wait(5)
    assert progress.state == RunState.STOPPED and "queue" in progress.error
