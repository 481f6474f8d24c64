"""A class on one server, through app.py: who sees and may delete which model, publishing, links held to the limits,
runs at once, saving under another's name, and a restart on the same database."""

import json
import time

from core.classroom import identity, limits, runs
from core.classroom.db import open_database
from core.storage import registry
from tests.helpers.apptest import assert_page_works, open_page, shown
from tests.helpers.class_app import (
    class_folder,
    come_back,
    copy_model,
    ok,
    picker_names,
    student,
    submit,
    table_names,
    unlock_teacher,
    who,
)
from views.keys import Keys
from views.shell import session as class_session

SHIPPED = sorted(registry.SHIPPED_MODELS)


def pick(at, name):
    at.selectbox(key=Keys.MODELS_SELECTED).set_value(name)
    return ok(at.run())


def test_two_students_see_the_shipped_models_and_their_own_only(tmp_path, monkeypatch):
    folder = class_folder(tmp_path, monkeypatch)
    ada, _ = student("Ada")
    ben, _ = student("Ben")
    copy_model(folder, "ada-model", "Ada")
    copy_model(folder, "ben-model", "Ben")
    for at, own, other in ((ada, "ada-model", "ben-model"), (ben, "ben-model", "ada-model")):
        ok(at.run())
        assert table_names(at) == [*SHIPPED, own] and picker_names(at) == [*SHIPPED, own]
        assert other not in json.dumps([d.value.to_dict() for d in at.dataframe])
        pick(at, own)
        assert at.checkbox(key=Keys.MODELS_CONFIRM_DELETE)  # their own: they may delete it
        pick(at, "mnist-digits")
        assert any(shown(c.value) == "mnist-digits is one of the lab's default models and cannot be deleted." for c in at.caption)

    # Ben cannot take Ada's name by uploading under it, nor upload past the class's size limit.
    at = ben
    at.file_uploader(key=Keys.MODELS_UPLOAD_KERAS).set_value(
        ("x.keras", (folder / "ben-model.keras").read_bytes(), "application/x")
    )
    ok(at.run())
    at.text_input(key=Keys.MODELS_UPLOAD_NAME).input("ada-model")
    at.button(key=Keys.MODELS_UPLOAD).click()
    at.run()
    assert [shown(e.value) for e in at.error] == ["ada-model belongs to Ada; save under another name."]
    limits.set_limit(open_database(), "upload_mb", 1)
    at.file_uploader(key=Keys.MODELS_UPLOAD_KERAS).set_value(("big.keras", b"0" * 1_500_000, "application/x"))
    at.run()
    at.button(key=Keys.MODELS_UPLOAD).click()
    at.run()
    assert [shown(e.value) for e in at.error] == ["That file is 1.5 MB; the limit is 1 MB per upload."]

    pick(ada, "ada-model")
    ada.checkbox(key=Keys.MODELS_CONFIRM_DELETE).check()
    ok(ada.run())
    ada.button(key=Keys.MODELS_DELETE).click()
    ok(ada.run())
    assert not (folder / "ada-model.keras").exists() and (folder / "ben-model.keras").exists()
    assert table_names(ok(ben.run())) == [*SHIPPED, "ben-model"]


def test_the_teacher_publishes_a_model_and_the_class_survives_a_restart(tmp_path, monkeypatch):
    folder = class_folder(tmp_path, monkeypatch)
    ada, ada_code = student("Ada")
    student("Ben")
    copy_model(folder, "ben-model", "Ben")
    assert "ben-model" not in table_names(ok(ada.run()))

    teacher = open_page("models", timeout=120)
    ok(unlock_teacher(teacher))
    assert who(teacher) == "Teacher · teacher · class mode"
    assert table_names(teacher) == [*SHIPPED, "ben-model"]
    pick(teacher, "ben-model")
    ok(submit(teacher, "Publish to the class"))
    assert any("Published ben-model" in shown(s.value) for s in teacher.success)

    ok(ada.run())
    assert table_names(ada) == [*SHIPPED, "ben-model"] and "ben-model" in picker_names(ada)
    pick(ada, "ben-model")
    assert any(shown(c.value) == "ben-model belongs to Ben: only they or the teacher can delete it." for c in ada.caption)
    assert not [c for c in ada.checkbox if c.key == Keys.MODELS_CONFIRM_DELETE]

    class_session._open.clear()  # a restart: the next session opens the database file anew
    again = open_page("models", timeout=120)
    ok(come_back(again, "Ada", ada_code))
    assert who(again) == "Ada · student · class mode"
    assert_page_works(again, "models")
    assert table_names(again) == [*SHIPPED, "ben-model"]
    shared = dict(zip(again.dataframe[0].value["name"], again.dataframe[0].value["shared with"], strict=True))
    assert shared["ben-model"] == "the class" and shared["mnist-7-vs-8"] == "everyone (a default model)"


