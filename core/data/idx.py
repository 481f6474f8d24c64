"""Reading MNIST files: IDX files (optionally gzipped, as Yann LeCun published them) and ``.npz`` copies."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np


def _read_idx(path: Path) -> np.ndarray:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as handle:
        raw = handle.read()
    if len(raw) < 8:
        raise ValueError(f"{path.name} is too short to be an IDX file.")
    magic = int.from_bytes(raw[0:4], "big")
    dims = magic & 0xFF
    if magic >> 8 != 0x08 or dims not in (1, 3):
        raise ValueError(f"{path.name} is not an MNIST IDX file (magic number {magic}).")
    shape = tuple(int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(dims))
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims)
    if data.size != int(np.prod(shape)):
        raise ValueError(f"{path.name} is truncated: expected {shape}, found {data.size} bytes.")
    return data.reshape(shape)


def _find_idx(folder: Path, prefix: str, kind: str) -> Path | None:
    for pattern in (f"{prefix}-{kind}*", f"{prefix}*{kind}*"):
        found = sorted(folder.glob(pattern))
        if found:
            return found[0]
    return None


def load_idx_folder(folder: str | Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Reads MNIST IDX files (optionally gzipped) from a folder.

    Args:
        folder: Folder holding ``t10k-images-idx3-ubyte[.gz]`` and friends; a train pair
            (``train-*``) is optional.

    Returns:
        ``(x_train, y_train, x_test, y_test)``; the train arrays are empty when absent.

    Raises:
        ValueError: If the folder holds no complete images/labels pair.

    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"{folder} is not a folder.")
    arrays = []
    for prefix in ("train", "t10k"):
        images = _find_idx(folder, prefix, "images-idx3")
        labels = _find_idx(folder, prefix, "labels-idx1")
        if images and labels:
            x, y = _read_idx(images), _read_idx(labels)
            if len(x) != len(y):
                raise ValueError(f"{images.name} and {labels.name} hold different counts.")
            arrays += [x, y]
        else:
            arrays += [np.zeros((0, 28, 28), np.uint8), np.zeros((0,), np.uint8)]
    if not len(arrays[0]) and not len(arrays[2]):
        raise ValueError(
            f"{folder} holds no MNIST IDX files (expected *-images-idx3-ubyte[.gz] with a matching *-labels-idx1-ubyte[.gz])."
        )
    return arrays[0], arrays[1], arrays[2], arrays[3]


def load_npz(path: str | Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Reads an ``mnist.npz`` with keys ``x_train, y_train, x_test, y_test``.

    Raises:
        ValueError: If the file is unreadable or misses a key.

    """
    try:
        with np.load(path, allow_pickle=False) as data:
            return tuple(np.asarray(data[k], np.uint8) for k in ("x_train", "y_train", "x_test", "y_test"))  # type: ignore[return-value]
    except KeyError as error:
        raise ValueError(f"{Path(path).name} has no array {error}; expected x_train, y_train, x_test, y_test.") from None
    except (OSError, ValueError) as error:
        raise ValueError(f"Could not read {Path(path).name} as an .npz file: {error}") from None


def load_labelled_images(path: str | Path) -> tuple[np.ndarray, np.ndarray]:
    """Reads evaluation images: an ``.npz`` with ``x`` and ``y`` or an IDX folder's test split.

    Args:
        path: An ``.npz`` holding ``x`` (N×28×28 uint8) and ``y`` (digit labels), an
            ``mnist.npz`` (its test split is used) or an IDX folder.

    Returns:
        ``(x, y)`` as uint8 arrays.

    Raises:
        ValueError: If the path holds neither.

    """
    path = Path(path)
    if path.is_dir():
        _, _, x, y = load_idx_folder(path)
        if not len(x):
            raise ValueError(f"{path} holds no t10k test files.")
        return x, y
    if not path.is_file():
        raise ValueError(f"{path} does not exist.")
    try:
        with np.load(path, allow_pickle=False) as data:
            if "x" in data and "y" in data:
                return np.asarray(data["x"], np.uint8), np.asarray(data["y"], np.uint8)
    except (OSError, ValueError) as error:
        raise ValueError(f"Could not read {path.name} as an .npz file: {error}") from None
    _, _, x, y = load_npz(path)
    return x, y
