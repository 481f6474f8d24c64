"""A ``.keras`` file checked as a zip archive before Keras opens it: its directory, its sizes, its config.

A ``.keras`` file is a zip holding ``config.json`` (the network in words), ``metadata.json`` and
``model.weights.h5``. Everything here is decided from the zip's directory, which lists every
member and its unpacked size, so a file that would unpack to gigabytes (a "zip bomb") is refused
before a single byte is inflated. Only ``config.json`` is then read, at most :data:`MAX_CONFIG_BYTES`.
"""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path
from typing import Any

from core.modeling.size import describe_bytes
from core.storage.names import ModelFileError

MAX_MEMBERS = 8  # Keras writes three
MAX_CONFIG_BYTES = 1 << 20  # 1 MiB; the lab's own networks need about 7 KB
MAX_METADATA_BYTES = 64 << 10
MAX_WEIGHTS_BYTES = 100 << 20  # 25 million float32 numbers, five times the lab's largest network
MAX_TOTAL_BYTES = MAX_CONFIG_BYTES + MAX_METADATA_BYTES + MAX_WEIGHTS_BYTES
MEMBER_LIMITS = {
    "config.json": MAX_CONFIG_BYTES,
    "metadata.json": MAX_METADATA_BYTES,
    "model.weights.h5": MAX_WEIGHTS_BYTES,
    "model.weights.npz": MAX_WEIGHTS_BYTES,
}
_END_OF_DIRECTORY = b"PK\x05\x06"
_END_RECORD = struct.Struct("<4s4H2LH")  # signature, disk numbers, entries here and in all, size, offset, comment


def _count_entries(path: Path) -> int:
    """The entry count from the zip's end record, read before Python builds the whole directory."""
    with path.open("rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - _END_RECORD.size - 0xFFFF))
        tail = handle.read()
    where = tail.rfind(_END_OF_DIRECTORY)
    if where < 0 or len(tail) - where < _END_RECORD.size:
        raise ModelFileError(f"{path.name} is not a Keras model file (a .keras file is a zip archive; this one is not).")
    fields = _END_RECORD.unpack_from(tail, where)
    return max(fields[3], fields[4])  # 0xFFFF means "see the zip64 record": too many either way


def check_directory(path: Path) -> None:
    """Refuses a ``.keras`` zip whose directory lists odd members or too many unpacked bytes.

    Args:
        path: The ``.keras`` file (its ``name`` is the one the student chose).

    Raises:
        ModelFileError: With a sentence naming what is wrong and the limit.

    """
    if not zipfile.is_zipfile(path):
        raise ModelFileError(f"{path.name} is not a Keras model file (a .keras file is a zip archive; this one is not).")
    entries = _count_entries(path)
    if entries > MAX_MEMBERS:
        raise ModelFileError(
            f"{path.name} holds {entries:,} files inside; a Keras model holds three, so this is not a model the lab can use."
        )
    try:
        with zipfile.ZipFile(path) as archive:
            members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ModelFileError(f"{path.name} is a damaged zip archive, so it cannot be a usable Keras model.") from None
    names = [info.filename for info in members]
    if "config.json" not in names:
        raise ModelFileError(
            f"{path.name} is a zip archive but not a Keras model: the description of the network is missing "
            "inside it (no config.json)."
        )
    odd = [name for name in names if name not in MEMBER_LIMITS]
    if odd:
        raise ModelFileError(
            f"{path.name} holds files a Keras image model never holds ({', '.join(odd[:3])}); the lab only takes "
            "the three files Keras writes (config.json, metadata.json, model.weights.h5)."
        )
    for info in members:
        if info.file_size > MEMBER_LIMITS[info.filename]:
            raise ModelFileError(
                f"{path.name} would unpack its {info.filename} to {describe_bytes(info.file_size)}; the lab accepts at "
                f"most {describe_bytes(MEMBER_LIMITS[info.filename])} for it, so the file was not opened."
            )
    total = sum(info.file_size for info in members)
    if total > MAX_TOTAL_BYTES:
        raise ModelFileError(
            f"{path.name} would unpack to {describe_bytes(total)}; the lab accepts models up to "
            f"{describe_bytes(MAX_TOTAL_BYTES)} unpacked, so the file was not opened."
        )


def read_config(path: Path) -> dict[str, Any]:
    """The network description inside a ``.keras`` file, after :func:`check_directory`.

    Raises:
        ModelFileError: If the directory is refused, or ``config.json`` is not a JSON object.

    """
    check_directory(path)
    try:
        with zipfile.ZipFile(path) as archive, archive.open("config.json") as handle:
            text = handle.read(MAX_CONFIG_BYTES + 1)  # the directory said it fits; never trust it twice
        if len(text) > MAX_CONFIG_BYTES:
            raise ValueError(text[:0])
        config = json.loads(text)
    except (zipfile.BadZipFile, OSError, ValueError, RecursionError):
        config = None
    if not isinstance(config, dict):
        raise ModelFileError(f"{path.name} is damaged: the description of its network (config.json) cannot be read.")
    return config
