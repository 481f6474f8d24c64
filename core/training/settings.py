"""The Train form's settings: a flat dict of plain values, its presets, and the config it builds.

:data:`DEFAULTS` names every setting the Train page (and a sweep's trial) has, :data:`CHOICES`
what a picker offers; :func:`to_config` turns a settings dict into a checked
:class:`~core.training.train_config.TrainConfig`, refusing anything a student could have mistyped
with a sentence. The settings' share link (parsing and refusing crafted values) is
:mod:`core.training.settings_link`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.data import tasks
from core.i18n import N_, _
from core.modeling.config import ACTIVATIONS, OPTIMIZERS, PADDINGS, PRESETS, ModelConfig, preset
from core.modeling.limits import MAX_PARAMETERS
from core.training.train_config import TrainConfig

DEFAULTS: dict[str, Any] = {
    "task": "7-vs-8",
    "preset": "cnn",
    "conv": "32,64",
    "dense": "",
    "kernel": 3,
    "stride": 1,
    "padding": "valid",
    "pooling": True,
    "pool_size": 2,
    "activation": "relu",
    "dropout": 0.5,
    "augment": False,
    "optimizer": "adam",
    "lr": 0.001,
    "batch": 64,
    "epochs": 8,  # eight validation points: a curve a student can read (about 10 s of training on 2 cores)
    "val": 0.1,
    "seed": 0,
}
CHOICES = {
    "preset": tuple(PRESETS),
    "padding": PADDINGS,
    "activation": ACTIVATIONS,
    "optimizer": OPTIMIZERS,
    "kernel": (1, 2, 3, 4, 5, 7),
    "stride": (1, 2, 3),
    "pool_size": (2, 3, 4),
}


def layer_units(text: str, what: str) -> tuple[int, ...]:
    """Layer sizes typed as ``32,64`` (commas or spaces) as a tuple of whole numbers.

    Args:
        text: What was typed (empty: no layers).
        what: The field's name, marked with ``N_``, for the sentence.

    Raises:
        ValueError: With a sentence when a part is not a whole number.
    """
    parts = [p.strip() for p in str(text).replace(" ", ",").split(",") if p.strip()]
    try:
        return tuple(int(p) for p in parts)
    except ValueError:
        raise ValueError(_("{what} must be whole numbers separated by commas, like 32,64.").format(what=_(what))) from None


def preset_settings(name: str) -> dict[str, Any]:
    """The architecture settings of a preset (the rest of the settings are untouched).

    Raises:
        ValueError: For an unknown preset.
    """
    config = preset(name)
    return {
        "preset": name,
        "conv": ",".join(map(str, config.conv_filters)),
        "dense": ",".join(map(str, config.dense_units)),
        "kernel": config.kernel_size,
        "stride": config.stride,
        "padding": config.padding,
        "pooling": config.pooling,
        "pool_size": config.pool_size,
        "activation": config.activation,
        "dropout": config.dropout,
    }


def model_config(settings: Mapping[str, Any]) -> ModelConfig:
    """The network a settings dict describes (no size check: see :func:`to_config`).

    Raises:
        ValueError: With a sentence for a mistyped task, layer list or number.
    """
    values = {**DEFAULTS, **settings}
    model = ModelConfig(
        num_classes=tasks.parse_task(values["task"]).num_classes,
        conv_filters=layer_units(values["conv"], N_("Convolution filters")),
        kernel_size=int(values["kernel"]),
        stride=int(values["stride"]),
        padding=values["padding"],
        pooling=bool(values["pooling"]),
        pool_size=int(values["pool_size"]),
        activation=values["activation"],
        dense_units=layer_units(values["dense"], N_("Dense units")),
        dropout=float(values["dropout"]),
    )
    return model.with_augmentation() if values["augment"] else model


def to_config(settings: Mapping[str, Any], shapes_count: int = 2000, max_parameters: int = MAX_PARAMETERS) -> TrainConfig:
    """Builds the training config for a settings dict, checked.

    Args:
        settings: Flat settings (any missing key takes its default).
        shapes_count: Generated shapes for the ``shapes`` task.
        max_parameters: The largest network allowed (a quota's limit, or the lab's default).

    Raises:
        ValueError: With a sentence for anything a student could have mistyped, or a network over the limit.
    """
    values = {**DEFAULTS, **settings}
    config = TrainConfig(
        task=tasks.parse_task(values["task"]).spec,
        model=model_config(values),
        epochs=int(values["epochs"]),
        batch_size=int(values["batch"]),
        learning_rate=float(values["lr"]),
        optimizer=values["optimizer"],
        validation_split=float(values["val"]),
        seed=int(values["seed"]),
        shapes_count=shapes_count,
    )
    config.validate(max_parameters)
    return config


def number_text(value: float) -> str:
    """A number as a student reads it: ``0.00001`` rather than ``1e-05``, ``1,000`` rather than ``1000.0``."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{float(f'{value:.3g}'):.10f}".rstrip("0").rstrip(".")


def divergence_advice(learning_rate: float) -> str:
    """What to try after a run diverged, from that run's own learning rate ("try 0.5 or 0.05")."""
    smaller, smallest = (number_text(learning_rate / factor) for factor in (10, 100))
    return _("Your learning rate is {rate}: each step was too big, so the model overshot. Try {smaller} or {smallest}.").format(
        rate=number_text(learning_rate), smaller=smaller, smallest=smallest
    )
