"""Where the class database is and how to talk to it: an engine, migrations at start, sessions.

By default the database is an SQLite file beside the models folder (``sigmoid-lab.db``, in WAL
mode so several processes can read while one writes); ``SIGMOID_LAB_DATABASE_URL`` points it at
PostgreSQL instead, for several app replicas sharing one class.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from core.classroom import lost_file, migrate

DATABASE_ENV = "SIGMOID_LAB_DATABASE_URL"
SQLITE_NAME = "sigmoid-lab.db"
BUSY_TIMEOUT_MS = 10_000  # a writer in another replica holds SQLite's lock for milliseconds


def database_url(models_folder: Path | None = None) -> str:
    """The database URL: ``SIGMOID_LAB_DATABASE_URL``, else an SQLite file beside the models folder.

    Args:
        models_folder: The models folder (default: the registry's, ``SIGMOID_LAB_MODELS`` or ``models/``).

    Returns:
        A SQLAlchemy URL.

    """
    url = os.environ.get(DATABASE_ENV, "").strip()
    if not url:
        if models_folder is None:
            from core.storage.registry import models_dir

            models_folder = models_dir()
        return f"sqlite:///{Path(models_folder).resolve().parent / SQLITE_NAME}"
    return url


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get WAL mode, a busy timeout and foreign keys.

    ``postgresql://`` (or ``postgres://``) without a driver uses psycopg 3.

    Raises:
        ValueError: If the URL cannot be understood or its folder does not exist.

    """
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    try:
        parsed = make_url(url)
    except Exception:  # SQLAlchemy's ArgumentError: the text is not a URL at all
        raise ValueError(f"The database address {url!r} is not a database URL (e.g. postgresql://user@host/lab).") from None
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:" and not Path(parsed.database).parent.is_dir():
        raise ValueError(f"The folder for the class database does not exist: {Path(parsed.database).parent}")
    engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(connection: Any, _record: Any) -> None:
        cursor = connection.cursor()
        for attempt in range(50):  # two replicas opening a new file at once: SQLite may refuse the switch at once
            try:
                cursor.execute("PRAGMA journal_mode=WAL")
                break
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or attempt == 49:
                    raise
                time.sleep(0.1)
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


@dataclass
class Database:
    """An open, migrated class database.

    Attributes:
        engine: The SQLAlchemy engine.
        url: Where it is (password hidden when shown).

    """

    engine: Engine
    url: str
    watch: lost_file.FileWatch | None = field(default=None, repr=False)  # an SQLite file's: deleted or replaced?
    _sessions: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits when the block ends and rolls back if it raises.

        An SQLite file deleted or replaced since the last session is noticed here, and written
        back before the session starts (:mod:`core.classroom.lost_file`).
        """
        if self.watch is None:
            with self._sessions.begin() as session:
                yield session
            return
        with self.watch.using(), self._sessions.begin() as session:
            yield session

    def close(self) -> None:
        """Closes every pooled connection (and the one kept to notice a deleted file)."""
        if self.watch is not None:
            self.watch.close()
        self.engine.dispose()


def open_database(url: str | None = None, models_folder: Path | None = None) -> Database:
    """Opens the class database, creating it and running any pending migrations first.

    Args:
        url: A SQLAlchemy URL (default :func:`database_url`).
        models_folder: Used for the default SQLite location.

    Returns:
        The open database.

    Raises:
        ValueError: If the URL is unusable.

    """
    url = url or database_url(models_folder)
    engine = make_engine(url)
    path = Path(engine.url.database) if engine.url.get_backend_name() == "sqlite" and engine.url.database else None
    if path is not None and str(path) == ":memory:":
        path = None
    lost = path is not None and lost_file.missing_at_start(path, models_folder)
    migrate.upgrade(engine)
    if lost and path is not None:
        lost_file.write_notice(engine, lost_file.LOST_AT_START.format(name=path.name))
    watch = lost_file.FileWatch(path, engine) if path is not None else None
    return Database(engine, engine.url.render_as_string(hide_password=True), watch)
