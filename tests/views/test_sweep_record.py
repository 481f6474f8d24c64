"""views/sweep/record.py through app.py in class mode: a sweep over a class limit, or while a run is going, is refused."""

from core.classroom import identity, limits, runs, sweep_records
from core.classroom.db import open_database
from tests.helpers.apptest import shown
from tests.helpers.class_app import class_folder, ok, student
from views.keys import SweepKeys

LINK = {"task": "7-vs-8", "preset": "dense", "conv": "", "dense": "64", "vary_lr": "0.001;0.01", "sweep_epochs": "3"}


def start(at):
    next(b for b in at.button if b.label == "Start sweep").click()
    return at.run()


def test_a_students_sweep_over_a_class_limit_or_beside_a_running_run_is_refused_with_the_limit_named(tmp_path, monkeypatch):
    class_folder(tmp_path, monkeypatch)
    db = open_database()
    limits.set_limit(db, "epochs", 2)
    ada, code = student("Ada", page="sweep", query=LINK)
    ok(ada)
    assert any(c.value.endswith("2 trials.") for c in ada.caption)
    start(ada)
    assert [shown(e.value) for e in ada.error] == [
        "Trial 1 is over a class limit: Epochs 3 is over the limit of 2 epochs per run."
    ]
    me = identity.come_back(db, "Ada", code)
    assert runs.runs_of(db, me) == [] and ada.session_state[SweepKeys.SWEEPS] == []

    limits.set_limit(db, "epochs", 5)
    elsewhere = runs.start_run(db, me, {"task": "shapes"}, limits.limits_for(db, "class"))  # e.g. on the Train page
    start(ada)
    assert [shown(e.value) for e in ada.error] == [
        "You already have 1 run going; the limit is 1 run at once per student. Wait for it to finish or stop it."
    ]
    assert sweep_records.sweeps_of(db, me) == [] and [r.id for r in runs.runs_of(db, me)] == [elsewhere]
