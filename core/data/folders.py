"""Your own two classes arrive as a .zip: a fresh folder for it, and the zip unpacked into it safely.

Only readable images are written; a zip bomb, too many files or an entry that would land outside
the folder refuses the whole zip. Reading the unpacked class folders is :mod:`core.data.folder_images`.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from core.prediction import image_io

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".gif"})  # what Keras reads
MAX_ZIP_FILES = 5_000
MAX_ZIP_BYTES = 200 * 1024 * 1024  # unpacked; a zip bomb stops here
UPLOAD_PREFIX = "sigmoid-lab-upload-"


def new_upload_folder() -> tempfile.TemporaryDirectory:
    """A fresh temporary folder for one uploaded zip; deleted when the object is (session ends)."""
    return tempfile.TemporaryDirectory(prefix=UPLOAD_PREFIX)


def is_upload_folder(path: str | Path) -> bool:
    """True only for folders made by :func:`new_upload_folder`: the app reads no other server path."""
    resolved = Path(path).resolve()
    return (
        resolved.parent == Path(tempfile.gettempdir()).resolve() and resolved.name.startswith(UPLOAD_PREFIX) and resolved.is_dir()
    )


def is_readable_image(data: bytes) -> bool:
    """True if PIL can read the bytes within the upload limits of :func:`core.prediction.image_io.open_image`."""
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
            raise ValueError(
                f"The zip holds {len(entries):,} files; the lab takes at most {MAX_ZIP_FILES:,} pictures in one zip."
            )
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
            if not is_readable_image(data):
                skipped += 1
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(data)
    return skipped
