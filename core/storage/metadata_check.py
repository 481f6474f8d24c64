"""An uploaded model's ``.json`` checked against the lab's schema: every field its kind, every number within bounds.

The metadata steers what the server does later (the Evaluate page rebuilds a ``shapes`` model's
test set from ``train_config.shapes_count``, the pages print the class names), so an uploaded
file may not say ``shapes_count = 1000000000`` or carry a class name of a million letters.
Plain, bounded code: known fields are checked one by one; unknown ones are kept only while small.
"""

from __future__ import annotations

import json
import math
from typing import Any

MAX_JSON_BYTES = 256 * 1024
MAX_DEPTH = 6
MAX_TEXT = 2000  # a data source or a command line
MAX_NAME = 40  # a class name or a task
MAX_UNKNOWN_BYTES = 2000
MAX_EPOCHS = 1000
TRAIN_BOUNDS: dict[str, tuple[float, float, str]] = {  # field: (least, most, in words)
    "epochs": (1, MAX_EPOCHS, "epochs"),
    "batch_size": (1, 8192, "batch size"),
    "shapes_count": (1, 100_000, "number of generated shapes"),
    "validation_split": (0, 0.9, "validation split"),
    "seed": (0, 2**32 - 1, "seed"),
    "learning_rate": (0, 1000, "learning rate"),
    "early_stopping": (0, MAX_EPOCHS, "early-stopping patience"),
}
STYLES = ("mnist", "ink", "photo")


class MetadataError(ValueError):
    """An uploaded metadata file breaks the schema; the message says which field and the bound."""


def _refuse(what: str) -> MetadataError:
    return MetadataError(f"The model's .json file is not one the lab can use: {what}.")


def _number(value: Any, field: str, least: float, most: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _refuse(f"{field} should be a number")
    if not least <= value <= most:
        raise _refuse(f"{field} is {value:,}, but it must be between {least:,} and {most:,}")
    return value


def _text(value: Any, field: str, longest: int = MAX_TEXT, empty: bool = True) -> str:
    if not isinstance(value, str) or len(value) > longest or (not empty and not value.strip()):
        raise _refuse(f"{field} should be a piece of text of at most {longest:,} characters")
    if any(ord(c) < 32 and c not in "\t\n" for c in value):
        raise _refuse(f"{field} holds invisible control characters")
    return value


def _plain(value: Any, depth: int = 0) -> None:
    """Refuses NaN or infinite numbers and nesting deeper than :data:`MAX_DEPTH`."""
    if depth > MAX_DEPTH:
        raise _refuse(f"it is nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, float) and not math.isfinite(value):
        raise _refuse("it holds a number that is not a number (NaN or infinity)")
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    for child in children:
        _plain(child, depth + 1)


def _records(value: Any, field: str, most: int) -> None:
    if not isinstance(value, list) or len(value) > most or not all(isinstance(v, dict) and len(v) <= 20 for v in value):
        raise _refuse(f"{field} should be a list of at most {most:,} records")
    for record in value:
        for key, number in record.items():
            _text(key, f"a name in {field}", MAX_NAME)
            if isinstance(number, str):
                _text(number, f"{field} {key}", 200)
            elif number is not None:
                _number(number, f"{field} {key}", -1e12, 1e12)


def _train_config(config: Any) -> None:
    if not isinstance(config, dict):
        raise _refuse("train_config should be a set of named settings")
    for key, (least, most, words) in TRAIN_BOUNDS.items():
        if config.get(key) is not None:
            _number(config[key], f"the {words} (train_config.{key})", least, most)


def clean_metadata(metadata: Any) -> dict[str, Any]:
    """Checks an uploaded model's metadata and returns it, unknown fields that are too big left out.

    Args:
        metadata: The parsed ``.json`` (anything JSON can hold).

    Returns:
        A new dict with the checked fields.

    Raises:
        MetadataError: Naming the first field that breaks the schema and its bound.

    """
    if not isinstance(metadata, dict):
        raise _refuse("it should hold named fields, like the .json the lab downloads beside a model")
    size = len(json.dumps(metadata, default=str))
    if size > MAX_JSON_BYTES:
        raise _refuse(f"it is {size // 1024:,} KB long; the lab takes at most {MAX_JSON_BYTES // 1024} KB")
    _plain(metadata)
    if metadata.get("task") is not None:
        _text(metadata["task"], "the task", MAX_NAME, empty=False)
    names = metadata.get("class_names")
    if names is not None:
        if not isinstance(names, list) or not 2 <= len(names) <= 10:
            raise _refuse("class_names should list 2 to 10 class names")
        for name in names:
            _text(name, "a class name", MAX_NAME, empty=False)
    for field in ("sigmoid_means", "owner"):
        if metadata.get(field) is not None:
            _text(metadata[field], field, 100)
    if metadata.get("input_style") not in (None, *STYLES):
        raise _refuse(f"input_style should be one of {', '.join(STYLES)}")
    if metadata.get("train_config") is not None:
        _train_config(metadata["train_config"])
    if metadata.get("history") is not None:
        _records(metadata["history"], "history", MAX_EPOCHS)
    for field in ("test_metrics", "real_test_metrics", "counts", "versions"):
        if metadata.get(field) is not None:
            _records([metadata[field]], field, 1)
    kept = {}
    for key, value in metadata.items():
        _text(key, "a field name", MAX_NAME)
        known = key in ("task", "class_names", "train_config", "history", "model_config")
        if known or len(json.dumps(value)) <= MAX_UNKNOWN_BYTES:
            kept[key] = value
    return kept
