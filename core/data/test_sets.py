"""The test set of a model's task: the real t10k digits when present, else the task's own split."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from core.data import datasets as data
from core.data import folders, idx, tasks
from core.data.splits import channels_last
from core.i18n import _, number

# The real MNIST test set (t10k IDX files), beside the repository: never trained on, never copied into it.
SHARED_MNIST = Path(__file__).resolve().parents[3] / "shared" / "mnist"


def mnist_test_set(folder: str | Path = SHARED_MNIST) -> tuple[np.ndarray, np.ndarray] | None:
    """The real MNIST test digits (t10k) from an IDX folder, or None if the folder has none.

    Args:
        folder: Where the IDX files are (default: ``../shared/mnist`` beside the repository).

    Returns:
        ``(images N×28×28 uint8, digit labels)`` or None.

    """
    folder = Path(folder)
    if not folder.is_dir():
        return None
    try:
        _, _, x, y = idx.load_idx_folder(folder)
    except ValueError:
        return None
    return (x, y) if len(x) else None


MAX_SHAPES = 20_000  # a model's test set is rebuilt from at most this many (5,000 test shapes: plenty to measure)


def dataset_options(metadata: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """How to rebuild a model's test split with :func:`core.data.datasets.load_dataset`.

    Args:
        metadata: The model's saved metadata.

    Returns:
        ``(data choice, keyword options)``: for ``shapes`` the image size and count used in
        training, for ``folder`` the folder, image size and channels; else ``auto``.

    Raises:
        ValueError: For a folder model whose uploaded folder is gone (or was never an upload).

    """
    task = tasks.parse_task(metadata.get("task", "folder"))
    config = metadata.get("train_config") or {}
    shape = metadata.get("input_shape") or [28, 28, 1]
    split = {"validation_split": float(config.get("validation_split", 0.1)), "seed": int(config.get("seed", 0))}
    if task.kind == "shapes":
        # A model file names its own count: bounded here too, so no metadata (hand-copied or older than the
        # upload checks) can make the web server draw a billion shapes (test shapes are a quarter of it).
        count = min(max(int(config.get("shapes_count") or 2000), 8), MAX_SHAPES)
        size = min(max(int(shape[0]), 8), 64)
        return "auto", {"image_size": size, "shapes_count": count, **split}
    if task.kind == "folder":
        folder = config.get("data")
        if not folder or not folders.is_upload_folder(folder):
            raise ValueError(
                _("This model was trained on pictures that are no longer uploaded here, so it has no test set to evaluate.")
            )
        return str(folder), {"image_size": int(shape[0]), "channels": int(shape[2]), **split}
    return "auto", {}


@dataclass(frozen=True)
class EvalSet:
    """Test images with their task labels.

    Attributes:
        images: N×H×W×C uint8 model inputs.
        labels: N task labels.
        source: Where they came from, in words (in the language in use when they were loaded).

    """

    images: np.ndarray
    labels: np.ndarray
    source: str


def load_eval_set(
    metadata: dict[str, Any],
    limit: int | None = None,
    loader: Callable[..., data.Dataset] = data.load_dataset,
    mnist_folder: str | Path = SHARED_MNIST,
) -> EvalSet:
    """A model's test images: real MNIST t10k digits when available, else its task's test split.

    Args:
        metadata: The model's saved metadata (its task, class names, training settings).
        limit: Keep at most this many images (e.g. for quick tests).
        loader: :func:`core.data.datasets.load_dataset` or a cached wrapper of it.
        mnist_folder: Where the t10k IDX files may be.

    Returns:
        The :class:`EvalSet`, labels already mapped to the task.

    Raises:
        ValueError: If the task is unknown, its data is gone, or it has no test images.

    """
    task = tasks.parse_task(metadata.get("task", "folder"))
    real = mnist_test_set(mnist_folder) if task.is_mnist else None
    if real is not None:
        x, digits = real
        mask, labels = task.labels_for(digits)
        images, source = channels_last(x[mask]), _("the real MNIST test set (the digits of this task)")
    else:
        choice, options = dataset_options(metadata)
        dataset = loader(task.spec, choice, **options)
        images, labels = dataset.x_test, dataset.y_test
        source = _("the task's test pictures, kept apart from training")
    if not len(images):
        raise ValueError(_("There are no test pictures for the task {task}.").format(task=task.spec))
    if limit and len(images) > limit:
        images, labels = images[:limit], labels[:limit]
        source += _(", the first {count} only").format(count=number(limit))
    return EvalSet(images, np.asarray(labels, int), source)
