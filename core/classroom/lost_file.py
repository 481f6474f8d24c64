"""Noticing at once that the SQLite file was deleted or replaced while the lab runs, and writing it back.

Deleting ``sigmoid-lab.db`` under a running server used to go unnoticed: the open connections
kept writing into the deleted file, and the next start made an empty class. Now every
:meth:`~core.classroom.db.Database.session` first compares the file's inode with the one it
opened (one ``stat``, microseconds). When the file is gone, the class is copied back under its
name with SQLite's backup API from a connection kept open for this (the deleted file lives on
while a connection holds it), after every other connection of this process is closed, so
nothing written is lost. A file replaced by another one is adopted. The teacher is told with a
sentence stored in the ``settings`` table (read by :mod:`core.classroom.db_notice`).

The deleted file's ``-wal`` and ``-shm`` stay behind under their names; a new file must never
read them (SQLite would lay the old file's pages over the new one), so they are renamed away
first, but only if they are the very files this process opened (same inode): a replacing file's
own ``-wal`` is left alone. SQLite itself never checkpoints into, or deletes the log of, a file
that moved under an open connection, so the old connections closing harm nothing.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, delete, insert

from core.classroom.schema import Setting, now

NOTICE_KEY = "database_notice"
RESTORED = (
    "The class database file ({name}) was deleted while the lab was running. The lab noticed at {time} "
    "and wrote it back from what it still had open: nobody and nothing was lost."
)
REPLACED = "The class database file ({name}) was replaced by another file at {time}; the lab now uses the new file."
LOST = (
    "The class database file ({name}) went missing at {time} and could not be written back. The lab made a new "
    "one and gives every saved model back to the owner its file names; restore the people from your last "
    "class download to give the students their codes back."
)
LOST_AT_START = (
    "The class database file ({name}) was missing when the lab started, so the lab made a new one. Every saved "
    "model went back to the owner its file names; restore the people from your last class download to give "
    "the students their codes back."
)
_inside = threading.local()  # how deep this thread is in sessions (a nested one must not wait for itself)


def _inode(path: Path) -> int | None:
    try:
        return os.stat(path).st_ino
    except FileNotFoundError:
        return None


def _logs(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def set_aside(path: Path, why: str, only: dict[Path, int | None] | None = None) -> None:
    """Renames a deleted file's leftover ``-wal`` and ``-shm`` away so a new file never reads them.

    Args:
        path: The database file.
        why: A word for the new names, e.g. ``lost`` (``sigmoid-lab.db-wal.lost-20261123-101500``).
        only: If given, the inode each leftover must still have to be renamed (the ones this process opened).

    """
    for leftover in _logs(path):
        found = _inode(leftover)
        if found is not None and (only is None or only.get(leftover) == found):
            os.replace(leftover, leftover.with_name(f"{leftover.name}.{why}-{time.strftime('%Y%m%d-%H%M%S')}"))


def write_notice(engine: Engine, sentence: str) -> None:
    """Keeps ``sentence`` for the teacher in the ``settings`` table."""
    with engine.begin() as connection:
        connection.execute(delete(Setting.__table__).where(Setting.__table__.c.key == NOTICE_KEY))
        connection.execute(insert(Setting.__table__).values(key=NOTICE_KEY, value=sentence))


def missing_at_start(path: Path, models_folder: Path | None) -> bool:
    """True if the file is missing but the models folder holds class models (their JSON names an owner).

    Sets any leftover ``-wal``/``-shm`` of the missing file aside first: a new file must never
    read another file's write-ahead log.
    """
    if path.exists():
        return False
    set_aside(path, "orphan")
    from core.storage import registry  # the JSON files only (no Keras)

    try:
        listed = registry.list_models(models_folder)
    except OSError:
        return False
    return any(str(m.get("owner") or "").strip() not in ("", "Teacher") for m in listed)


class FileWatch:
    """Watches one SQLite file for a database: call :meth:`using` around every session."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path, self.engine = path, engine
        self._changing = threading.Condition()
        self._users, self._fixing = 0, False
        self._keeper: sqlite3.Connection | None = None
        self._open_keeper()

    def _open_keeper(self) -> None:
        self._keeper = sqlite3.connect(self.path, check_same_thread=False, timeout=10)
        self._keeper.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens the file and its -wal now
        self._seen = _inode(self.path)
        self._logs_seen = {log: _inode(log) for log in _logs(self.path)}  # kept open by the keeper: never renewed

    def close(self) -> None:
        """Closes the kept connection."""
        if self._keeper is not None:
            self._keeper.close()
            self._keeper = None

    @contextmanager
    def using(self) -> Iterator[None]:
        """Checks the file first (writing it back if needed), then lets the session run."""
        depth = getattr(_inside, "depth", 0)
        if depth == 0 and _inode(self.path) != self._seen:
            self._fix()
        with self._changing:
            while self._fixing and depth == 0:
                self._changing.wait()
            self._users += 1
        _inside.depth = depth + 1
        try:
            yield
        finally:
            _inside.depth = depth
            with self._changing:
                self._users -= 1
                self._changing.notify_all()

    def _fix(self) -> None:
        with self._changing:
            while self._fixing:
                self._changing.wait()
            if _inode(self.path) == self._seen:
                return  # another thread fixed it a moment ago
            self._fixing = True
            self._changing.wait_for(lambda: self._users == 0, timeout=10)  # sessions under way finish first
        try:
            self._write_back()
        finally:
            with self._changing:
                self._fixing = False
                self._changing.notify_all()

    def _write_back(self) -> None:
        moment = {"name": self.path.name, "time": now().astimezone().strftime("%H:%M")}
        sentence = REPLACED if self.path.exists() else RESTORED
        copy = self.path.with_name(f".{self.path.name}.restoring-{os.getpid()}")
        if sentence == RESTORED:
            try:
                target = sqlite3.connect(copy)
                assert self._keeper is not None
                with target:
                    self._keeper.backup(target)  # reads the deleted file, which lives on while the keeper holds it
                target.close()
            except (sqlite3.Error, AssertionError):
                copy.unlink(missing_ok=True)
                sentence = LOST
        self.engine.dispose()  # this process's connections to the old file go before a new file is opened
        self.close()
        set_aside(self.path, "lost", self._logs_seen)
        if sentence == RESTORED and not self.path.exists():
            os.replace(copy, self.path)
        copy.unlink(missing_ok=True)  # another process wrote the file back a moment before: theirs is used
        if sentence == LOST:
            from core.classroom import migrate

            migrate.upgrade(self.engine)
        self._open_keeper()
        write_notice(self.engine, sentence.format(**moment))
