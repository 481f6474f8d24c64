"""core.sweeps.ray_tune on a local Ray (ray.init(num_cpus=2)): Tune trials with one CPU each, ASHA, failures, Stop."""

import pytest

from core.sweeps.spec import Axis, SweepSpec
from core.training.run_state import RunState

ray = pytest.importorskip("ray", reason="Ray is in requirements-cluster.txt (installed by the dev requirements and CI)")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray.get_runtime_context().get_node_id()
    ray.shutdown()


def test_a_four_trial_sweep_finishes_with_four_models_as_tune_trials(local_ray, dense):
    from core.sweeps.ray_tune import RaySweep

    spec = SweepSpec((Axis("lr", ("0.001", "0.003")), Axis("batch", ("32", "64"))), epochs=2)
    snapshot = RaySweep(spec, dense).start().wait(600)
    assert snapshot.state == RunState.FINISHED and snapshot.engine == "ray", [t.error for t in snapshot.trials]
    assert len(snapshot.trials) == 4 and all(t.state == RunState.FINISHED for t in snapshot.trials)
    for trial in snapshot.trials:
        assert trial.test_accuracy >= 0.95 and len(trial.history) == 2 and trial.best_val_accuracy >= 0.9
        assert trial.model_bytes[:2] == b"PK" and trial.node == local_ray
        assert trial.metadata["train_config"]["batch_size"] == trial.values["batch"]


def test_an_invalid_batch_fails_its_trial_alone(local_ray, dense):
    from core.sweeps.ray_tune import RaySweep

    spec = SweepSpec((Axis("batch", ("64", "4096")),), epochs=2)
    good, bad = RaySweep(spec, dense).start().wait(600).trials
    assert good.state == RunState.FINISHED and good.test_accuracy >= 0.95
    assert bad.state == "failed" and "larger than the 720 training images" in bad.error


def test_tunes_asha_scheduler_prunes_a_hopeless_trial(local_ray, dense):
    from core.sweeps.ray_tune import RaySweep

    spec = SweepSpec((Axis("lr", ("0.003", "0.000001")),), epochs=8, early_stopping=True)
    good, hopeless = RaySweep(spec, dense | {"batch": 16}, max_concurrent=1).start().wait(600).trials
    assert good.state == RunState.FINISHED and len(good.history) == 8
    assert hopeless.state == "pruned" and len(hopeless.history) < 8
    assert "Stopped early: after 1 epoch(s)" in hopeless.error


def test_a_stopped_sweep_keeps_its_finished_trials(stop_after_first_trial, local_ray, dense):
    from core.sweeps.ray_tune import RaySweep

    spec = SweepSpec((Axis("lr", ("0.001", "0.002", "0.003")),), epochs=3)
    sweep = RaySweep(spec, dense, max_concurrent=1).start()
    snapshot = stop_after_first_trial(sweep)
    first, second, third = snapshot.trials
    assert snapshot.state == "stopped" and first.state == RunState.FINISHED and first.model_bytes[:2] == b"PK"
    assert second.state == "stopped" and third.state == "stopped"


def test_a_students_trials_are_their_runs_in_the_job_book_and_the_teacher_stops_one_alone(local_ray, dense):
    """The owner travels in each Tune trial's config to its live handle; the console finds it there and stops it."""
    import gc
    import time

    from core.classroom import console
    from core.engine.jobs import JobBook
    from core.sweeps.ray_tune import RaySweep

    book = JobBook()
    spec = SweepSpec((Axis("lr", ("0.003", "0.002")),), epochs=1)
    sweep = RaySweep(spec, dense, max_concurrent=2, owner="7", book=book).start()
    deadline = time.monotonic() + 120
    while len(book.jobs()) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    trials = sorted(book.jobs(), key=lambda handle: handle.index)
    assert [t.index for t in trials] == [0, 1] and {t.owner for t in trials} == {"7"}
    assert [console.owner_of(t) for t in trials] == [7, 7] and set(book.jobs("7")) == set(trials) and book.jobs("8") == []
    assert list(console.latest_jobs(book.jobs())) == [7]  # the student's row only: no other student's
    assert not trials[1].snapshot().done
    trials[1].stop()  # the teacher's "Stop their run" on the trial the console shows
    assert trials[1].snapshot().state == RunState.STOPPING
    snapshot = sweep.wait(300)
    assert snapshot.state == RunState.FINISHED, [t.error for t in snapshot.trials]  # the sweep went on
    finished, stopped = snapshot.trials
    assert finished.state == RunState.FINISHED and finished.model_bytes[:2] == b"PK"
    assert stopped.state == RunState.STOPPED and trials[1].snapshot().state == RunState.STOPPED
    del trials
    gc.collect()
    assert book.jobs() == []  # the handles left the book with their trials
