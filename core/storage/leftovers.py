"""Half-written save files left in the models folder by a process killed mid-save, swept away.

:func:`core.storage.saving.save` writes ``.NAME.xxxxxxxx.keras`` and ``.NAME.xxxxxxxx.json`` first and
renames them into place. A kill before the first rename leaves both behind (the old pair is still
whole); a kill between the renames leaves the ``.json``, which the listing uses to finish the save.

A leftover is removed only when its last write is :data:`SWEEP_AFTER_S` old. A save in progress
writes its temporary files continuously and renames them within a second of the last write (the
listing already waits :data:`core.storage.listing.REPAIR_AFTER_S`, 10 s, before it repairs), so two
minutes leaves a wide margin for a slow disk or a busy machine while still clearing a folder soon.
A ``.json`` that would finish an interrupted save is used for that instead of being deleted.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from core.storage.saving import finish_interrupted_save, sha256

SWEEP_AFTER_S = 120.0
_LEFTOVER = re.compile(r"^\.(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\.[a-z0-9_]{8}\.(?P<kind>keras|json)$")


def _finishes_a_save(path: Path, name: str) -> bool:
    """True if the temporary ``.json`` names the checksum of the ``.keras`` now in place (and so was moved there)."""
    keras_path = path.parent / f"{name}.keras"
    try:
        wanted = json.loads(path.read_text()).get("keras_sha256")
        if not keras_path.is_file() or wanted != sha256(keras_path):
            return False
    except (OSError, ValueError, AttributeError):
        return False
    return bool(finish_interrupted_save(keras_path, wanted))


def sweep_leftovers(folder: Path, older_than: float = SWEEP_AFTER_S) -> list[str]:
    """Deletes the models folder's temporary save files last written more than ``older_than`` seconds ago.

    Other hidden files (``.gitkeep`` and the like) are never touched: only names of the form
    ``.NAME.xxxxxxxx.keras`` / ``.json`` that :func:`core.storage.saving.save` makes.

    Args:
        folder: The models folder.
        older_than: Seconds since a file's last write before it counts as left over.

    Returns:
        The names of the files removed (or used to finish a save).

    """
    swept = []
    now = time.time()
    for path in sorted(folder.glob(".*")):
        match = _LEFTOVER.match(path.name)
        try:
            if not match or not path.is_file() or now - path.stat().st_mtime < older_than:
                continue
            if match["kind"] == "json" and _finishes_a_save(path, match["name"]):
                swept.append(path.name)
                continue
            path.unlink()
        except OSError:  # swept or renamed by another process a moment ago, or a read-only folder
            continue
        swept.append(path.name)
    return swept
