"""Saved models: ``models/NAME.keras`` plus ``models/NAME.json``, written atomically, loaded safely.

The JSON holds everything a page needs without loading Keras: task, class names, which class
the sigmoid measures, the configs, the data source, the history and the test metrics.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import re
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from core.prediction.classifier import Classifier

MODELS_ENV = "SIGMOID_LAB_MODELS"
DEFAULT_MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
SHIPPED_MODELS = ("mnist-7-vs-8", "mnist-3-vs-rest", "shapes-circle-vs-square", "mnist-digits")
MAX_NAME_LENGTH = 64
REPAIR_AFTER_S = 10.0  # a save takes well under a second between its two renames
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class ModelFileError(ValueError):
    """A model file is missing, damaged, unsafe or does not fit its metadata."""


def models_dir() -> Path:
    """The folder models are saved in (``SIGMOID_LAB_MODELS`` overrides ``models/``)."""
    return Path(os.environ.get(MODELS_ENV) or DEFAULT_MODELS_DIR)


def check_name(name: str) -> str:
    """Returns the name if it is safe as a file name, else raises.

    Raises:
        ValueError: For empty, over-long, path-like or oddly charactered names.

    """
    name = (name or "").strip()
    if not name:
        raise ValueError("Give the model a name, e.g. my-7-vs-8.")
    if len(name) > MAX_NAME_LENGTH:
        raise ValueError(f"That name is {len(name)} characters long; use at most {MAX_NAME_LENGTH}.")
    if not _NAME.match(name) or ".." in name or name.lower().endswith((".keras", ".json")):
        raise ValueError(
            "Use only letters, digits, dots, dashes and underscores in a model name, starting "
            "with a letter or digit (no slashes, no '..', no file extension)."
        )
    return name


def _write_temporary(path: Path, write: Any) -> Path:
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


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def save(
    model: Any,
    name: str,
    metadata: dict[str, Any],
    folder: Path | None = None,
    overwrite: bool = True,
    protect_shipped: bool = False,
) -> Path:
    """Saves a model and its metadata atomically.

    Both files are written to temporary names first, then renamed over the old ones; a save
    cut short at any point leaves the previous pair or the new one (see :func:`list_models`).

    Args:
        model: The Keras model.
        name: File name without extension (checked by :func:`check_name`).
        metadata: JSON-ready details (task, class_names, ...).
        folder: Where to save (default :func:`models_dir`).
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
    if protect_shipped and name in SHIPPED_MODELS:
        raise ValueError(f"{name!r} is one of the lab's default models; save under another name.")
    # Both files are written completely before either is renamed into place. A crash between
    # the two renames leaves the new .keras beside the old .json; list_models then finds the
    # new .json among the temporary files (it names the .keras checksum) and finishes the job.
    new_keras = _write_temporary(target, lambda path: model.save(path))
    try:
        stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        record = dict(metadata, name=name, keras_sha256=_sha256(new_keras), saved=stamp)
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


def _finish_interrupted_save(keras_path: Path, checksum: str) -> dict[str, Any]:
    """Renames a completed temporary ``.json`` that matches the ``.keras`` into place, if any."""
    for candidate in keras_path.parent.glob(f".{keras_path.stem}.*.json"):
        try:
            metadata = json.loads(candidate.read_text())
        except (OSError, ValueError):
            continue
        if metadata.get("keras_sha256") == checksum:
            os.replace(candidate, keras_path.with_suffix(".json"))
            return metadata
    return {}


