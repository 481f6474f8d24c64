"""The class database's tables as SQLAlchemy 2.0 declarative models.

Changing a table here needs a new Alembic migration in ``core/classroom/migrations/versions``;
the database is only ever created and changed by those migrations (see :mod:`core.classroom.migrate`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ROLES = ("teacher", "student")
VISIBILITIES = ("private", "class", "shipped")
RUN_STATES = ("queued", "running", "done", "stopped", "failed")


def now() -> dt.datetime:
    """The current time in UTC (what every timestamp column stores)."""
    return dt.datetime.now(dt.UTC)


def aware(moment: dt.datetime | None) -> dt.datetime | None:
    """The time with its UTC zone (SQLite hands timestamps back without one)."""
    return moment.replace(tzinfo=dt.UTC) if moment is not None and moment.tzinfo is None else moment


class Base(DeclarativeBase):
    """The declarative base every table derives from."""


class Person(Base):
    """Someone in the class: a student (name + hashed code or a login) or the teacher."""

    __tablename__ = "people"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    name_key: Mapped[str] = mapped_column(String(64), unique=True)  # name_keys.key: "Ada", "ada " and "Аda" are one
    code_hash: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16), default="student")
    login_subject: Mapped[str | None] = mapped_column(String(320), unique=True)  # st.user's issuer + sub
    email: Mapped[str | None] = mapped_column(String(320))
    joined: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=now)


class ModelRecord(Base):
    """Who owns a saved model (the files themselves are ``models/NAME.keras`` + ``.json``)."""

    __tablename__ = "models"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    visibility: Mapped[str] = mapped_column(String(16), default="private")
    created: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=now)


class Sweep(Base):
    """A set of runs started together to compare hyperparameters."""

    __tablename__ = "sweeps"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    state: Mapped[str] = mapped_column(String(16), default="queued")
    created: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=now)


class Run(Base):
    """One training run: its settings, state, final metrics and curves."""

    __tablename__ = "runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    sweep_id: Mapped[int | None] = mapped_column(ForeignKey("sweeps.id", ondelete="CASCADE"))
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    state: Mapped[str] = mapped_column(String(16), default="queued")
    metrics: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    curves: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    model_name: Mapped[str | None] = mapped_column(String(64))
    created: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=now)
    finished: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class Setting(Base):
    """A value the teacher set: a quota, or a flag such as ``queue_paused``."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class Challenge(Base):
    """A class challenge: a task, its rules and an end time."""

    __tablename__ = "challenges"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    task: Mapped[str] = mapped_column(String(32))
    rules: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # e.g. max_parameters, max_epochs
    collecting_digits: Mapped[bool] = mapped_column(Boolean, default=False)
    opened: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=now)
    ends: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class ChallengeSubmission(Base):
    """A saved model entered into a challenge, with its two measured accuracies."""

    __tablename__ = "challenge_submissions"
    __table_args__ = (UniqueConstraint("challenge_id", "model_name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    model_name: Mapped[str] = mapped_column(String(64))
    mnist_accuracy: Mapped[float | None]
    class_accuracy: Mapped[float | None]
    submitted: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=now)
    # What the two accuracies were measured on, so the leaderboard knows when to measure again:
    model_version: Mapped[int | None] = mapped_column(BigInteger)  # the .keras file's mtime_ns ^ size
    mnist_images: Mapped[int | None] = mapped_column(Integer)  # t10k digits of the task
    class_images: Mapped[int | None] = mapped_column(Integer)  # class-drawn digits of the task
    class_key: Mapped[str | None] = mapped_column(String(64))  # fingerprint of the class digits then
    note: Mapped[str | None] = mapped_column(String(300))  # why it could not be measured, if so


class ClassDigit(Base):
    """A digit drawn by the class: the canvas picture and the 28×28 model input, with its label."""

    __tablename__ = "class_digits"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    label: Mapped[int] = mapped_column(Integer)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    challenge_id: Mapped[int | None] = mapped_column(ForeignKey("challenges.id", ondelete="SET NULL"))
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)  # "Wrong — this is a …" on the Draw page
    canvas_png: Mapped[bytes] = mapped_column(LargeBinary)
    input_28: Mapped[bytes] = mapped_column(LargeBinary)  # 784 uint8 pixels, row by row
    created: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=now)


class SignInFailure(Base):
    """A wrong personal code or teacher passcode: the growing wait is counted from these, the teacher reads them."""

    __tablename__ = "sign_in_failures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # "code" or "passcode"
    name: Mapped[str] = mapped_column(String(64))  # the name as typed (tidied), existing or not
    name_key: Mapped[str] = mapped_column(String(64), index=True)
    session_key: Mapped[str | None] = mapped_column(String(64), index=True)  # the browser session, if the view gave one
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)
    cleared: Mapped[bool] = mapped_column(Boolean, default=False)  # a right code since: no longer counted
