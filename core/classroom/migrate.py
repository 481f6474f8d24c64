"""Alembic migrations, run in code at start: no ``alembic.ini`` needed.

Every replica runs :func:`upgrade` when it opens the database. Two replicas starting at the same
moment take turns: PostgreSQL through an advisory lock, SQLite through ``BEGIN IMMEDIATE``.
A schema change is a new file in ``migrations/versions``; :func:`revision` writes one by
comparing ``core.classroom.schema`` with a database at the current head.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
LOCK_KEY = 0x5167_6D64  # any fixed number: the advisory lock every replica waits on


def config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at ``core/classroom/migrations`` (and at ``connection`` if given)."""
    settings = Config()
    settings.set_main_option("script_location", str(MIGRATIONS))
    settings.attributes["connection"] = connection
    return settings


def head() -> str:
    """The newest migration's revision id."""
    revision = ScriptDirectory.from_config(config()).get_current_head()
    assert revision is not None, "core/classroom/migrations/versions holds no migration"
    return revision


def current(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Brings the database up to the newest migration; does nothing if it is there already.

    Raises:
        sqlalchemy.exc.OperationalError: If the database cannot be reached.

    """
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
        elif connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # waits for another process's migration
        command.upgrade(config(connection), "head")


def revision(engine: Engine, message: str) -> None:
    """Writes a new migration file for the differences between ``schema`` and ``engine``'s database.

    For developers changing a table: ``revision(make_engine("sqlite:////tmp/x.db"), "add ...")``
    after :func:`upgrade` on that engine; then read and adjust the file it writes.
    """
    with engine.begin() as connection:
        command.revision(config(connection), message=message, autogenerate=True)