def _json_default(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def read_metadata(path: Path) -> dict[str, Any]:
    """The metadata next to a ``.keras`` file (empty if there is none or it is damaged)."""
    try:
        return json.loads(path.with_suffix(".json").read_text())
    except (OSError, ValueError):
        return {}


def list_models(folder: Path | None = None) -> list[dict[str, Any]]:
    """Metadata of every complete saved model, shipped ones first, then by name.

    A save cut short between its two renames (its ``.keras`` older than
    ``REPAIR_AFTER_S``, so not one still in progress) is finished here; a ``.keras``
    without matching metadata, or one deleted while listing, is left out.

    Args:
        folder: Where to look (default :func:`models_dir`).

    Returns:
        One metadata dict per model, with ``name``, ``path`` and ``modified`` added.

    """
    folder = folder or models_dir()
    found = []
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
    if metadata.get("keras_sha256") not in (None, checksum):
        if time.time() - status.st_mtime < REPAIR_AFTER_S:
            raise LookupError(keras_path)  # a save may be between its two renames right now
        metadata = _finish_interrupted_save(keras_path, checksum)
    if not metadata:
        raise LookupError(keras_path)
    return metadata | {"name": keras_path.stem, "path": str(keras_path), "modified": status.st_mtime}


@functools.lru_cache(maxsize=256)
def _checksum(path: Path, modified_ns: int, size: int) -> str:
    """SHA-256 of a file, remembered per version: listing runs on every page rerun."""
    del modified_ns, size  # part of the cache key only
    return _sha256(path)


def resolve(name_or_path: str | Path, folder: Path | None = None) -> Path:
    """The ``.keras`` path for a saved model's name or a file path.

    Raises:
        ModelFileError: If no such model exists.

    """
    candidate = Path(name_or_path)
    if candidate.suffix == ".keras" and candidate.is_file():
        return candidate
    if check_name_quietly(str(name_or_path)):
        path = (folder or models_dir()) / f"{name_or_path}.keras"
        if path.is_file():
            return path
    raise ModelFileError(f"No model named {str(name_or_path)!r}; see `python -m core models` for the saved ones.")


def check_name_quietly(name: str) -> bool:
    """True if ``name`` passes :func:`check_name`."""
    try:
        check_name(name)
    except ValueError:
        return False
    return True


def load_keras_model(path: Path) -> Any:
    """Loads a ``.keras`` file with safe mode on: code inside the file never runs.

    Raises:
        ModelFileError: Naming the file, for a corrupt, unsafe or unreadable file.

    """
    import keras

    if not zipfile.is_zipfile(path):
        raise ModelFileError(f"{path.name} is not a Keras model file (a .keras file is a zip archive; this one is not).")
    try:
        return keras.models.load_model(path, safe_mode=True, compile=False)
    except Exception as error:  # Keras raises many kinds; all mean "not a usable model"
        text = str(error).replace(str(path.parent), "")  # server folders mean nothing to a student
        if "safe_mode" in text or "Lambda" in text:
            raise ModelFileError(
                f"{path.name} contains custom code (a Lambda layer); the lab refuses to run code from a model file."
            ) from None
        raise ModelFileError(
            f"{path.name} is not a usable Keras model: {text.splitlines()[0][:200] if text else type(error).__name__}"
        ) from None


def load(name_or_path: str | Path, folder: Path | None = None) -> Classifier:
    """Loads a saved model by name, or any ``.keras`` file by path.

    Raises:
        ModelFileError: If the model is missing, corrupt, unsafe or does not match its metadata.

    """
    path = resolve(name_or_path, folder)
    model = load_keras_model(path)
    metadata = read_metadata(path)
    outputs = int(model.output_shape[-1])
    class_names = tuple(
        metadata.get("class_names") or (("class 0", "class 1") if outputs == 1 else [str(i) for i in range(outputs)])
    )
    if len(class_names) != (2 if outputs == 1 else outputs):
        raise ModelFileError(f"{path.name} has {outputs} outputs but its metadata names {len(class_names)} classes.")
    if len(model.input_shape) != 4:
        raise ModelFileError(f"{path.name} does not take images (its input shape is {model.input_shape}).")
    return Classifier(model, metadata, class_names)


def delete(name: str, folder: Path | None = None) -> None:
    """Deletes a saved model's ``.keras`` and ``.json``.

    Args:
        name: The model's name.
        folder: Where models are saved (default :func:`models_dir`).

    Raises:
        ValueError: For a bad name or one of the lab's default models.
        ModelFileError: If no model has that name.

    """
    name = check_name(name)
    if name in SHIPPED_MODELS:
        raise ValueError(f"{name!r} is one of the lab's default models and cannot be deleted.")
    folder = folder or models_dir()
    target = folder / f"{name}.keras"
    if not target.is_file():
        raise ModelFileError(f"No model named {name!r} to delete.")
    target.unlink()
    folder.joinpath(f"{name}.json").unlink(missing_ok=True)
