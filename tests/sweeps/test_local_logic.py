"""core.sweeps.local with a scripted engine (no TensorFlow): a failure stays alone, ASHA stops laggards, Stop keeps results."""

import threading
import time
from types import SimpleNamespace

import pytest

from core.sweeps import local
from core.sweeps.local import LocalSweep
from core.sweeps.spec import Axis, SweepSpec
from core.sweeps.sweep import NOT_STARTED
from core.training import settings
from core.training.progress import Progress
from core.training.run_state import RunState

BASE = settings.DEFAULTS | {"task": "7-vs-8"}


class ScriptedJob:
    """A training job that finishes one more epoch of its validation-accuracy curve each time it is looked at."""

    def __init__(self, curve, fail_at=None):
        self.curve, self.fail_at = curve, fail_at
        self.progress = Progress(state="running", epochs=len(curve))
        self.result, self.stops = None, 0

    def snapshot(self):
        p = self.progress
        if not p.done and self.stops:
            p.state = "stopped"
            self.result = SimpleNamespace(test_accuracy=self.curve[p.epoch - 1], model_bytes=b"stopped", metadata={}, seconds=1.0)
        elif not p.done and p.epoch + 1 == self.fail_at:
            p.state, p.error = "failed", "Training diverged: the loss became NaN (not a number)."
        elif not p.done:
            p.epoch += 1
            p.epoch_history.append({"val_accuracy": self.curve[p.epoch - 1], "val_loss": 1 - self.curve[p.epoch - 1]})
            if p.epoch == len(self.curve):
                p.state = RunState.FINISHED
                self.result = SimpleNamespace(test_accuracy=self.curve[-1], model_bytes=b"model", metadata={}, seconds=1.0)
        return Progress(**{**vars(p), "epoch_history": [dict(r) for r in p.epoch_history]})

    def stop(self):
        self.stops += 1

    def wait(self, timeout=None):
        return self.snapshot()


class ScriptedEngine:
    """Hands out a scripted job per learning rate and records how many ran at once."""

    def __init__(self, scripts, slots=2):
        self.scripts, self.queue = scripts, SimpleNamespace(slots=slots)
        self.jobs, self.started, self.most_at_once, self.owners = {}, [], 0, set()
        self.lock = threading.Lock()

    def start_training(self, config, dataset=None, watched=None, owner=None):
        curve, fail_at = self.scripts[config.learning_rate]
        job = ScriptedJob(curve, fail_at)
        with self.lock:
            self.jobs[(config.learning_rate, config.batch_size)] = job
            self.started.append(config.learning_rate)
            self.owners.add(owner)
            self.most_at_once = max(self.most_at_once, sum(not j.progress.done for j in self.jobs.values()))
        return job


@pytest.fixture(autouse=True)
def quick_polls(monkeypatch):
    monkeypatch.setattr(local, "POLL_S", 0.01)


def _lr_spec(*rates, **options):
    return SweepSpec((Axis("lr", tuple(str(r) for r in rates)),), **options)


def test_a_failing_trial_fails_alone_with_its_reason():
    engine = ScriptedEngine({0.001: ([0.8, 0.9, 0.95], None), 0.01: ([0.7, 0.8, 0.9], 2), 0.1: ([0.6, 0.7, 0.8], None)})
    snapshot = LocalSweep(_lr_spec(0.001, 0.01, 0.1), BASE, engine).start().wait(30)
    assert snapshot.state == RunState.FINISHED
    assert [t.state for t in snapshot.trials] == [RunState.FINISHED, RunState.FAILED, RunState.FINISHED]
    assert "diverged" in snapshot.trials[1].error and snapshot.trials[1].epoch == 1
    assert [t.test_accuracy for t in snapshot.trials] == [0.95, None, 0.8]
    assert snapshot.best().number == 1 and snapshot.best().model_bytes == b"model"


def test_early_stopping_stops_a_trial_behind_the_others_at_a_rung_and_keeps_its_model():
    scripts = {0.001: ([0.8, 0.9, 0.95, 0.96], None), 0.01: ([0.5, 0.55, 0.6, 0.6], None), 0.1: ([0.85, 0.7, 0.75, 0.8], None)}
    engine = ScriptedEngine(scripts)
    spec = _lr_spec(0.001, 0.01, 0.1, epochs=4, early_stopping=True)
    snapshot = LocalSweep(spec, BASE, engine, parallel=1).start().wait(30)
    states = [t.state for t in snapshot.trials]
    assert states == [RunState.FINISHED, RunState.PRUNED, RunState.PRUNED]
    assert engine.jobs[(0.01, 64)].stops == 1 and snapshot.trials[1].epoch == 1  # below 0.8 at rung 1
    assert snapshot.trials[2].epoch == 2  # passed rung 1 (0.85 ≥ median 0.65), then 0.7 < 0.9 at rung 2
    assert "after 2 epoch(s)" in snapshot.trials[2].error and snapshot.trials[2].model_bytes == b"stopped"


def test_a_stopped_sweep_keeps_its_finished_trials():
    engine = ScriptedEngine({rate: ([0.5 + i / 10] * 40, None) for i, rate in enumerate((0.001, 0.002, 0.003))})
    engine.scripts[0.001] = ([0.9, 0.95], None)
    sweep = LocalSweep(_lr_spec(0.001, 0.002, 0.003), BASE, engine, parallel=1).start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and engine.started[-1:] != [0.002]:
        time.sleep(0.01)
    sweep.stop()
    snapshot = sweep.wait(30)
    assert snapshot.state == "stopped"
    assert [t.state for t in snapshot.trials] == [RunState.FINISHED, RunState.STOPPED, RunState.STOPPED]
    assert snapshot.trials[0].model_bytes == b"model" and snapshot.trials[0].test_accuracy == 0.95
    assert snapshot.trials[1].model_bytes == b"stopped"  # stopped mid-run: the model so far is kept
    assert snapshot.trials[2].error == NOT_STARTED and 0.003 not in engine.started


def test_trials_run_at_most_parallel_at_a_time_and_the_snapshot_tables_follow():
    engine = ScriptedEngine({0.001: ([0.6, 0.7, 0.8], None), 0.002: ([0.6, 0.7, 0.9], None)}, slots=2)
    spec = SweepSpec((Axis("lr", ("0.001", "0.002")), Axis("batch", ("32", "64"))))
    snapshot = LocalSweep(spec, BASE, engine).start().wait(30)
    assert engine.most_at_once == 2
    assert len(snapshot.trials) == 4 and all(t.state == RunState.FINISHED for t in snapshot.trials)
    assert list(snapshot.table().columns[:4]) == ["trial", "learning rate", "batch size", "state"]
    curves = snapshot.curves()
    assert len(curves) == 4 * 3 * 2 and set(curves.metric) == {"val_loss", "val_accuracy"}
    heatmap = snapshot.heatmap()
    assert len(heatmap) == 4 and heatmap["best val accuracy"].max() == 0.9


def test_a_students_sweep_trains_no_more_trials_at_once_than_asked_and_names_its_owner():
    engine = ScriptedEngine({0.001: ([0.6, 0.7], None), 0.002: ([0.6, 0.8], None)}, slots=2)
    spec = SweepSpec((Axis("lr", ("0.001", "0.002")), Axis("batch", ("32", "64"))))
    sweep = LocalSweep(spec, BASE, engine, parallel=1, owner="7").start()
    assert sweep.parallel == 1 and sweep.wait(30).state == RunState.FINISHED
    assert engine.most_at_once == 1 and engine.owners == {"7"}
    assert LocalSweep(spec, BASE, engine, parallel=5).parallel == 2  # never more than the engine's slots
