"""Digits drawn by the class: stored with their label and author, reviewed by the teacher, read as a test set.

A drawing arrives as the drawing pad's RGBA pixels; it is kept twice: the canvas picture (PNG)
and the 28×28 model input the lab's MNIST preparation makes of it, so every model is measured
on exactly what a model would see. Drawings come from the Draw page's prompt while a challenge
collects digits, and from "Wrong — this is a …" (``flagged``) in any mode.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

import numpy as np
from PIL import Image
from sqlalchemy import delete, func, select

from core.classroom import permissions
from core.classroom.db import Database
from core.classroom.identity import Identity
from core.classroom.schema import ClassDigit, Person

SIDE = 28


@dataclass(frozen=True)
class DigitInfo:
    """One class digit without its pictures' bytes (for galleries and tables)."""

    id: int
    label: int
    author: str
    flagged: bool


def png(pixels: np.ndarray) -> bytes:
    """The pixels as PNG bytes."""
    buffer = io.BytesIO()
    Image.fromarray(np.asarray(pixels, np.uint8).squeeze()).save(buffer, format="PNG")
    return buffer.getvalue()


def add_drawing(
    db: Database, who: Identity, label: int, canvas: np.ndarray, flagged: bool = False, challenge_id: int | None = None
) -> int:
    """Stores a drawing with its true digit; returns its id.

    Args:
        db: The class database.
        who: Who drew it.
        label: The digit it shows (0–9).
        canvas: The drawing pad's pixels (RGBA or gray).
        flagged: True when it comes from "Wrong — this is a …" (the model got it wrong).
        challenge_id: The challenge collecting digits, if any.

    Raises:
        ValueError: For a label that is not a digit; ``BlankImageError`` for an empty drawing.

    """
    from core.prediction import preprocess  # numpy, SciPy and PIL: the same steps a model's input takes

    if not 0 <= int(label) <= 9:
        raise ValueError(f"A class digit is 0 to 9, not {label}.")
    model_input = preprocess.prepare(canvas, (SIDE, SIDE, 1), "mnist").input[..., 0]
    row = ClassDigit(
        label=int(label),
        author_id=who.person_id,
        challenge_id=challenge_id,
        flagged=flagged,
        canvas_png=png(canvas),
        input_28=np.ascontiguousarray(model_input, np.uint8).tobytes(),
    )
    with db.session() as session:
        session.add(row)
        session.flush()
        return row.id


def listing(db: Database) -> list[DigitInfo]:
    """Every class digit, oldest first."""
    with db.session() as session:
        query = select(ClassDigit.id, ClassDigit.label, Person.name, ClassDigit.flagged).outerjoin(
            Person, ClassDigit.author_id == Person.id
        )
        return [
            DigitInfo(i, label, name or "someone who left", flagged)
            for i, label, name, flagged in session.execute(query.order_by(ClassDigit.id))
        ]


def arrays(db: Database) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The class digits as a test set: ``(x N×28×28 uint8, y digit labels, ids)``, oldest first."""
    with db.session() as session:
        rows = session.execute(select(ClassDigit.id, ClassDigit.label, ClassDigit.input_28).order_by(ClassDigit.id)).all()
    x = np.frombuffer(b"".join(r.input_28 for r in rows), np.uint8).reshape(len(rows), SIDE, SIDE)
    return x, np.array([r.label for r in rows], np.uint8), np.array([r.id for r in rows], np.int64)


def canvas_png(db: Database, digit_id: int) -> bytes | None:
    """The original drawing of one class digit (PNG), or None if it was removed."""
    with db.session() as session:
        row = session.get(ClassDigit, digit_id)
        return row.canvas_png if row else None


def fingerprint(ids: np.ndarray) -> str:
    """A short key that changes whenever a digit is added or removed."""
    return hashlib.sha256(np.asarray(ids, np.int64).tobytes()).hexdigest()[:32]


def counts(db: Database, who: Identity | None = None) -> dict[int, int]:
    """How many class digits there are of each digit (only ``who``'s when given)."""
    with db.session() as session:
        query = select(ClassDigit.label, func.count()).group_by(ClassDigit.label)
        if who is not None:
            query = query.where(ClassDigit.author_id == who.person_id)
        found = dict(session.execute(query).tuples().all())
    return {digit: int(found.get(digit, 0)) for digit in range(10)}


def next_label(db: Database, who: Identity, digits: tuple[int, ...]) -> int:
    """The digit to ask ``who`` for next: the one the class has fewest of, then the one they drew least."""
    everyone, theirs = counts(db), counts(db, who)
    return min(digits, key=lambda d: (everyone[d], theirs[d], (d + who.person_id) % 10))


def remove(db: Database, who: Identity, ids: list[int]) -> int:
    """The teacher removes junk drawings; returns how many went.

    Raises:
        PermissionRefused: For a student.

    """
    permissions.check_class(who.role, "remove_digits")
    with db.session() as session:
        return session.execute(delete(ClassDigit).where(ClassDigit.id.in_([int(i) for i in ids]))).rowcount or 0
