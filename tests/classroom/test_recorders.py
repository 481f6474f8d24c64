"""core.classroom.recorders: a live run's and a sweep's rows follow them to their end, also when the start fails."""

import time
from types import SimpleNamespace

import pytest

from core.classroom import identity, recorders, runs, sweep_records
from core.classroom.limits import CLASS_DEFAULTS
from core.training import settings as train_settings
from core.training.progress import Progress
from core.training.progress_run import ProgressRun
from core.training.run_state import RunState


class TwoEpochs(ProgressRun):
    """A run that trains two epochs in a blink and ends with a result."""

    def _work(self):
        self._set(state=RunState.RUNNING, epoch_history=[{"loss": 0.5}, {"loss": 0.3}])
        self.result = SimpleNamespace(
            test_accuracy=0.97, test_count=200, test_source="200 test images", metadata={}, history=[{}, {}]
        )
        return RunState.FINISHED


def test_a_run_followed_by_its_recorder_ends_in_its_row_with_metrics_and_curves(db):
    ada, _ = identity.join(db, "Ada")
    run_id = runs.start_run(db, ada, {"task": "shapes"}, CLASS_DEFAULTS)
    recorder = recorders.RunRecorder(db, run_id)
    job = recorder.launch(lambda observers: TwoEpochs(2, observers=observers).start())
    job.wait(5)
    deadline = time.monotonic() + 10
    while runs.running_count(db, ada) and time.monotonic() < deadline:  # the observers' thread writes the end
        time.sleep(0.05)
    (row,) = runs.runs_of(db, ada)
    assert row.state == RunState.FINISHED == "done" and row.finished is not None
    assert row.metrics == {
        "test_accuracy": 0.97,
        "test_images": 200,
        "test_source": "200 test images",
        "real_test_metrics": None,
        "epochs_trained": 2,
    }
    assert row.curves == {"epochs": [{"loss": 0.5}, {"loss": 0.3}]}


def test_the_row_says_running_once_training_starts_and_the_error_when_it_fails(db):
    ada, _ = identity.join(db, "Ada")
    recorder = recorders.RunRecorder(db, runs.start_run(db, ada, {}, CLASS_DEFAULTS))
    loading = SimpleNamespace(snapshot=lambda: Progress(state="loading"), result=None)
    recorder.on_progress(loading)
    assert runs.runs_of(db, ada)[0].state == "queued"  # loading the data is still waiting, for the table
    training = SimpleNamespace(snapshot=lambda: Progress(state="running"), result=None)
    recorder.on_progress(training)
    assert runs.runs_of(db, ada)[0].state == "running" and runs.running_count(db, ada) == 1
    failed = SimpleNamespace(snapshot=lambda: Progress(state="failed", error="Training diverged."), result=None)
    recorder.on_settle(failed)
    row = runs.runs_of(db, ada)[0]
    assert row.state == "failed" and row.metrics == {"error": "Training diverged."} and runs.running_count(db, ada) == 0


def test_a_start_that_fails_leaves_no_run_counting_as_going(db):
    ada, _ = identity.join(db, "Ada")
    recorder = recorders.RunRecorder(db, runs.start_run(db, ada, {}, CLASS_DEFAULTS))

    def broken(observers):
        raise RuntimeError("Ray is not installed here.")

    with pytest.raises(RuntimeError):
        recorder.launch(broken)
    assert [r.state for r in runs.runs_of(db, ada)] == ["failed"] and runs.running_count(db, ada) == 0


def _trial(state, accuracy=None):
    return SimpleNamespace(state=state, history=[], test_accuracy=accuracy, error="", metadata=None)


def test_a_sweeps_recorder_mirrors_its_trials_and_marks_its_end(db):
    ada, _ = identity.join(db, "Ada")
    settings = [{**train_settings.DEFAULTS, "lr": rate} for rate in (0.001, 0.01)]
    record = sweep_records.start_sweep(db, ada, {"vary_lr": "0.001;0.01"}, settings, CLASS_DEFAULTS)
    recorder = recorders.SweepRecorder(db, record)
    live = SimpleNamespace(trials=[_trial(RunState.RUNNING), _trial(RunState.QUEUED)], state=RunState.RUNNING)
    recorder.on_progress(SimpleNamespace(snapshot=lambda: live))
    [(_, rows)] = sweep_records.sweeps_of(db, ada)
    assert [r.state for r in rows] == ["running", "queued"]
    ended = SimpleNamespace(trials=[_trial(RunState.FINISHED, 0.9), _trial(RunState.PRUNED)], state=RunState.FINISHED)
    recorder.on_settle(SimpleNamespace(snapshot=lambda: ended))
    [(sweep, rows)] = sweep_records.sweeps_of(db, ada)
    assert sweep.state == "done" and [r.state for r in rows] == ["done", "pruned"]  # each trial's state, as it is
    assert rows[0].metrics["test_accuracy"] == 0.9 and runs.running_count(db, ada) == 0


def test_a_sweep_that_cannot_start_is_marked_failed_with_its_trials(db):
    ada, _ = identity.join(db, "Ada")
    record = sweep_records.start_sweep(db, ada, {}, [dict(train_settings.DEFAULTS)], CLASS_DEFAULTS)

    def broken(observers):
        raise ValueError("The plan cannot run.")

    with pytest.raises(ValueError):
        recorders.SweepRecorder(db, record).launch(broken)
    [(sweep, rows)] = sweep_records.sweeps_of(db, ada)
    assert sweep.state == "failed" and [r.state for r in rows] == ["failed"]
