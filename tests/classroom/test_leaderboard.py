"""The leaderboard measures each entry on the right set, again only when its model or the class digits change."""

import os

import numpy as np
import pytest

from core.classroom import challenge, challenge_entries, class_digits, identity, leaderboard, ownership
from core.classroom.limits import CLASS_DEFAULTS
from tests.classroom.replica import FakeModel
from tests.helpers.class_data import canvas_of


class RecordingMeasure:
    """Stands in for the engine: says which set it was given (by size) and records every call."""

    def __init__(self, mnist_size: int):
        self.mnist_size, self.calls = mnist_size, []

    def __call__(self, path, images, digits):
        self.calls.append((path.stem, "mnist" if len(images) == self.mnist_size else "class", sorted(set(digits.tolist()))))
        mask = np.isin(digits, (7, 8))
        return (0.99 if len(images) == self.mnist_size else 0.75), int(mask.sum())


@pytest.fixture
def board(db, models_folder, t10k):
    teacher = identity.unlock_teacher(db, "pass", "pass")
    ada, _ = identity.join(db, "Ada")
    ben, _ = identity.join(db, "Ben")
    info = challenge.open_challenge(db, teacher, "Best 7 vs 8", "7-vs-8")
    for who, name in ((ada, "ada-net"), (ben, "ben-net")):
        ownership.save_model(db, who, FakeModel(name), name, {"task": "7-vs-8"}, CLASS_DEFAULTS, models_folder)
        challenge_entries.submit(db, who, info, name, "7-vs-8", 20_000, 3)
    return info, ada, ben


def test_each_entry_is_measured_on_t10k_once_and_on_the_class_digits_as_they_change(db, board, models_folder, t10k, digit_images):
    info, ada, _ = board
    measure = RecordingMeasure(len(t10k[0]))
    assert leaderboard.refresh(db, info.id, measure, mnist=t10k, folder=models_folder) == 2
    assert sorted(measure.calls) == [("ada-net", "mnist", list(range(10))), ("ben-net", "mnist", list(range(10)))]
    rows = {row["model"]: row for row in leaderboard.rows(db, info.id)}
    assert rows["ada-net"]["mnist_accuracy"] == 0.99 and rows["ada-net"]["mnist_images"] == int(np.isin(t10k[1], (7, 8)).sum())
    assert rows["ada-net"]["class_accuracy"] is None and rows["ada-net"]["class_images"] == 0  # no 7 or 8 drawn yet
    assert "Draw digits for the class test set" in leaderboard.gap_sentence(list(rows.values()))

    measure.calls.clear()
    for digit in (7, 8, 3):  # the 3 is no digit of the task: not counted
        class_digits.add_drawing(db, ada, digit, canvas_of(digit_images[digit]))
    assert leaderboard.refresh(db, info.id, measure, mnist=t10k, folder=models_folder) == 2
    assert sorted(measure.calls) == [("ada-net", "class", [3, 7, 8]), ("ben-net", "class", [3, 7, 8])]
    rows = leaderboard.rows(db, info.id)
    assert [(r["class_accuracy"], r["class_images"], r["gap"]) for r in rows] == [(0.75, 2, pytest.approx(0.24))] * 2
    assert "24.0 points lower on the class's drawings" in leaderboard.gap_sentence(rows)

    measure.calls.clear()
    assert leaderboard.refresh(db, info.id, measure, mnist=t10k, folder=models_folder) == 0 and not measure.calls
    stat = (models_folder / "ben-net.keras").stat()
    os.utime(models_folder / "ben-net.keras", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # Ben saves it again
    assert leaderboard.refresh(db, info.id, measure, mnist=t10k, folder=models_folder) == 1
    assert sorted(c[:2] for c in measure.calls) == [("ben-net", "class"), ("ben-net", "mnist")]

    ownership.delete_model(db, ada, "ada-net", models_folder)
    leaderboard.refresh(db, info.id, measure, mnist=t10k, folder=models_folder)
    rows = {row["model"]: row for row in leaderboard.rows(db, info.id)}
    assert rows["ada-net"]["note"] == "The model was deleted after it was entered."
    csv_lines = leaderboard.to_csv(leaderboard.rows(db, info.id)).splitlines()
    assert csv_lines[0] == ",".join(leaderboard.COLUMNS) and len(csv_lines) == 3


def test_a_model_that_cannot_be_measured_gets_a_note_and_is_tried_again(db, board, models_folder, t10k):
    info, _, _ = board

    def broken(path, images, digits):
        raise RuntimeError("The worker stopped.")

    leaderboard.refresh(db, info.id, broken, mnist=t10k, folder=models_folder)
    assert {row["note"] for row in leaderboard.rows(db, info.id)} == {"Could not be measured: The worker stopped."}
    assert leaderboard.refresh(db, info.id, RecordingMeasure(len(t10k[0])), mnist=t10k, folder=models_folder) == 2
    assert {row["note"] for row in leaderboard.rows(db, info.id)} == {""}
