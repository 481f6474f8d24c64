"""The class challenge on a real class database: opening it, entering models under its rules, class digits, the
teacher's table and the queue's pause flag."""

import datetime as dt
import io
import time

import numpy as np
import pytest
from PIL import Image

from core.classroom import challenge, class_digits, class_settings, console, identity, ownership, runs
from core.classroom.challenge import ChallengeError
from core.classroom.limits import CLASS_DEFAULTS
from core.classroom.permissions import PermissionRefused
from core.classroom.queue_pause import PausedFlag
from core.classroom.schema import now
from core.prediction import preprocess
from core.training.progress import Progress
from tests.helpers.class_data import FakeJob, canvas_of


@pytest.fixture
def people(db):
    teacher = identity.unlock_teacher(db, "pass", "pass")
    ada, _ = identity.join(db, "Ada")
    ben, _ = identity.join(db, "Ben")
    return teacher, ada, ben


def test_only_the_teacher_opens_a_digit_challenge_and_a_new_one_ends_the_old(db, people):
    teacher, ada, _ = people
    with pytest.raises(ChallengeError, match="Only the teacher"):
        challenge.open_challenge(db, ada, "Mine", "7-vs-8")
    with pytest.raises(ChallengeError, match="A challenge is about digits"):
        challenge.open_challenge(db, teacher, "Shapes", "shapes")
    first = challenge.open_challenge(db, teacher, "Best 7 vs 8", "7-vs-8", max_parameters=50_000, max_epochs=3)
    assert challenge.current(db) == first and first.digits == (7, 8)
    assert first.rules_text() == "at most 50,000 parameters · at most 3 epochs"
    second = challenge.open_challenge(db, teacher, "All digits", "digits", ends=now() + dt.timedelta(minutes=30))
    assert challenge.current(db).id == second.id and second.digits == tuple(range(10))
    challenge.update(db, teacher, second.id, end_now=True)
    assert challenge.current(db) is None and challenge.latest(db).id == second.id and not challenge.latest(db).is_open()


def test_a_flagged_drawing_lands_with_its_label_author_and_model_input(db, people, digit_images):
    _, ada, _ = people
    canvas = canvas_of(digit_images[4])
    digit_id = class_digits.add_drawing(db, ada, 4, canvas, flagged=True)
    (info,) = class_digits.listing(db)
    assert (info.id, info.label, info.author, info.flagged) == (digit_id, 4, "Ada", True)
    x, y, ids = class_digits.arrays(db)
    assert x.shape == (1, 28, 28) and x.dtype == np.uint8 and y.tolist() == [4] and ids.tolist() == [digit_id]
    assert np.array_equal(x[0], preprocess.prepare(canvas).input[..., 0])  # what a model would see of it
    drawn = np.asarray(Image.open(io.BytesIO(class_digits.canvas_png(db, digit_id))))
    assert np.array_equal(drawn, canvas)
    with pytest.raises(preprocess.BlankImageError):
        class_digits.add_drawing(db, ada, 4, np.zeros((280, 280, 4), np.uint8))
    with pytest.raises(ValueError, match="0 to 9"):
        class_digits.add_drawing(db, ada, 12, canvas)


def test_prompts_ask_for_the_digit_the_class_has_fewest_of_and_the_teacher_removes_junk(db, people, digit_images):
    teacher, ada, ben = people
    asked = []
    for _ in range(4):
        label = class_digits.next_label(db, ada, (7, 8))
        asked.append(label)
        class_digits.add_drawing(db, ada, label, canvas_of(digit_images[label]))
    assert sorted(asked) == [7, 7, 8, 8]
    class_digits.add_drawing(db, ben, 7, canvas_of(digit_images[7]))
    assert class_digits.next_label(db, ben, (7, 8)) == 8
    assert class_digits.counts(db)[7] == 3 and class_digits.counts(db, ben)[7] == 1
    before = class_digits.fingerprint(class_digits.arrays(db)[2])
    junk = [d.id for d in class_digits.listing(db) if d.author == "Ben"]
    with pytest.raises(PermissionRefused):
        class_digits.remove(db, ada, junk)
    assert class_digits.remove(db, teacher, junk) == 1
    assert class_digits.fingerprint(class_digits.arrays(db)[2]) != before and len(class_digits.listing(db)) == 4


def test_the_class_table_has_each_students_run_best_accuracy_and_models(db, people, models_folder, fake_model):
    _, ada, ben = people
    identity.join(db, "Cleo")
    ownership.save_model(db, ada, fake_model, "ada-net", {"task": "7-vs-8"}, CLASS_DEFAULTS, models_folder)
    for accuracy in (0.91, 0.97):
        run = runs.start_run(db, ada, {"task": "7-vs-8"}, CLASS_DEFAULTS)
        runs.update_run(db, run, state="done", metrics={"test_accuracy": 0.5, "real_test_metrics": {"accuracy": accuracy}})
    runs.start_run(db, ben, {"task": "digits"}, CLASS_DEFAULTS)
    jobs = [
        FakeJob(1, str(ada.person_id), Progress(state="finished", epoch=3, epochs=3, batch=10, batches=10)),
        FakeJob(2, str(ben.person_id), Progress(state="running", epoch=2, epochs=3, batch=5, batches=10)),
        FakeJob(3, None, Progress(state="running")),
    ]
    table = {row["student"]: row for row in console.class_table(db, "class", jobs)}
    assert list(table) == ["Ada", "Ben", "Cleo"]
    assert table["Ada"]["best_accuracy"] == 0.97 and table["Ada"]["models"] == ["ada-net"] and table["Ada"]["runs"] == 2
    assert table["Ada"]["job"] == "finished" and table["Ada"]["progress"] == 1.0
    assert table["Ben"]["job"] == "training · epoch 2/3" and table["Ben"]["progress"] == pytest.approx(0.5)
    assert table["Cleo"]["job"] == "no run yet" and table["Cleo"]["best_accuracy"] is None
    paused = Progress(state="queued", paused=True)
    assert console.job_text(paused) == "paused by the teacher"
    elsewhere = {row["student"]: row["job"] for row in console.class_table(db, "class", [], paused=True)}
    assert elsewhere == {"Ada": "finished", "Ben": "paused by the teacher", "Cleo": "no run yet"}  # Ben's run is queued
    (only,) = console.class_table(db, "personal", jobs)
    assert only["person_id"] == people[0].person_id


def test_the_pause_flag_reads_the_database_at_most_once_per_ttl(db, people):
    flag, other_replica = PausedFlag(db, ttl_s=0.3), PausedFlag(db, ttl_s=0.3)
    assert not flag() and not other_replica()
    flag.set(True)
    assert flag() and class_settings.queue_paused(db)
    assert not other_replica()  # still its cached answer...
    time.sleep(0.35)
    assert other_replica()  # ...until it reads again
