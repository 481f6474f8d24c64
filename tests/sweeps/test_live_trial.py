"""core.sweeps.live_trial: a Ray Tune trial as the job book holds it (no Ray started here)."""

import pytest

from core.classroom import console
from core.engine.jobs import JobBook, next_run_id
from core.sweeps.live_trial import LiveTrial
from core.sweeps.trial import Trial
from core.training.run_state import RunState


class FakeSweep:
    """A sweep's side of a live trial: its trial record and the stops asked of it."""

    def __init__(self, trial):
        self.record, self.stopped = trial, []

    def trial(self, index):
        return self.record.copy()

    def stop_trial(self, index):
        self.stopped.append(index)


def test_a_live_trial_reads_as_its_owners_job_in_epochs_and_stops_its_trial_alone():
    sweep = FakeSweep(Trial(1, {"lr": 0.001}, {}, state=RunState.RUNNING, epoch=1, epochs=4))
    before = next_run_id()
    handle = JobBook().add(LiveTrial(sweep, 0, "7"))
    assert handle.id > before and console.owner_of(handle) == 7
    progress = handle.snapshot()
    assert progress.fraction_done == 0.25 and console.job_text(progress) == "training · epoch 2/4"
    handle.stop()
    assert sweep.stopped == [0] and handle.snapshot().state == RunState.STOPPING
    sweep.record.state, sweep.record.epoch = RunState.PRUNED, 2
    assert handle.snapshot().state == RunState.STOPPED and handle.snapshot().fraction_done == 0.5


def test_start_sweep_hands_the_owner_and_the_engines_book_to_a_ray_sweep(monkeypatch):
    pytest.importorskip("ray", reason="Ray is in requirements-cluster.txt")
    from core.engine.ray_engine import RayEngine
    from core.sweeps import ray_tune, start_sweep

    seen = {}

    class Started:
        def __init__(self, spec, base, **options):
            seen.update(options)

        def start(self):
            return self

    monkeypatch.setattr(ray_tune, "RaySweep", Started)
    engine = object.__new__(RayEngine)  # no Ray started: only its book is read
    engine.book = JobBook()
    start_sweep(None, {}, engine, owner="7", parallel=1)
    assert seen["owner"] == "7" and seen["book"] is engine.book and seen["max_concurrent"] == 1
