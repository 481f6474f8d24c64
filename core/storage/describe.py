"""A saved model in words: its classes and its test accuracy, as the pages and the command line show them."""

from __future__ import annotations

import math
from typing import Any


def classes_text(metadata: dict[str, Any]) -> str:
    """``7 vs 8`` for two classes, ``10 classes`` for more.

    Args:
        metadata: A saved model's metadata.

    Returns:
        The classes in a few words.

    """
    names = list(metadata.get("class_names") or [])
    return " vs ".join(names) if len(names) == 2 else f"{len(names)} classes"


def describe_accuracy(metadata: dict[str, Any]) -> str:
    """The test accuracy in percent with two decimals, or ``not measured``.

    Args:
        metadata: A saved model's metadata (its ``test_metrics``).

    Returns:
        ``99.45%`` or ``not measured`` (no test set, or a run that never got that far).

    """
    accuracy = (metadata.get("test_metrics") or {}).get("accuracy")
    measured = isinstance(accuracy, int | float) and not isinstance(accuracy, bool) and math.isfinite(accuracy)
    return f"{accuracy:.2%}" if measured else "not measured"


def describe_model(metadata: dict[str, Any]) -> str:
    """One line: task, classes, test accuracy, e.g. ``7-vs-8 · 7 vs 8 · test accuracy 99.45%``.

    Args:
        metadata: A saved model's metadata.

    Returns:
        The line.

    """
    return f"{metadata.get('task', '?')} · {classes_text(metadata)} · test accuracy {describe_accuracy(metadata)}"
