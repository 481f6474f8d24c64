import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from core.classroom import class_settings, migrate
from core.classroom.db import DATABASE_ENV, SQLITE_NAME, database_url, make_engine, open_database
from core.classroom.schema import Base

ROOT = Path(__file__).resolve().parents[2]
TABLES = {"people", "models", "runs", "sweeps", "settings", "challenges", "challenge_submissions", "class_digits",
          "sign_in_failures"}  # fmt: skip


def test_migrations_create_every_table_on_an_empty_database_and_are_idempotent(database_url):
    engine = make_engine(database_url)
    assert migrate.current(engine) is None
    migrate.upgrade(engine)
    assert migrate.current(engine) == migrate.head()
    assert set(inspect(engine).get_table_names()) >= TABLES
    assert set(Base.metadata.tables) == TABLES
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO settings (key, value) VALUES ('queue_paused', 'true')"))
    migrate.upgrade(engine)  # again: nothing to do, nothing lost
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM settings")).scalar() == 1
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    engine.dispose()


def test_the_migrated_tables_match_the_models_exactly(database_url):
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert differences == []


def test_two_processes_migrating_one_empty_database_at_once_both_succeed(database_url):
    code = "import sys; from core.classroom.db import open_database; open_database(sys.argv[1]).close(); print('ok')"
    starts = [
        subprocess.Popen(
            [sys.executable, "-c", code, database_url], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    results = [process.communicate(timeout=120) for process in starts]
    assert [process.returncode for process in starts] == [0, 0], results
    engine = make_engine(database_url)
    assert migrate.current(engine) == migrate.head()
    engine.dispose()


def test_a_setting_written_in_one_connection_is_read_in_another(db, database_url):
    other = open_database(database_url)
    assert class_settings.queue_paused(other) is False
    class_settings.set_queue_paused(db, True)
    assert class_settings.queue_paused(other) is True
    class_settings.set_queue_paused(db, False)
    assert class_settings.queue_paused(other) is False
    other.close()


def test_sqlite_is_the_default_beside_the_models_folder_in_wal_mode(tmp_path, monkeypatch):
    monkeypatch.delenv(DATABASE_ENV, raising=False)
    folder = tmp_path / "models"
    folder.mkdir()
    assert database_url(folder) == f"sqlite:///{tmp_path / SQLITE_NAME}"
    database = open_database(models_folder=folder)
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    database.close()
    assert (tmp_path / SQLITE_NAME).is_file()


def test_the_environment_variable_points_at_another_database(tmp_path, monkeypatch):
    monkeypatch.setenv(DATABASE_ENV, "postgresql://teacher@dbhost/lab")
    assert database_url(tmp_path) == "postgresql://teacher@dbhost/lab"
    assert make_engine(database_url(tmp_path)).url.drivername == "postgresql+psycopg"


def test_an_unusable_address_gets_a_sentence(tmp_path):
    with pytest.raises(ValueError, match="not a database URL"):
        make_engine("no database here")
    with pytest.raises(ValueError, match="does not exist"):
        make_engine(f"sqlite:///{tmp_path / 'missing' / 'lab.db'}")


def test_the_package_imports_neither_streamlit_nor_tensorflow():
    import pkgutil

    import core.classroom

    names = [f"core.classroom.{m.name}" for m in pkgutil.iter_modules(core.classroom.__path__)]
    assert len(names) >= 12
    code = "import importlib, sys\n" + "".join(f"importlib.import_module({n!r})\n" for n in names)
    code += "from core.classroom import quotas, limits\nquotas.clamp_settings({'dense': '1000000'}, limits.CLASS_DEFAULTS)\n"
    code += "print(sorted({m.split('.')[0] for m in sys.modules} & {'streamlit', 'tensorflow', 'keras'}))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_migration_0003_gives_existing_people_look_alike_proof_keys_and_keeps_both_of_two_look_alikes(database_url):
    from alembic import command

    engine = make_engine(database_url)
    with engine.begin() as connection:
        command.upgrade(migrate.config(connection), "0002")
        for name in ("Ada", "\u0410da", "Ben"):  # the second with a Cyrillic А: allowed before 0003
            connection.execute(
                text("INSERT INTO people (name, name_key, role, joined) VALUES (:n, :k, 'student', CURRENT_TIMESTAMP)"),
                {"n": name, "k": name.casefold()},
            )
    migrate.upgrade(engine)
    with engine.connect() as connection:
        keys = dict(connection.execute(text("SELECT name, name_key FROM people")).tuples().all())
    engine.dispose()
    assert keys["Ada"] == "ada" and keys["Ben"] == "ben" and keys["\u0410da"].startswith("ada#")
