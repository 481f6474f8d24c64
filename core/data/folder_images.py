"""Your own two classes read from disk: the two class folders found, their images as uint8 arrays."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from core.data.folders import IMAGE_SUFFIXES, is_readable_image

MIN_PER_CLASS = 5  # some pictures of each class are kept aside to check the model on

if TYPE_CHECKING:
    import tensorflow as tf


@dataclass(frozen=True)
class FolderImages:
    """Two classes of images read from disk.

    Attributes:
        x_train, y_train, x_val, y_val: uint8 images H×W×C and 0/1 labels.
        class_names: The two subfolder names; label 1 is the second (alphabetical) one.
        skipped: How many files were not images (or not readable) and were left out.

    """

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    class_names: tuple[str, str]
    skipped: int


def find_class_folders(folder: str | Path) -> tuple[Path, list[str]]:
    """Finds the two class folders (looking inside one wrapper folder if there is one).

    Args:
        folder: The unpacked upload or a folder given on the command line.

    Returns:
        ``(root, class names)``: the folder holding the classes and their two names, sorted.

    Raises:
        ValueError: If there are not exactly two class folders holding images.

    """
    root = Path(folder)
    if not root.is_dir():
        raise ValueError(f"The pictures are not there any more ({root.name!r} is not a folder); upload the zip again.")

    def visible_folders(parent: Path) -> list[Path]:
        return sorted(p for p in parent.iterdir() if p.is_dir() and not p.name.startswith((".", "__")))

    subfolders = visible_folders(root)
    if len(subfolders) == 1 and visible_folders(subfolders[0]):  # a wrapper folder around the classes
        root, subfolders = subfolders[0], visible_folders(subfolders[0])
    with_images = [p for p in subfolders if any(f.suffix.lower() in IMAGE_SUFFIXES for f in p.rglob("*"))]
    if len(with_images) != 2:
        names = ", ".join(p.name for p in with_images) or "none"
        raise ValueError(
            f"Expected exactly two class folders with images, found {len(with_images)} ({names}). "
            "Put each class's images in its own subfolder, e.g. hotdog/ and not_hotdog/."
        )
    return root, [p.name for p in with_images]


def _check_images(root: Path, class_folders: list[str]) -> int:
    """Counts files Keras would skip, refuses images it would crash on and classes with too few pictures."""
    skipped = 0
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            skipped += 1
        elif not is_readable_image(path.read_bytes()):
            raise ValueError(f"{path.name} looks like a picture but cannot be read; remove it and try again.")
    counts = {name: sum(f.suffix.lower() in IMAGE_SUFFIXES for f in (root / name).rglob("*")) for name in class_folders}
    if min(counts.values()) < MIN_PER_CLASS:
        found = " and ".join(f"{n:,} {'picture' if n == 1 else 'pictures'} in {name!r}" for name, n in counts.items())
        raise ValueError(
            f"Found {found}; each class needs at least {MIN_PER_CLASS} pictures (a few of each are kept aside to "
            "check the model on), and a few dozen work much better."
        )
    return skipped


def _read(
    root: Path, class_folders: list[str], image_size: tuple[int, int], channels: int, validation_split: float, seed: int
) -> tuple[tf.data.Dataset, tf.data.Dataset]:
    """The training and validation pictures as Keras reads them."""
    import keras

    return keras.utils.image_dataset_from_directory(
        root,
        labels="inferred",
        label_mode="binary",
        class_names=class_folders,  # other, empty or hidden folders are not classes
        color_mode="grayscale" if channels == 1 else "rgb",
        image_size=image_size,
        validation_split=validation_split,
        subset="both",
        seed=seed,
        batch_size=None,
        verbose=False,
    )


def load_image_folder(
    folder: str | Path,
    image_size: tuple[int, int] = (28, 28),
    channels: int = 1,
    validation_split: float = 0.2,
    seed: int = 123,
    skipped: int = 0,
) -> FolderImages:
    """Reads two class folders with ``keras.utils.image_dataset_from_directory``.

    Args:
        folder: The folder holding the two class subfolders (or one wrapper folder).
        image_size: Height and width every image is resized to.
        channels: 1 for grayscale, 3 for colour.
        validation_split: Fraction kept for validation (as in the seed script).
        seed: Shuffling and split seed.
        skipped: Files already skipped upstream (e.g. while unzipping), added to the count.

    Returns:
        The images as uint8 arrays with their labels.

    Raises:
        ValueError: For a missing folder, not two classes, a class with fewer than
            :data:`MIN_PER_CLASS` pictures, or one left without training pictures; in the lab's
            words, never a server path.

    """
    root, class_folders = find_class_folders(folder)
    skipped += _check_images(root, class_folders)
    try:
        train, val = _read(root, class_folders, image_size, channels, validation_split, seed)
    except ValueError:  # Keras' sentence names the server's folder: say it in the lab's words
        raise ValueError(
            f"The pictures in {' and '.join(repr(n) for n in class_folders)} could not be split into pictures to "
            "train on and pictures to check the model on; add more pictures to each class and try again."
        ) from None
    class_names = tuple(train.class_names)

    def to_arrays(dataset: tf.data.Dataset) -> tuple[np.ndarray, np.ndarray]:
        pairs = list(dataset.as_numpy_iterator())
        if not pairs:
            return np.zeros((0, *image_size, channels), np.uint8), np.zeros((0,), np.uint8)
        x = np.stack([np.clip(p[0], 0, 255).round().astype(np.uint8) for p in pairs])
        y = np.array([int(p[1][0]) for p in pairs], np.uint8)
        return x, y

    x_train, y_train = to_arrays(train)
    x_val, y_val = to_arrays(val)
    for label, name in enumerate(class_names):
        if not np.any(y_train == label):
            raise ValueError(f"The class folder {name!r} has no pictures left for training; add a few more.")
    return FolderImages(x_train, y_train, x_val, y_val, class_names, skipped)  # type: ignore[arg-type]
