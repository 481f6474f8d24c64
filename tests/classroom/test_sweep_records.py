"""core.classroom.sweep_records: a sweep held to the class limits, its trials as runs, and the sweeps kept."""

from dataclasses import replace
from types import SimpleNamespace

import pytest

from core.classroom import identity, runs, sweep_records
from core.classroom.limits import CLASS_DEFAULTS
from core.classroom.quotas import QuotaError
from core.training import settings as train_settings

PLAN = {"vary_lr": "0.001;0.01", "sweep_epochs": "2"}


def trials(*rates, epochs=2):
    return [{**train_settings.DEFAULTS, "lr": rate, "epochs": epochs} for rate in rates]


def trial(state, accuracy=None, error="", history=()):
    return SimpleNamespace(
        state=state,
        history=list(history),
        test_accuracy=accuracy,
        error=error,
        metadata={"real_test_metrics": {"accuracy": accuracy, "images": 1984}} if accuracy else None,
    )


def test_a_students_sweep_takes_their_free_runs_at_once_and_blocks_another_run(db):
    ada, _ = identity.join(db, "Ada")
    record = sweep_records.start_sweep(db, ada, PLAN, trials(0.001, 0.01), replace(CLASS_DEFAULTS, runs_at_once=2))
    assert record.parallel == 2 and len(record.run_ids) == 2
    assert [r.sweep_id for r in runs.runs_of(db, ada)] == [record.id, record.id]
    with pytest.raises(QuotaError, match="the limit is 1 run at once per student"):
        runs.start_run(db, ada, {}, CLASS_DEFAULTS)  # the queued trials count as runs going
    with pytest.raises(QuotaError, match="You already have 2 runs going"):
        sweep_records.start_sweep(db, ada, PLAN, trials(0.001), CLASS_DEFAULTS)
    teacher = identity.unlock_teacher(db, "p", "p")
    assert sweep_records.start_sweep(db, teacher, PLAN, trials(0.001), CLASS_DEFAULTS).parallel is None


def test_a_trial_over_a_class_limit_is_refused_with_the_limit_named_and_nothing_recorded(db):
    ada, _ = identity.join(db, "Ada")
    with pytest.raises(QuotaError) as refused:
        sweep_records.start_sweep(db, ada, PLAN, trials(0.001, epochs=80), CLASS_DEFAULTS)
    assert str(refused.value) == "Trial 1 is over a class limit: Epochs 80 is over the limit of 50 epochs per run."
    assert runs.runs_of(db, ada) == [] and sweep_records.sweeps_of(db, ada) == []
    huge = {**trials(0.001)[0], "preset": "custom", "conv": "", "dense": "4096,4096"}
    with pytest.raises(QuotaError, match=r"Trial 1 is over a class limit: .*the limit is 2,000,000"):
        sweep_records.start_sweep(db, ada, PLAN, [huge], CLASS_DEFAULTS)


def test_progress_reaches_the_run_rows_once_per_change_and_the_sweep_is_kept(db):
    ada, _ = identity.join(db, "Ada")
    record = sweep_records.start_sweep(db, ada, PLAN, trials(0.001, 0.01, 0.1), CLASS_DEFAULTS)
    seen: dict[int, str] = {}
    epoch = {"loss": 0.3, "accuracy": 0.9, "val_loss": 0.3, "val_accuracy": 0.91}
    sweep_records.record_progress(db, record, [trial("running", history=[epoch]), trial("queued"), trial("queued")], seen)
    assert [r.state for r in reversed(runs.runs_of(db, ada))] == ["running", "queued", "queued"]
    ended = [
        trial("finished", 0.97, history=[epoch, epoch]),
        trial("failed", error="The loss became NaN: the learning rate is too high."),
        trial("stopped", error="The sweep was stopped before this trial started."),
    ]
    sweep_records.record_progress(db, record, ended, seen)
    sweep_records.end_sweep(db, record.id, "stopped")
    assert runs.running_count(db, ada) == 0
    [(sweep, rows)] = sweep_records.sweeps_of(db, ada)
    assert sweep.state == "stopped" and sweep.settings == {"plan": PLAN}
    assert [r.state for r in rows] == ["done", "failed", "stopped"]
    assert rows[0].metrics["test_accuracy"] == 0.97 and len(rows[0].curves["epochs"]) == 2
    assert "NaN" in rows[1].metrics["error"] and rows[2].settings["lr"] == 0.1
    other, _ = identity.join(db, "Bo")
    assert sweep_records.sweeps_of(db, other) == []  # another student sees only their own


def test_ending_a_sweep_whose_trials_never_reported_leaves_none_counting_as_runs_going(db):
    ada, _ = identity.join(db, "Ada")
    record = sweep_records.start_sweep(db, ada, PLAN, trials(0.001, 0.01), CLASS_DEFAULTS)
    assert runs.running_count(db, ada) == 2
    sweep_records.end_sweep(db, record.id, "failed")  # e.g. the sweep could not start
    assert runs.running_count(db, ada) == 0
    [(sweep, rows)] = sweep_records.sweeps_of(db, ada)
    assert sweep.state == "failed" and [r.state for r in rows] == ["failed", "failed"]
