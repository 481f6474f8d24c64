"""What the Train form accepts: each number's range, and a batch that fits the data.

The form's widgets use these ranges too. A shared link such as ``/train?epochs=-3`` is refused with
a sentence naming the range (:func:`core.training.settings_link.from_query`), never quietly changed;
:func:`clamp` and :func:`hold_in_range` bring a value into range for callers that want that instead.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from core.i18n import N_  # NAMES are translated where shown (core.training.settings_link)

# Smallest and largest value of each number a student types (the form's widgets use the same ranges).
RANGES: dict[str, tuple[float, float]] = {
    "lr": (1e-6, 1000.0),
    "batch": (1, 8192),
    "epochs": (1, 500),
    "val": (0.0, 0.5),
    "dropout": (0.0, 0.9),
    "seed": (0, 2**31 - 1),
}
NAMES = {
    "lr": N_("learning rate"),
    "batch": N_("batch size"),
    "val": N_("validation split"),
    "dropout": N_("dropout"),
    "epochs": N_("number of epochs"),
    "conv": N_("convolution filters"),
    "dense": N_("dense units"),
    "kernel": N_("kernel size"),
    "pool_size": N_("pooling size"),
    "pooling": N_("max pooling"),
    "augment": N_("augmentation"),
}
UPDATES_PER_EPOCH = 4  # a batch picked for a small dataset leaves at least this many weight updates per epoch


def clamp(key: str, value: float) -> tuple[float, str]:
    """Brings a link's number into the range its field allows.

    Args:
        key: A :data:`RANGES` key (``epochs``, ``lr`` ...); other keys are returned unchanged.
        value: The number the link gave.

    Returns:
        ``(value in range, sentence saying what changed)``; the sentence is empty when nothing changed.

    Raises:
        ValueError: For a value that is not a finite number (``nan``, ``inf``).

    """
    if not math.isfinite(value):
        raise ValueError(f"{value} is not a number the form can show.")
    if key not in RANGES:
        return value, ""
    low, high = RANGES[key]
    kept = type(value)(min(max(value, low), high))
    if kept == value:
        return value, ""
    which = "smallest" if value < low else "largest"
    return kept, (
        f"The link asked for {NAMES.get(key, key)} {value:g}, but the {which} allowed is {kept:g}, so the field shows {kept:g}."
    )


def hold_in_range(settings: Mapping[str, Any], defaults: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """A link's settings with each number brought into the range its field allows.

    Args:
        settings: Settings parsed from a link (see :func:`core.training.settings_link.from_query`).
        defaults: The value for a number that is not a number at all (``nan``, ``inf``).

    Returns:
        ``(settings in range, one sentence per changed value)``.

    """
    held, notes = dict(settings), []
    for key in RANGES:
        if key not in held:
            continue
        try:
            held[key], note = clamp(key, held[key])
        except ValueError:
            held[key], note = (
                defaults[key],
                f"The link's {NAMES.get(key, key)} {held[key]} is not a number; using {defaults[key]}.",
            )
        notes += [note] if note else []
    return held, notes


def fit_batch(batch_size: int, training_images: int) -> tuple[int, str]:
    """A batch size that fits the training images, so a small dataset can train instead of being refused.

    Args:
        batch_size: The batch size chosen in the form.
        training_images: How many images the run trains on.

    Returns:
        ``(batch size to use, sentence saying why it changed)``; the sentence is empty when the
        chosen size fits. A replacement is a power of two that leaves at least
        :data:`UPDATES_PER_EPOCH` weight updates per epoch.

    """
    if training_images < 1 or batch_size <= training_images:
        return batch_size, ""
    fitted = 2 ** int(math.log2(max(1, training_images // UPDATES_PER_EPOCH)))
    updates = math.ceil(training_images / fitted)
    return fitted, (
        f"You have {training_images:,} training pictures, fewer than one batch of {batch_size:,}, "
        f"so this run uses batches of {fitted} ({updates} weight updates per epoch)."
    )
