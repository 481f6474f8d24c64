"""Full MNIST fetched with the standard library, so the web server never needs Keras (nor TensorFlow) for it.

The same file Keras' ``mnist.load_data`` fetches (``mnist.npz``, checked against the same SHA-256)
lands in the same cache (``~/.keras/datasets/mnist.npz``), so a copy fetched by either is used by
both. The download runs in a daemon thread with an overall deadline: a network that hangs, or
answers slowly, cannot hold up a page; the file appears only once it is whole and checked.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
import urllib.request
from pathlib import Path

MNIST_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
MNIST_SHA256 = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"
MAX_BYTES = 20_000_000  # the real file is 11.5 MB: anything much bigger is not it
_CHUNK = 1 << 16


def fetch(destination: Path, timeout_s: float) -> Path:
    """Downloads ``url`` to ``destination`` within ``timeout_s`` seconds, checking its SHA-256.

    Args:
        destination: Where the checked file goes (written under a temporary name, then renamed).
        timeout_s: The whole download's deadline, connection included.

    Returns:
        ``destination``.

    Raises:
        ConnectionError: If the network cannot be reached, the download is too slow, too big, or
            the file is not the real MNIST (its checksum differs). The text is for logs and the
            command line; pages say it in their own words.
    """
    result: dict[str, BaseException] = {}
    url, sha256 = MNIST_URL, MNIST_SHA256  # read now: tests point them at a local server

    def download() -> None:
        try:
            _download(url, sha256, destination, timeout_s)
        except BaseException as error:  # handed to the waiting caller below
            result["error"] = error

    worker = threading.Thread(target=download, daemon=True, name="mnist-download")
    worker.start()
    worker.join(timeout_s)
    if worker.is_alive():
        raise ConnectionError(f"the download did not finish within {timeout_s:.0f} s")
    if "error" in result:
        error = result["error"]
        raise ConnectionError(str(error).splitlines()[0][:200] if str(error) else type(error).__name__) from None
    return destination


def _download(url: str, sha256: str, destination: Path, timeout_s: float) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    handle, temporary = tempfile.mkstemp(prefix=f".{destination.name}.", dir=destination.parent)
    try:
        with os.fdopen(handle, "wb") as out, urllib.request.urlopen(url, timeout=timeout_s) as response:
            size = 0
            while chunk := response.read(_CHUNK):
                size += len(chunk)
                if size > MAX_BYTES:
                    raise ValueError(f"the download is larger than {MAX_BYTES:,} bytes, so it is not MNIST")
                digest.update(chunk)
                out.write(chunk)
        if digest.hexdigest() != sha256:
            raise ValueError("the downloaded file is not the real MNIST (its checksum differs)")
        os.replace(temporary, destination)
    finally:
        Path(temporary).unlink(missing_ok=True)
