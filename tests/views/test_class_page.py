"""The Class page through app.py under AppTest: the teacher's table of several students, stopping a run, publishing
and opening a model, settings pushed as a link and QR code, and the queue's pause honoured by a student's real run."""

import gc
import time
from urllib.parse import parse_qsl, urlsplit

import pytest

from core.classroom import identity, runs
from core.classroom.db import open_database
from core.classroom.limits import CLASS_DEFAULTS
from core.classroom.schema import ModelRecord
from core.engine import get_engine
from core.training.progress import Progress
from tests.helpers.apptest import open_page
from tests.helpers.class_app import class_folder, copy_model, ok, student, unlock_teacher
from tests.helpers.class_data import FakeJob
from views.classroom import address
from views.keys import ClassKeys, Keys
from views.widgets.text import plain


def click(at, label):
    next(b for b in at.button if b.label == label).click()
    return ok(at.run())


def class_table(at):
    return next(d.value for d in at.dataframe if "job" in d.value.columns).set_index("student")


@pytest.fixture
def held_jobs():
    """Fake jobs for the engine's (process-wide) book, gone from it after the test: its ids are the next test's too."""
    jobs = []
    yield jobs
    jobs.clear()
    gc.collect()  # the book holds jobs weakly; a session's callbacks may hold them in a cycle
    assert not [job for job in get_engine().book.jobs() if isinstance(job, FakeJob)]


def test_the_teacher_sees_each_students_run_best_accuracy_and_models_and_acts_on_them(tmp_path, monkeypatch, held_jobs):
    folder = class_folder(tmp_path, monkeypatch)
    db = open_database()
    ada, _ = identity.join(db, "Ada")
    ben, _ = identity.join(db, "Ben")
    identity.join(db, "Cleo")
    copy_model(folder, "ada-net", "Ada")
    copy_model(folder, "ben-net", "Ben")
    for accuracy in (0.93, 0.981):
        run = runs.start_run(db, ada, {"task": "7-vs-8"}, CLASS_DEFAULTS)
        runs.update_run(db, run, state="done", metrics={"real_test_metrics": {"accuracy": accuracy}})
    runs.start_run(db, ben, {"task": "7-vs-8"}, CLASS_DEFAULTS)
    jobs = held_jobs  # held here: the engine's book forgets a job nobody holds
    jobs += [
        FakeJob(900_001, str(ada.person_id), Progress(state="finished", epoch=3, epochs=3, batch=10, batches=10)),
        FakeJob(900_002, str(ben.person_id), Progress(state="running", epoch=2, epochs=4, batch=5, batches=10)),
    ]
    for job in jobs:
        get_engine().book.add(job)

    teacher = open_page("class", timeout=120)
    ok(unlock_teacher(teacher))
    table = class_table(teacher)
    assert list(table.index) == ["Ada", "Ben", "Cleo"]
    assert table.loc["Ada", "best_accuracy"] == "98.1%" and list(table.loc["Ada", "models"]) == ["ada-net"]  # never 0.981
    assert table.loc["Cleo", "best_accuracy"] == "—"
    assert table.loc["Ben", "job"] == "training · epoch 2/4" and table.loc["Ben", "progress"] == 0.375
    assert table.loc["Cleo", "job"] == "no run yet"
    assert any(m.value == "**3 students** · 1 training now" for m in teacher.markdown)

    assert teacher.selectbox(key=ClassKeys.STOP_STUDENT).options == ["Ben"]
    click(teacher, "Stop their run")
    assert jobs[1].stopped and not jobs[0].stopped

    teacher.selectbox(key=ClassKeys.MODEL).set_value("ada-net").run()
    click(teacher, "Publish to the class")
    assert any(plain("Published ada-net") in s.value for s in teacher.success)
    with db.session() as session:
        assert session.get(ModelRecord, "ada-net").visibility == "class"

    click(teacher, "Open on Draw")
    assert [t.value for t in teacher.title] == [":material/draw: Draw"]
    assert teacher.session_state[Keys.ACTIVE_MODEL] == "ada-net"

    cleo = open_page("class", timeout=120)
    ok(cleo.run())
    assert not cleo.dataframe  # a newcomer sees the welcome; a student never sees the table
    ben_tab, _ = student("Dan", page="class")
    assert any("teacher's console" in i.value for i in ok(ben_tab.run()).info) and not ben_tab.dataframe


def test_pushed_settings_make_a_train_link_and_its_qr_code(tmp_path, monkeypatch):
    class_folder(tmp_path, monkeypatch, passcode=None)  # personal mode: the single user's own console
    monkeypatch.delenv(address.PUBLIC_URL_ENV, raising=False)
    monkeypatch.setattr(address, "network_ip", lambda: "10.20.30.40")  # the server's address on the school network
    at = open_page("class", timeout=120)
    ok(at)
    assert not at.warning  # a network address is known: nothing to tell the teacher
    assert list(class_table(at).index) == ["You"]
    at.text_input(key=ClassKeys.PUSH_LINK).input("http://localhost:8501/train?lr=0.01&dense=32").run()
    at.text_input(key=ClassKeys.PUSH_TASK).input("3-vs-rest").run()
    at.number_input(key=ClassKeys.PUSH_EPOCHS).set_value(1).run()
    ok(at)
    (link,) = [c.value for c in at.code]
    parts = urlsplit(link)
    assert parts.netloc == "10.20.30.40:8501" and parts.path == "/train"  # never localhost: students' devices open it
    assert dict(parse_qsl(parts.query)) == {"task": "3-vs-rest", "dense": "32", "lr": "0.01", "epochs": "1"}
    (qr,) = at.get("image")
    assert qr.proto.imgs[0].caption == "Scan to open the Train page with these settings"
    assert qr.proto.imgs[0].url.endswith(".png")  # lossless: a QR code must keep its sharp squares
    assert qr.proto.imgs[0].alt == f"QR code of the link {link}"  # what a screen reader says


def progress_text(at):
    texts = [element.proto.text for element in at.get("progress")]
    return texts[0] if texts else ""


def wait_for(at, condition, what, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition(ok(at.run())):
            return
        time.sleep(0.5)
    raise AssertionError(f"no {what} within {timeout} s; last status: {progress_text(at)!r}")


def test_a_paused_queue_holds_a_students_run_back_with_a_sentence_until_the_teacher_resumes(tmp_path, monkeypatch):
    class_folder(tmp_path, monkeypatch)
    teacher = open_page("class", timeout=120)
    ok(unlock_teacher(teacher))
    click(teacher, "Pause the queue")
    assert any("The queue is paused" in w.value for w in teacher.warning)

    ben, _ = student("Ben", page="train")
    ben.radio(key="train_task_mode").set_value("Circle vs square").run()
    ben.selectbox(key="setting_preset").set_value("tiny-cnn").run()
    ben.number_input(key="setting_epochs").set_value(1).run()
    click(ben, "Start training")
    wait_for(ben, lambda at: "Paused by the teacher" in progress_text(at), "paused status")
    time.sleep(3)  # longer than the pause flag's cache: still held back
    assert "Paused by the teacher" in progress_text(ok(ben.run()))
    assert class_table(ok(teacher.run())).loc["Ben", "job"] == "paused by the teacher"

    click(teacher, "Resume the queue")
    wait_for(ben, lambda at: any(m.label == "Test accuracy" for m in at.metric), "finished run")
    assert float(next(m for m in ben.metric if m.label == "Test accuracy").value.rstrip("%")) > 50