def test_a_crafted_link_over_a_limit_is_refused_or_clamped_with_a_sentence_naming_the_limit(tmp_path, monkeypatch):
    class_folder(tmp_path, monkeypatch)
    at, _ = student("Ada", page="train", query={"epochs": "1000000", "dense": "1000000"})
    assert_page_works(at, "train")
    warnings = [shown(w.value) for w in at.warning]
    refused = "The link's number of epochs '1000000' is refused: it must be from 1 to 500. The number of epochs stays at 8."
    assert refused in warnings, warnings  # over the form's limit: refused, never silently changed
    assert any("the limit is 2,000,000" in w and "'cnn' preset's layers are used instead" in w for w in warnings), warnings
    assert at.number_input(key="setting_epochs").value == 8 and at.text_input(key="setting_dense").value == ""
    assert "dense" not in at.query_params


def test_a_link_within_the_form_but_over_the_class_quota_is_clamped_with_a_sentence(tmp_path, monkeypatch):
    class_folder(tmp_path, monkeypatch)
    at, _ = student("Ada", page="train", query={"epochs": "100"})
    assert_page_works(at, "train")
    warnings = [shown(w.value) for w in at.warning]
    assert "Epochs 100 is over the limit of 50 epochs per run; using 50." in warnings, warnings
    assert at.number_input(key="setting_epochs").value == 50 and at.query_params["epochs"] == "50"


def test_runs_at_once_are_counted_and_a_run_is_saved_as_its_owners_only(tmp_path, monkeypatch):
    folder = class_folder(tmp_path, monkeypatch)
    ben, ben_code = student("Ben", page="train")
    ada, _ = student("Ada")
    copy_model(folder, "ada-model", "Ada")
    db = open_database()
    ben_id = identity.come_back(db, "Ben", ben_code)
    elsewhere = runs.start_run(db, ben_id, {"task": "shapes"}, limits.limits_for(db, "class"))  # e.g. in another replica

    ben.radio(key="train_task_mode").set_value("Circle vs square").run()
    ben.selectbox(key="setting_preset").set_value("tiny-cnn").run()
    ben.number_input(key="setting_epochs").set_value(1).run()
    next(b for b in ben.button if b.label == "Start training").click().run()
    assert [shown(e.value) for e in ben.error] == [
        "You already have 1 run going; the limit is 1 run at once per student. Wait for it to finish or stop it."
    ]
    runs.update_run(db, elsewhere, state="done")
    next(b for b in ben.button if b.label == "Start training").click().run()
    ok(ben)
    for _ in range(360):  # AppTest fires no timers: each run shows the run's next state
        if any(m.label == "Test accuracy" for m in ok(ben.run()).metric):
            break
        time.sleep(0.5)
    accuracy = next(m for m in ben.metric if m.label == "Test accuracy")
    assert float(accuracy.value.rstrip("%")) > 50

    for name, refusal in (
        ("ada-model", "ada-model belongs to Ada; save under another name."),
        ("mnist-7-vs-8", "mnist-7-vs-8 is one of the lab's default models; save under another name."),
    ):
        ben.text_input(key=Keys.SAVE_NAME).set_value(name).run()
        next(b for b in ben.button if "Save model" in b.label).click().run()
        assert [shown(e.value) for e in ben.error] == [refusal]
    ben.text_input(key=Keys.SAVE_NAME).set_value("ben-shapes").run()
    next(b for b in ben.button if "Save model" in b.label).click().run()
    ok(ben)
    assert json.loads((folder / "ben-shapes.json").read_text())["owner"] == "Ben"
    assert "ben-shapes" in picker_names(ben) and "ben-shapes" not in picker_names(ok(ada.run()))
    (run, _) = runs.runs_of(db, ben_id)
    assert run.state == "done" and run.model_name == "ben-shapes" and run.metrics["test_accuracy"] > 0.5
