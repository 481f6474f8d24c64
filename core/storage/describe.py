"""A saved model in words, as the pages and the command line show it: its classes, task and accuracies."""

from __future__ import annotations

from typing import Any

from core.storage.test_sets import describe_accuracies


def classes_text(metadata: dict[str, Any]) -> str:
    """``7 vs 8`` for two classes, ``10 classes`` for more.

    Args:
        metadata: A saved model's metadata.

    Returns:
        The classes in a few words.

    """
    names = list(metadata.get("class_names") or [])
    return " vs ".join(names) if len(names) == 2 else f"{len(names)} classes"


def describe_model(metadata: dict[str, Any]) -> str:
    """One line: task, classes and every test accuracy with its test set.

    Args:
        metadata: A saved model's metadata.

    Returns:
        E.g. ``7-vs-8 · 7 vs 8 · test accuracy 99.45% on 2,002 images of the real MNIST test set (t10k)``.

    """
    return f"{metadata.get('task', '?')} · {classes_text(metadata)} · {describe_accuracies(metadata)}"
