"""The Train page's data: the task's images, or the student's own two class folders from a .zip kept with the session."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import streamlit as st

from core.data import folders
from core.data.datasets import Dataset
from core.data.splits import channels_last
from core.data.test_sets import mnist_test_set
from core.i18n import _
from views.keys import Keys
from views.shell.data import load_dataset
from views.widgets.numbers import count
from views.widgets.text import plain

REAL_TEST = "digits of the real MNIST test set"  # the words a run's test images get when they are t10k


@st.cache_data(show_spinner="Loading the real MNIST test set…", max_entries=8)
def with_real_test(dataset: Dataset) -> Dataset:
    """A digits task's data tested on the real MNIST test set (t10k) when it is here, else as it was.

    The task's own hold-out is a few hundred digits; t10k has 10,000 (2,002 sevens and eights), kept
    apart by MNIST's makers and never trained on, so a run's test accuracy means something.
    """
    real = mnist_test_set() if dataset.task.is_mnist else None
    if real is None:
        return dataset
    mask, labels = dataset.task.labels_for(real[1])
    source = f"{dataset.source} Tested on {int(mask.sum()):,} {REAL_TEST}, never trained on."  # translated where shown
    return replace(dataset, x_test=channels_last(real[0][mask]), y_test=labels, source=source)


def source_words(dataset: Dataset) -> str:
    """Where the data came from, as text in the student's language (the real test set's sentence translated here)."""
    if not tests_on_real(dataset):
        return plain(dataset.source)
    head, _tested, tail = dataset.source.rpartition(" Tested on ")
    number = tail.split(" ", 1)[0].replace(",", "")
    tested = _("Tested on {count} digits of the real MNIST test set, never trained on.")
    return f"{plain(head)} {tested.format(count=count(int(number)) if number.isdigit() else number)}"


def tests_on_real(dataset: Dataset | None) -> bool:
    """True when the run's test images are the real MNIST test set (see :func:`with_real_test`)."""
    return dataset is not None and dataset.source.endswith(f"{REAL_TEST}, never trained on.")


@dataclass
class HeldUpload:
    """The student's two class folders, unzipped, kept with the session until another .zip replaces them.

    The file uploader forgets its file when the student visits another page; this does not.
    """

    file_id: str
    name: str
    folder: tempfile.TemporaryDirectory
    skipped: int
    pictures: int

    @property
    def path(self) -> str:
        """The unzipped folder."""
        return self.folder.name


def uploaded_folder() -> HeldUpload | None:
    """The folders unzipped from the student's latest upload (kept across pages), or ``None`` before any.

    Raises:
        ValueError: For a .zip that cannot be used (the previous upload, if any, is kept).

    """
    upload = st.file_uploader(
        _("A .zip holding two folders, one per class (e.g. hotdog/ and not_hotdog/)"), type="zip", key=Keys.FOLDER_ZIP
    )
    held: HeldUpload | None = st.session_state.get(Keys.UNZIPPED)
    if upload is not None and (held is None or held.file_id != upload.file_id):
        folder = folders.new_upload_folder()  # deleted with the session's state, too
        try:
            skipped = folders.extract_image_zip(upload.getvalue(), folder.name)
        except ValueError:
            folder.cleanup()
            raise
        if held is not None:
            held.folder.cleanup()  # one upload at a time: the previous folder goes
        pictures = sum(1 for path in Path(folder.name).rglob("*") if path.is_file())
        st.session_state[Keys.UNZIPPED] = held = HeldUpload(upload.file_id, upload.name, folder, skipped, pictures)
    if held is not None:
        using = _("Using your upload **{name}** ({count} pictures); upload another to replace it.")
        st.caption(using.format(name=plain(held.name), count=count(held.pictures)))
    return held


def page_data(task: str, settings: dict[str, Any]) -> tuple[Dataset | None, HeldUpload | None]:
    """The task's images (the student's upload for their own two classes), or ``None`` after showing why not."""
    try:
        held = uploaded_folder() if task == "folder" else None
        if task == "folder" and held is None:
            return None, None
        options = {"data_choice": held.path, "skipped": held.skipped} if held else {}
        dataset = load_dataset(task, validation_split=settings["val"], seed=settings["seed"], **options)
        return with_real_test(dataset), held
    except ValueError as error:
        st.error(plain(error))
    except ConnectionError:  # never the library's words (addresses, "Name or service not known")
        st.error(_("No internet here, and this data has to be downloaded: pick another task or try again later."))
    return None, None
