"""The challenge's leaderboard: each entered model's accuracy on the real MNIST test set and on the class's digits.

This module keeps records: each entry's two accuracies, stored with what they were measured on
(the model file's version, :func:`core.storage.version.model_version`, and a fingerprint of the
class digits). It never runs a model: :func:`refresh` is handed a ``measure`` function (the
page passes :func:`core.engine.scoring.accuracy_on`, which runs the model in the engine's
worker) and measures again only what changed: a model re-saved, a digit drawn or removed, so the
board follows the class as digits and models arrive.
"""

from __future__ import annotations

import csv
import functools
import io
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import select

from core.classroom import class_digits
from core.classroom.db import Database
from core.classroom.schema import Challenge, ChallengeSubmission, Person
from core.data import tasks
from core.i18n import _
from core.storage import registry
from core.storage.version import model_version

logger = logging.getLogger(__name__)
# (model file, images N×28×28 uint8, their digit labels) -> (accuracy, images of the task counted)
Measure = Callable[[Path, np.ndarray, np.ndarray], tuple[float, int]]
COLUMNS = ("rank", "model", "student", "mnist_accuracy", "mnist_images", "class_accuracy", "class_images", "gap", "note")
_refreshing = threading.Lock()


@functools.cache
def real_test_set() -> tuple[np.ndarray, np.ndarray] | None:
    """The real MNIST test set (t10k) beside the repository, read once; None if missing."""
    from core.data.test_sets import mnist_test_set

    return mnist_test_set()


def _measure_on(measure: Measure, path: Path, task: str, x: np.ndarray, y: np.ndarray) -> tuple[float | None, int]:
    """Accuracy and count on the task's digits among ``x``; ``(None, 0)`` when none belongs to the task."""
    if not tasks.parse_task(task).labels_for(y)[0].any():
        return None, 0
    return measure(path, x, y)


def refresh(db: Database, challenge_id: int, measure: Measure, mnist: tuple | None = None, folder: Path | None = None) -> int:
    """Measures every entry whose model or whose class digits changed since it was last measured.

    Args:
        db: The class database.
        challenge_id: The challenge.
        measure: How to measure a model (the page's: :func:`core.engine.scoring.accuracy_on`).
        mnist: The real test set ``(x, digits)`` (default: :func:`real_test_set`).
        folder: The models folder.

    Returns:
        How many entries were measured.

    """
    folder = folder or registry.models_dir()
    mnist = mnist if mnist is not None else real_test_set()
    x, y, ids = class_digits.arrays(db)
    key = class_digits.fingerprint(ids)
    with db.session() as session:
        task = session.get(Challenge, challenge_id).task
        entries = list(session.scalars(select(ChallengeSubmission).where(ChallengeSubmission.challenge_id == challenge_id)))
    measured = 0
    for entry in entries:
        path = folder / f"{entry.model_name}.keras"
        try:
            version = model_version(path)
        except FileNotFoundError:
            _store(db, entry.id, note="The model was deleted after it was entered.", model_version=None)
            continue
        new_model = version != entry.model_version
        if not new_model and entry.class_key == key:
            continue
        changes: dict[str, Any] = {"model_version": version, "class_key": key, "note": None}
        try:
            if new_model and mnist is not None:
                changes["mnist_accuracy"], changes["mnist_images"] = _measure_on(measure, path, task, *mnist)
            changes["class_accuracy"], changes["class_images"] = _measure_on(measure, path, task, x, y)
        except (ValueError, OSError, RuntimeError) as error:  # an unreadable model, a worker that died
            changes |= {"note": f"Could not be measured: {error}"[:300], "class_key": None, "model_version": None}
        _store(db, entry.id, **changes)
        measured += 1
    return measured


def _store(db: Database, entry_id: int, **changes: Any) -> None:
    with db.session() as session:
        entry = session.get(ChallengeSubmission, entry_id)
        for name, value in (changes if entry is not None else {}).items():
            setattr(entry, name, value)


def refresh_in_background(db: Database, challenge_id: int, measure: Measure) -> bool:
    """Starts :func:`refresh` in a thread unless one is already measuring; True if it started one."""
    if not _refreshing.acquire(blocking=False):
        return False

    def work() -> None:
        try:
            refresh(db, challenge_id, measure)
        except Exception:  # the board shows what it has; the next refresh tries again
            logger.exception("the leaderboard of challenge %s could not be refreshed", challenge_id)
        finally:
            _refreshing.release()

    threading.Thread(target=work, name=f"leaderboard-{challenge_id}", daemon=True).start()
    return True


def rows(db: Database, challenge_id: int) -> list[dict[str, Any]]:
    """The board: best on the class's digits first (then on MNIST), entries not yet measured last."""
    with db.session() as session:
        query = select(ChallengeSubmission, Person.name).outerjoin(Person, ChallengeSubmission.person_id == Person.id)
        found = session.execute(query.where(ChallengeSubmission.challenge_id == challenge_id)).all()
    board = []
    for entry, student in found:
        mnist, drawn = entry.mnist_accuracy, entry.class_accuracy
        board.append(
            {
                "entry": entry.id,
                "model": entry.model_name,
                "student": student or "someone who left",
                "mnist_accuracy": mnist,
                "mnist_images": entry.mnist_images or 0,
                "class_accuracy": drawn,
                "class_images": entry.class_images or 0,
                "gap": None if mnist is None or drawn is None else mnist - drawn,
                "note": entry.note or ("" if entry.model_version is not None else "Being measured…"),
            }
        )
    board.sort(key=lambda r: (r["class_accuracy"] is None, -(r["class_accuracy"] or 0), -(r["mnist_accuracy"] or 0)))
    return [row | {"rank": rank} for rank, row in enumerate(board, 1)]


def gap_sentence(board: list[dict[str, Any]]) -> str:
    """One sentence on what the gap between the two accuracies means, with this board's average gap."""
    gaps = [row["gap"] for row in board if row["gap"] is not None]
    if not gaps:
        return _(
            "Each model gets two scores: on the real MNIST test set (digits written by MNIST's writers) and on the "
            "digits this class drew. Draw digits for the class test set on the Draw page to see the second one."
        )
    gap = float(np.mean(gaps)) * 100
    if gap >= 1:
        return _(
            "On average the models score {points} points lower on the class's drawings than on MNIST's test digits: "
            "the class draws differently from MNIST's writers (another pen, other shapes of each digit, mouse instead of "
            "paper), and a model only knows the kind of handwriting it was trained on."
        ).format(points=f"{gap:.1f}")
    if gap <= -1:
        return _(
            "On average the models score {points} points higher on the class's drawings than on MNIST's test digits: "
            "the class's digits are easier for them than MNIST's hardest ones (clear, centred, thick strokes)."
        ).format(points=f"{-gap:.1f}")
    return _(
        "The models score about the same on the class's drawings as on MNIST's test digits: "
        "the class writes much like MNIST's writers."
    )


def to_csv(board: list[dict[str, Any]]) -> str:
    """The board as CSV text (accuracies as fractions, one row per entry)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(board)
    return buffer.getvalue()
