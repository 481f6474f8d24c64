"""The class survives its database file going missing: noticed at once, written back, or rebuilt and restored."""

import io
import sqlite3
import threading
import zipfile

import pytest
from sqlalchemy import delete, select

from core.classroom import db_notice, export, identity, lost_file, ownership, restore
from core.classroom.db import open_database
from core.classroom.identity import NO_MATCH, IdentityError
from core.classroom.limits import CLASS_DEFAULTS
from core.classroom.permissions import PermissionRefused
from core.classroom.schema import Base, Person
from tests.classroom.replica import FakeModel


@pytest.fixture
def lesson(tmp_path):
    """A class on an SQLite file: Ada with a saved model, Ben without, and the teacher."""
    folder, path = tmp_path / "models", tmp_path / "sigmoid-lab.db"
    folder.mkdir()
    db = open_database(f"sqlite:///{path}", folder)
    ada, ada_code = identity.join(db, "Ada")
    _, ben_code = identity.join(db, "Ben")
    teacher = identity.unlock_teacher(db, "pass", "pass")
    ownership.save_model(db, ada, FakeModel("ada"), "ada-net", {"task": "7-vs-8"}, CLASS_DEFAULTS, folder)
    ownership.set_published(db, teacher, "ada-net", True, folder)
    yield db, path, folder, {"Ada": ada_code, "Ben": ben_code}, teacher
    db.close()


def _owners(db, teacher, folder):
    return {m["name"]: (m["owner"], m["visibility"]) for m in ownership.visible_models(db, teacher, folder)}


@pytest.mark.parametrize("with_log", [False, True], ids=["file only", "file, -wal and -shm"])
def test_deleting_the_file_while_running_is_noticed_at_once_and_nothing_is_lost(lesson, with_log):
    db, path, folder, codes, teacher = lesson
    suffixes = ("", "-wal", "-shm") if with_log else ("",)
    for suffix in suffixes:
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    cleo, cleo_code = identity.join(db, "Cleo")  # the first access notices, writes the file back, then joins
    assert path.is_file()
    sentence = db_notice.notice(db)
    assert sentence.startswith("The class database file (sigmoid-lab.db) was deleted while the lab was running.")
    assert sentence.endswith("wrote it back from what it still had open: nobody and nothing was lost.")
    assert _owners(db, teacher, folder) == {"ada-net": ("Ada", "class")}
    db.close()

    again = open_database(f"sqlite:///{path}", folder)  # the next start finds the whole class
    try:
        for name, code in (codes | {"Cleo": cleo_code}).items():
            assert identity.come_back(again, name, code).name == name
        assert _owners(again, teacher, folder) == {"ada-net": ("Ada", "class")}
        assert db_notice.notice(again) == sentence  # until the teacher puts it away
        with pytest.raises(PermissionRefused):
            db_notice.dismiss(again, identity.come_back(again, "Cleo", cleo_code))
        db_notice.dismiss(again, teacher)
        assert db_notice.notice(again) is None
    finally:
        again.close()
    assert cleo.name == "Cleo"


def test_a_file_replaced_while_running_is_adopted(lesson, tmp_path):
    db, path, folder, _, _ = lesson
    other = open_database(f"sqlite:///{tmp_path / 'other.db'}", folder)
    identity.join(other, "Zed")
    other.close()
    (tmp_path / "other.db").replace(path)
    assert db_notice.notice(db).startswith("The class database file (sigmoid-lab.db) was replaced by another file")
    assert identity.join(db, "Yan")[0].name == "Yan"
    with pytest.raises(IdentityError, match="already called Zed"):
        identity.join(db, "Zed")


def test_a_file_lost_before_a_restart_is_rebuilt_from_the_models_and_restored_from_the_download(lesson):
    db, path, folder, codes, teacher = lesson
    download = export.class_archive(db, folder, who=teacher)
    db.close()
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)

    fresh = open_database(f"sqlite:///{path}", folder)
    try:
        assert db_notice.notice(fresh) == lost_file.LOST_AT_START.format(name="sigmoid-lab.db")
        assert _owners(fresh, teacher, folder) == {"ada-net": ("Ada", "private")}  # Ada's, as its JSON says
        with pytest.raises(IdentityError) as refused:
            identity.come_back(fresh, "Ada", codes["Ada"])
        assert str(refused.value) == NO_MATCH
        done = restore.restore_class(fresh, identity.unlock_teacher(fresh, "pass", "pass"), download, folder)
        assert (done.people, done.codes, done.models, done.new_codes) == (1, 2, 1, {})  # Ben added; both codes back
        for name, code in codes.items():
            assert identity.come_back(fresh, name, code).name == name
    finally:
        fresh.close()


def _wipe(db):
    """What a lost database looks like: every table empty."""
    with db.session() as session:
        for table in reversed(Base.metadata.sorted_tables):
            session.execute(delete(table))


def test_restore_from_the_download_on_both_databases(db, tmp_path):
    folder = tmp_path / "models"
    ada, ada_code = identity.join(db, "Ada")
    teacher = identity.unlock_teacher(db, "pass", "pass")
    ownership.save_model(db, ada, FakeModel("ada"), "ada-net", {"task": "7-vs-8"}, CLASS_DEFAULTS, folder)
    identity.join(db, "Ben")
    download = export.class_archive(db, folder, who=teacher)
    with pytest.raises(PermissionRefused, match="Only the teacher can restore"):
        restore.restore_class(db, ada, download, folder)
    _wipe(db)
    assert _owners(db, teacher, folder) == {"ada-net": ("Ada", "private")}  # rebuilt from the model's JSON
    done = restore.restore_class(db, teacher, download, folder)
    assert (done.people, done.codes, done.models, done.new_codes) == (1, 2, 1, {})  # Ben added; both codes back
    assert identity.come_back(db, "Ada", ada_code).name == "Ada"
    assert restore.restore_class(db, teacher, download, folder).people == 0  # twice: nothing doubled

    older = io.BytesIO()  # a download from before restore/people.json: no codes to give back
    with zipfile.ZipFile(io.BytesIO(download)) as source, zipfile.ZipFile(older, "w") as target:
        for item in source.namelist():
            if item != export.PEOPLE_JSON:
                target.writestr(item, source.read(item))
    _wipe(db)
    done = restore.restore_class(db, teacher, older.getvalue(), folder)
    assert sorted(done.new_codes) == ["Ada", "Ben"]
    assert identity.come_back(db, "Ben", done.new_codes["Ben"]).name == "Ben"
    with pytest.raises(restore.RestoreError, match="not a zip"):
        restore.restore_class(db, teacher, b"hello", folder)


def test_sessions_in_other_threads_while_the_file_is_written_back_lose_nothing(lesson):
    db, path, folder, _, _ = lesson
    joined, errors = [], []

    def student(number: int) -> None:
        try:
            for round_ in range(5):
                joined.append(identity.join(db, f"Pupil {number}-{round_}")[0].name)
        except Exception as error:  # the test reports any failure below
            errors.append(error)

    threads = [threading.Thread(target=student, args=(n,)) for n in range(4)]
    for thread in threads[:2]:
        thread.start()
    path.unlink()
    for thread in threads[2:]:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == [] and len(joined) == 20
    db.close()
    again = open_database(f"sqlite:///{path}", folder)
    try:
        with again.session() as session:
            names = set(session.scalars(select(Person.name)))
        assert set(joined) | {"Ada", "Ben", "Teacher"} == names
    finally:
        again.close()
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
