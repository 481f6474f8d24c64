"""Saving a model as ``NAME.keras`` + ``NAME.json`` atomically, and finishing a save cut short.

Both files are written to hidden temporary names first, then renamed over the old ones. A crash
between the two renames leaves the new ``.keras`` beside the old ``.json``; the new ``.json`` is
still among the temporary files and names the ``.keras`` checksum, so a later listing can finish
the job (:func:`finish_interrupted_save`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from core.storage.names import check_name, models_dir, refuse_shipped

if TYPE_CHECKING:
    import keras


def read_metadata(path: Path) -> dict[str, Any]:
    """The metadata next to a ``.keras`` file (empty if there is none or it is damaged)."""
    try:
        return json.loads(path.with_suffix(".json").read_text())
    except (OSError, ValueError):
        return {}


def sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, as hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write_temporary(path: Path, write: Callable[[Path], object]) -> Path:
    """Writes a hidden, fsynced temporary file beside ``path``; the caller renames it into place."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=path.suffix)
    os.close(handle)
    os.chmod(temporary, 0o644)  # mkstemp makes it private; a saved model is meant to be shared
    try:
        write(Path(temporary))
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def _json_default(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def save(
    model: keras.Model,
    name: str,
    metadata: dict[str, Any],
    folder: Path | None = None,
    overwrite: bool = True,
    protect_shipped: bool = False,
) -> Path:
    """Saves a model and its metadata atomically.

    A save cut short at any point leaves the previous pair or the new one.

    Args:
        model: The Keras model.
        name: File name without extension (checked by :func:`core.storage.names.check_name`).
        metadata: JSON-ready details (task, class_names, ...).
        folder: Where to save (default :func:`core.storage.names.models_dir`).
        overwrite: If False, refuse an existing name.
        protect_shipped: If True, refuse the names of the lab's default models.

    Returns:
        The path of the ``.keras`` file.

    Raises:
        ValueError: For a bad name, an existing one with ``overwrite=False``, or a default
            model's name with ``protect_shipped=True``.

    """
    name = check_name(name)
    folder = folder or models_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.keras"
    if not overwrite and target.exists():
        raise ValueError(f"A model named {name!r} exists already; choose another name.")
    if protect_shipped:
        refuse_shipped(name, "save under another name")
    new_keras = _write_temporary(target, lambda path: model.save(path))
    try:
        stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        record = dict(metadata, name=name, keras_sha256=sha256(new_keras), saved=stamp)
        text = json.dumps(record, indent=2, default=_json_default)
        new_json = _write_temporary(folder / f"{name}.json", lambda path: path.write_text(text))
    except BaseException:
        new_keras.unlink(missing_ok=True)
        raise
    os.replace(new_keras, target)
    try:
        os.replace(new_json, folder / f"{name}.json")
    except FileNotFoundError:  # a listing in another session finished this save for us
        if read_metadata(target).get("keras_sha256") != record["keras_sha256"]:
            raise
    return target


def finish_interrupted_save(keras_path: Path, checksum: str) -> dict[str, Any]:
    """Renames the completed temporary ``.json`` that matches a ``.keras`` into place, if any.

    Args:
        keras_path: A ``.keras`` file whose ``.json`` names another checksum.
        checksum: The ``.keras`` file's SHA-256.

    Returns:
        The metadata now in place, or an empty dict if no temporary file matches.

    """
    for candidate in keras_path.parent.glob(f".{keras_path.stem}.*.json"):
        try:
            metadata = json.loads(candidate.read_text())
        except (OSError, ValueError):
            continue
        if metadata.get("keras_sha256") == checksum:
            os.replace(candidate, keras_path.with_suffix(".json"))
            return metadata
    return {}
