"""Tasks and datasets: which two classes, from which images, split into train/validation/test.

A task is a short string a student can type: ``7-vs-8``, ``3-vs-rest``, ``digits``,
``shapes`` or ``folder``. :func:`load_dataset` turns a task and a data source into uint8
arrays; scaling to [0, 1] happens inside the model.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.data import folder_images, idx, mnist, shapes
from core.data.splits import balance_classes, channels_last, split_validation
from core.data.tasks import Task, parse_task
from core.i18n import _, number


@dataclass(frozen=True)
class Dataset:
    """Images (uint8, N×H×W×C) and labels for training, validation and test.

    Attributes:
        task: The task these labels answer.
        class_names: Names by label.
        source: One sentence on where the images came from, with counts.
        notice: Why a fallback source was used, if one was (else empty).

    """

    task: Task
    class_names: tuple[str, ...]
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    source: str
    notice: str = ""

    @property
    def input_shape(self) -> tuple[int, int, int]:
        """Height, width and channels of one image."""
        return tuple(self.x_train.shape[1:])  # type: ignore[return-value]

    def counts(self) -> dict[str, int]:
        """Sample counts per split, for reports."""
        return {"train": len(self.x_train), "validation": len(self.x_val), "test": len(self.x_test)}

    def class_counts(self, split: str = "train") -> dict[str, int]:
        """How many images each class has in a split."""
        labels = getattr(self, f"y_{split}")
        return {name: int(np.sum(labels == i)) for i, name in enumerate(self.class_names)}


def _mnist_dataset(task: Task, data: str, validation_split: float, seed: int, balance: bool, test_data: str | None) -> Dataset:
    source = mnist.load_mnist(data)
    x_train, y_train = source.x_train, source.y_train
    x_test, y_test, test_from = source.x_test, source.y_test, _("its test split")
    if test_data:
        x_test, y_test = idx.load_labelled_images(test_data)
        test_from = str(test_data)
        if source.name == "sample":  # its hold-out is free again: train on all 5,000
            x_train = np.concatenate([source.x_train, source.x_test])
            y_train = np.concatenate([source.y_train, source.y_test])
    if not len(x_train):
        raise ValueError(f"{data} holds no training digits (a test set is for evaluating only).")
    mask, labels = task.labels_for(y_train)
    x, y = x_train[mask], labels
    if balance and task.kind == "rest":
        x, y = balance_classes(x, y, seed)
    x_tr, y_tr, x_val, y_val = split_validation(x, y, validation_split, seed)
    test_mask, test_labels = task.labels_for(y_test)
    description = source.description
    if test_data:
        if source.name == "sample":
            description = _(
                "Offline MNIST sample: all {count} real handwritten digits that come with the lab, to train on."
            ).format(count=number(len(x_train)))
        description += " " + _("Test digits from {where}.").format(where=test_from)
    return Dataset(
        task=task,
        class_names=task.default_class_names(),
        x_train=channels_last(x_tr),
        y_train=y_tr,
        x_val=channels_last(x_val),
        y_val=y_val,
        x_test=channels_last(x_test[test_mask]),
        y_test=test_labels,
        source=description,
        notice=_(source.notice) if source.notice else "",
    )


def _shapes_dataset(task: Task, count: int, image_size: int, validation_split: float, seed: int) -> Dataset:
    x, y = shapes.make_shapes(count, image_size, seed=seed)
    x_test, y_test = shapes.make_shapes(max(count // 4, 2), image_size, seed=seed + 10_000)
    x_tr, y_tr, x_val, y_val = split_validation(x, y, validation_split, seed)
    return Dataset(
        task=task,
        class_names=shapes.CLASS_NAMES,
        x_train=channels_last(x_tr),
        y_train=y_tr,
        x_val=channels_last(x_val),
        y_val=y_val,
        x_test=channels_last(x_test),
        y_test=y_test,
        source=f"Generated shapes: {count:,} circles and squares ({image_size}×{image_size}) and {len(x_test):,} more for testing.",
    )


def _folder_dataset(
    task: Task, folder: str, image_size: int, channels: int, validation_split: float, seed: int, skipped: int
) -> Dataset:
    images = folder_images.load_image_folder(folder, (image_size, image_size), channels, validation_split or 0.2, seed, skipped)
    note = f" {images.skipped} non-image files were skipped." if images.skipped else ""
    return Dataset(
        task=task,
        class_names=images.class_names,
        x_train=images.x_train,
        y_train=images.y_train,
        x_val=images.x_val,
        y_val=images.y_val,
        # A small folder has no separate test set: the validation images stand in for it.
        x_test=images.x_val,
        y_test=images.y_val,
        source=(
            f"Your folders {images.class_names[0]!r} and {images.class_names[1]!r}: "
            f"{len(images.x_train):,} training and {len(images.x_val):,} validation images "
            f"(the validation images double as the test set).{note}"
        ),
    )


def load_dataset(
    task: str | Task,
    data: str = "auto",
    validation_split: float = 0.1,
    seed: int = 0,
    balance: bool = False,
    test_data: str | None = None,
    shapes_count: int = 2000,
    image_size: int = 28,
    channels: int = 1,
    skipped: int = 0,
) -> Dataset:
    """Builds the train/validation/test arrays for a task.

    Args:
        task: A task string or :class:`Task`.
        data: For MNIST tasks ``auto``, ``full``, ``sample`` or a path (see
            :func:`core.data.mnist.load_mnist`); for ``folder`` the folder path.
        validation_split: Fraction of the training images held out for validation.
        seed: Seed for splits, balancing and generated shapes.
        balance: For ``A-vs-rest``: keep as many "rest" digits as there are A digits.
        test_data: Optional IDX folder or ``.npz`` whose digits become the test split
            (evaluation only; never trained on).
        shapes_count: How many training shapes to draw.
        image_size: Side of the images for ``shapes`` and ``folder``.
        channels: 1 (grayscale) or 3 (colour) for ``folder``.
        skipped: Files already skipped while unpacking a folder upload.

    Returns:
        The :class:`Dataset`.

    Raises:
        ValueError: With a sentence saying what is wrong with the task or data.
        ConnectionError: If ``data='full'`` and full MNIST cannot be had.

    """
    task = parse_task(task) if isinstance(task, str) else task
    if task.is_mnist:
        return _mnist_dataset(task, data, validation_split, seed, balance, test_data)
    if task.kind == "shapes":
        return _shapes_dataset(task, shapes_count, image_size, validation_split, seed)
    if data in ("auto", "full", "sample", "", None) or not Path(data).exists():
        raise ValueError("The folder task needs a folder of two class subfolders (or an uploaded .zip of one).")
    return _folder_dataset(task, data, image_size, channels, validation_split, seed, skipped)
