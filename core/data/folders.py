"""Your own two classes: a folder of two subfolders, or a .zip of one, unpacked safely."""

from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import numpy as np

from core.prediction import image_io

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".gif"})  # what Keras reads
MAX_ZIP_FILES = 5_000
MAX_ZIP_BYTES = 200 * 1024 * 1024  # unpacked; a zip bomb stops here
UPLOAD_PREFIX = "sigmoid-lab-upload-"


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


def new_upload_folder() -> tempfile.TemporaryDirectory:
    """A fresh temporary folder for one uploaded zip; deleted when the object is (session ends)."""
    return tempfile.TemporaryDirectory(prefix=UPLOAD_PREFIX)


def is_upload_folder(path: str | Path) -> bool:
    """True only for folders made by :func:`new_upload_folder`: the app reads no other server path."""
    resolved = Path(path).resolve()
    return (
        resolved.parent == Path(tempfile.gettempdir()).resolve() and resolved.name.startswith(UPLOAD_PREFIX) and resolved.is_dir()
    )


def _is_readable_image(data: bytes) -> bool:
    try:
        image_io.open_image(data)  # the same size limits and decoding checks as any upload
    except image_io.ImageReadError:
        return False
    return True


def extract_image_zip(zip_source: str | Path | io.BytesIO | bytes, target: str | Path) -> int:
    """Unpacks the images of a zip into ``target``, refusing anything that could escape it.

    Only image files are written, each checked with PIL first; the folder layout inside the
    zip is kept. A single top folder wrapping the two class folders is fine.

    Args:
        zip_source: Path, bytes or file object of the zip.
        target: Empty folder to unpack into.

    Returns:
        How many entries were skipped (folders aside): non-images and unreadable images.

    Raises:
        ValueError: If the zip is not a zip, holds more than ``MAX_ZIP_FILES`` entries,
            unpacks to more than ``MAX_ZIP_BYTES``, or has a path leaving the target.

    """
    if isinstance(zip_source, bytes):
        zip_source = io.BytesIO(zip_source)
    target = Path(target).resolve()
    try:
        archive = zipfile.ZipFile(zip_source)
    except (zipfile.BadZipFile, OSError):
        raise ValueError("That file is not a readable .zip archive.") from None
    with archive:
        entries = [e for e in archive.infolist() if not e.is_dir()]
        if len(entries) > MAX_ZIP_FILES:
            raise ValueError(f"The zip holds {len(entries):,} files; the limit is {MAX_ZIP_FILES:,}.")
        if sum(e.file_size for e in entries) > MAX_ZIP_BYTES:
            raise ValueError(f"The zip unpacks to more than {MAX_ZIP_BYTES // 2**20} MB; please send a smaller one.")
        skipped = 0
        written = 0
        for entry in entries:
            name = PurePosixPath(entry.filename.replace("\\", "/"))
            if name.is_absolute() or ".." in name.parts:
                raise ValueError(f"The zip entry {entry.filename!r} points outside its folder; refusing the zip.")
            destination = (target / name).resolve()
            if not destination.is_relative_to(target):
                raise ValueError(f"The zip entry {entry.filename!r} points outside its folder; refusing the zip.")
            if name.suffix.lower() not in IMAGE_SUFFIXES or any(p.startswith(".") or p == "__MACOSX" for p in name.parts):
                skipped += 1
                continue
            with archive.open(entry) as handle:
                data = handle.read(MAX_ZIP_BYTES - written + 1)
            written += len(data)
            if written > MAX_ZIP_BYTES:  # the header lied about the size
                raise ValueError(f"The zip unpacks to more than {MAX_ZIP_BYTES // 2**20} MB; please send a smaller one.")
            if not _is_readable_image(data):
                skipped += 1
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(data)
    return skipped


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
        raise ValueError(f"{root} is not a folder.")

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


def _check_images(root: Path) -> int:
    """Counts files Keras would skip and refuses images it would crash on."""
    skipped = 0
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            skipped += 1
        elif not _is_readable_image(path.read_bytes()):
            raise ValueError(f"{path.name} looks like an image but cannot be read; remove it and try again.")
    return skipped


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
        ValueError: For a missing folder, not two classes, or a class without images.

    """
    import keras

    root, class_folders = find_class_folders(folder)
    skipped += _check_images(root)
    train, val = keras.utils.image_dataset_from_directory(
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
    class_names = tuple(train.class_names)

    def to_arrays(dataset) -> tuple[np.ndarray, np.ndarray]:
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
            raise ValueError(f"The class folder {name!r} has no training images; add a few more.")
    return FolderImages(x_train, y_train, x_val, y_val, class_names, skipped)  # type: ignore[arg-type]
