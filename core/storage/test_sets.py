"""Which test set a saved model's accuracy was measured on, so accuracies are shown with it and compared on one set.

A run made in the app measures itself twice: on its own held-out test images (``test_metrics``,
described by ``test_source``, e.g. "200 held-out test images from the offline MNIST sample") and,
for a digits task, on the real MNIST test set (``real_test_metrics``). The shipped MNIST models,
and any model trained with ``python -m core train --test-data``, were measured on the real test
set only (``train_config.test_data``), so their ``test_metrics`` is that accuracy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from core.data import tasks

REAL_TEST_SET = "the real MNIST test set (t10k)"


@dataclass(frozen=True)
class Accuracy:
    """An accuracy and where it was measured.

    Attributes:
        value: The fraction right, 0 to 1.
        images: How many test images (None if not recorded).
        test_set: The test set in words, e.g. :data:`REAL_TEST_SET`.

    """

    value: float
    images: int | None
    test_set: str

    def __str__(self) -> str:
        """``99.45% on 2,002 images of the real MNIST test set (t10k)``."""
        where = self.test_set
        if self.images and not where[:1].isdigit():
            where = f"{self.images:,} images of {where}" if where.startswith("the ") else f"{self.images:,} {where}"
        return f"{self.value:.2%} on {where}"


def _measured(value: Any) -> float | None:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    return float(value) if ok else None


def _is_mnist(metadata: dict[str, Any]) -> bool:
    try:
        return tasks.parse_task(str(metadata.get("task"))).is_mnist
    except ValueError:
        return False


def _test_count(metadata: dict[str, Any]) -> int | None:
    count = (metadata.get("counts") or {}).get("test")
    return int(count) if isinstance(count, int) and count > 0 else None


def real_test_accuracy(metadata: dict[str, Any]) -> Accuracy | None:
    """The accuracy on the real MNIST test set, or None if the model was never measured on it."""
    real = metadata.get("real_test_metrics") or {}
    value = _measured(real.get("accuracy"))
    if value is not None:
        return Accuracy(value, real.get("images"), REAL_TEST_SET)
    if "test_source" in metadata or not (metadata.get("train_config") or {}).get("test_data") or not _is_mnist(metadata):
        return None
    value = _measured((metadata.get("test_metrics") or {}).get("accuracy"))
    return None if value is None else Accuracy(value, _test_count(metadata), REAL_TEST_SET)


def own_test_accuracy(metadata: dict[str, Any]) -> Accuracy | None:
    """The accuracy on the model's own test images (for shipped MNIST models, the real test set)."""
    value = _measured((metadata.get("test_metrics") or {}).get("accuracy"))
    if value is None:
        return None
    real = real_test_accuracy(metadata)
    if real is not None and "test_source" not in metadata:
        return real
    source = metadata.get("test_source")
    return Accuracy(value, _test_count(metadata), source or "held-out test images")


def describe_accuracies(metadata: dict[str, Any]) -> str:
    """Every accuracy of a model with its test set, e.g. ``test accuracy 99.00% on 200 held-out …; 95.85% on …``."""
    own, real = own_test_accuracy(metadata), real_test_accuracy(metadata)
    shown = [str(a) for a in (own, real) if a is not None]
    if own is not None and own == real:
        shown = [str(own)]
    return "test accuracy " + ("; ".join(shown) if shown else "not measured")
