"""What the models folder holds: every complete saved model's metadata, and deleting one."""

from __future__ import annotations

import functools
import time
from pathlib import Path
from typing import Any

from core.storage.leftovers import sweep_leftovers
from core.storage.names import SHIPPED_MODELS, ModelFileError, check_name, models_dir, refuse_shipped
from core.storage.saving import finish_interrupted_save, read_metadata, sha256

REPAIR_AFTER_S = 10.0  # a save takes well under a second between its two renames
SWEEP_EVERY_S = 30.0  # listing runs on every page rerun; leftovers are looked for at most this often
_last_sweep: dict[Path, float] = {}


def list_models(folder: Path | None = None) -> list[dict[str, Any]]:
    """Metadata of every complete saved model, shipped ones first, then by name.

    A save cut short between its two renames — an overwrite (the old ``.json`` beside the new
    ``.keras``) or a first save (no ``.json`` yet) — whose ``.keras`` is older than
    ``REPAIR_AFTER_S`` (so not one still in progress) is finished here; a ``.keras``
    without matching metadata, or one deleted while listing, is left out. The first listing of a
    folder, and then one every ``SWEEP_EVERY_S``, also sweeps away half-written save files left by a
    process killed mid-save (:func:`core.storage.leftovers.sweep_leftovers`).

    Args:
        folder: Where to look (default :func:`core.storage.names.models_dir`).

    Returns:
        One metadata dict per model, with ``name``, ``path`` and ``modified`` added.

    """
    folder = folder or models_dir()
    found = []
    if time.monotonic() - _last_sweep.get(folder, -SWEEP_EVERY_S) >= SWEEP_EVERY_S:
        _last_sweep[folder] = time.monotonic()
        sweep_leftovers(folder)
    for keras_path in sorted(folder.glob("*.keras")):
        if keras_path.name.startswith("."):
            continue
        try:
            found.append(_listed(keras_path))
        except (OSError, LookupError):  # deleted or half-saved by another session right now
            continue
    return sorted(found, key=lambda m: (m["name"] not in SHIPPED_MODELS, m["name"]))


def _listed(keras_path: Path) -> dict[str, Any]:
    status = keras_path.stat()
    metadata = read_metadata(keras_path)
    checksum = _checksum(keras_path, status.st_mtime_ns, status.st_size)
    if not metadata or metadata.get("keras_sha256") not in (None, checksum):  # none yet: a first save cut short
        if time.time() - status.st_mtime < REPAIR_AFTER_S:
            raise LookupError(keras_path)  # a save may be between its two renames right now
        metadata = finish_interrupted_save(keras_path, checksum)
    if not metadata:
        raise LookupError(keras_path)
    return metadata | {"name": keras_path.stem, "path": str(keras_path), "modified": status.st_mtime}


@functools.lru_cache(maxsize=256)
def _checksum(path: Path, modified_ns: int, size: int) -> str:
    """SHA-256 of a file, remembered per version: listing runs on every page rerun."""
    del modified_ns, size  # part of the cache key only
    return sha256(path)


def delete(name: str, folder: Path | None = None) -> None:
    """Deletes a saved model's ``.keras`` and ``.json``.

    Args:
        name: The model's name.
        folder: Where models are saved (default :func:`core.storage.names.models_dir`).

    Raises:
        ValueError: For a bad name or one of the lab's default models.
        ModelFileError: If no model has that name.

    """
    name = check_name(name)
    refuse_shipped(name, "it cannot be deleted")
    folder = folder or models_dir()
    target = folder / f"{name}.keras"
    if not target.is_file():
        raise ModelFileError(f"No model named {name!r} to delete.")
    target.unlink()
    folder.joinpath(f"{name}.json").unlink(missing_ok=True)
