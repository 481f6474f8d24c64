"""Class database fixtures: every test using ``db`` runs on SQLite and on a real PostgreSQL server.

The PostgreSQL server is a throw-away one started in a temporary folder for the session (as the
``postgres`` user when the tests run as root, which PostgreSQL refuses to run as), listening
only on a unix socket in that folder, and stopped afterwards. Each test gets a fresh database.
Outside CI (``CI`` unset) the PostgreSQL variants skip with a note when no server is installed;
in CI they fail.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

from tests.classroom.replica import FakeModel

BACKENDS = ["sqlite", "postgresql"]


def _server_binaries() -> Path | None:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres`` (Debian keeps them off the PATH)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if found:
        return Path(found[0]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    """The command run as ``postgres`` when we are root (PostgreSQL refuses to run as root)."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@pytest.fixture(scope="session")
def postgres_server():
    """A throw-away PostgreSQL server for the session; yields the admin URL (unix socket in a temp folder)."""
    binaries = _server_binaries()
    if binaries is None or (os.geteuid() == 0 and not _has_user("postgres")):
        message = "PostgreSQL is not installed (Debian: apt-get install postgresql), so the PostgreSQL variant is skipped."
        if os.environ.get("CI"):
            pytest.fail(message.replace("so the PostgreSQL variant is skipped", "and CI must run the PostgreSQL tests"))
        pytest.skip(message)
    folder = Path(tempfile.mkdtemp(prefix="sigmoid-lab-pg-"))
    if os.geteuid() == 0:
        os.chown(folder, pwd.getpwnam("postgres").pw_uid, pwd.getpwnam("postgres").pw_gid)
    data, port = folder / "data", _free_port()
    run = {"check": True, "capture_output": True, "text": True, "timeout": 120}
    subprocess.run(
        _as_server_user([str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "--no-sync"]), **run
    )
    options = f"-p {port} -k {folder} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
    pg_ctl = [str(binaries / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"), "-w", "-t", "60"]
    try:
        subprocess.run(_as_server_user([*pg_ctl, "-o", options, "start"]), **run)
    except subprocess.CalledProcessError as error:
        log = (folder / "server.log").read_text() if (folder / "server.log").exists() else ""
        pytest.fail(f"The test PostgreSQL server did not start: {error.stderr}\n{log}")
    try:
        yield f"postgresql+psycopg://postgres@/postgres?host={folder}&port={port}"
    finally:
        subprocess.run(_as_server_user([*pg_ctl, "-m", "immediate", "stop"]), capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path):
    """A URL to an empty database: an SQLite file, or a fresh database on the test PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'lab.db'}"
        return
    from sqlalchemy import create_engine, text

    admin_url = request.getfixturevalue("postgres_server")
    name = f"lab_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield admin_url.replace("/postgres?", f"/{name}?")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def db(database_url):
    """The class database, migrated, on both backends."""
    from core.classroom.db import open_database

    database = open_database(database_url)
    yield database
    database.close()


@pytest.fixture
def fake_model():
    """A model-like object whose ``save`` writes a tiny ``.keras`` zip without Keras."""
    return FakeModel()
