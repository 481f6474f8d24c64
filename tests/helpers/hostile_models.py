"""Hostile ``.keras`` files, crafted in the test run (never committed): bombs, code-carrying layers, lies.

Each is built from a real model's archive with its ``config.json`` rewritten, or written byte by
byte where :mod:`zipfile` would refuse to write the lie.
"""

import copy
import io
import json
import struct
import zipfile
import zlib
from pathlib import Path


def members(keras_bytes: bytes) -> dict[str, bytes]:
    """The files inside a ``.keras`` archive."""
    with zipfile.ZipFile(io.BytesIO(keras_bytes)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def config_of(keras_bytes: bytes) -> dict:
    """A copy of a ``.keras`` file's ``config.json``."""
    return copy.deepcopy(json.loads(members(keras_bytes)["config.json"]))


def repack(keras_bytes: bytes, config: dict | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    """The archive with its ``config.json`` replaced and ``extra`` members added."""
    files = members(keras_bytes)
    if config is not None:
        files["config.json"] = json.dumps(config).encode()
    files.update(extra or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def layer(config: dict, kind: str) -> dict:
    """The first layer of a Sequential config with that ``class_name``."""
    return next(entry for entry in config["config"]["layers"] if entry["class_name"] == kind)


def insert_layer(config: dict, entry: dict, at: int = 1) -> dict:
    """The config with one more layer (by default right after the input)."""
    config["config"]["layers"].insert(at, entry)
    return config


def keras_layer(kind: str, settings: dict, module: str = "keras.layers", registered: str | None = None) -> dict:
    """A layer entry as Keras writes it into ``config.json``."""
    return {"module": module, "class_name": kind, "config": {"name": kind.lower(), **settings}, "registered_name": registered}


def _raw_member(name: bytes, compressed: bytes, size: int, crc: int, method: int) -> tuple[bytes, bytes]:
    """One zip member's local header + data, and its central directory entry (offset 0)."""
    fields = (20, 0, method, 0, 0, crc, len(compressed), size, len(name), 0)
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields) + name + compressed
    central = struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, 0) + name
    return local, central


def zip_bomb(keras_bytes: bytes, gigabytes: int = 2) -> bytes:
    """A ``.keras`` archive whose ``config.json`` inflates to ``gigabytes`` GiB of spaces (about 2 MB on disk).

    The deflate stream is one 16 MiB block of spaces, flushed so it can be repeated; the
    other members are the real model's. Written by hand, since :mod:`zipfile` would deflate 2 GiB.
    """
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(b" " * (1 << 24)) + packer.flush(zlib.Z_FULL_FLUSH)
    stream = block * (gigabytes * 64) + packer.flush()
    others = {k: v for k, v in members(keras_bytes).items() if k != "config.json"}
    local, central = _raw_member(b"config.json", stream, gigabytes << 30, 0, 8)
    body, directory = [local], [central]
    offset = len(local)
    for name, data in others.items():
        entry_local, entry_central = _raw_member(name.encode(), data, len(data), zlib.crc32(data), 0)
        directory.append(entry_central[:42] + struct.pack("<L", offset) + entry_central[46:])
        body.append(entry_local)
        offset += len(entry_local)
    central_bytes = b"".join(directory)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(directory), len(directory), len(central_bytes), offset, 0)
    return b"".join(body) + central_bytes + end


def folder_state(folder: Path) -> dict[str, bytes]:
    """Every file in a folder (hidden ones too) with its bytes: equal before and after means nothing was saved or damaged."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}
