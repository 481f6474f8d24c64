"""Train-page settings as a flat dict of plain values, convertible to a config and a share link.

A teacher shares a link such as ``/train?task=3-vs-rest&preset=dense&lr=0.01``: every value
in the query string is parsed here, bad ones are dropped with a warning, and the rest become
a :class:`~core.training.job.TrainConfig`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.data import tasks
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
    "epochs": 3,
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


def _units(text: str, what: str) -> tuple[int, ...]:
    parts = [p.strip() for p in str(text).replace(" ", ",").split(",") if p.strip()]
    try:
        return tuple(int(p) for p in parts)
    except ValueError:
        raise ValueError(f"{what} must be whole numbers separated by commas, like 32,64.") from None


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
        conv_filters=_units(values["conv"], "Convolution filters"),
        kernel_size=int(values["kernel"]),
        stride=int(values["stride"]),
        padding=values["padding"],
        pooling=bool(values["pooling"]),
        pool_size=int(values["pool_size"]),
        activation=values["activation"],
        dense_units=_units(values["dense"], "Dense units"),
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


def to_query(settings: Mapping[str, Any]) -> dict[str, str]:
    """The settings that differ from the defaults, as query-string values."""
    query = {}
    for key, default in DEFAULTS.items():
        value = settings.get(key, default)
        if value != default:
            query[key] = ("1" if value else "0") if isinstance(default, bool) else str(value)
    return query


def from_query(query: Mapping[str, str]) -> tuple[dict[str, Any], list[str]]:
    """Settings from a query string: defaults, the preset named, then each value given.

    Returns:
        ``(settings, warnings)``; a value that cannot be used is left at its default and
        explained in ``warnings`` (numbers out of the form's range: see
        :func:`core.training.form_limits.hold_in_range`).
    """
    settings = dict(DEFAULTS)
    warnings = []
    named = query.get("preset")
    if named in PRESETS:
        settings |= preset_settings(named)
    for key, text in query.items():
        if key not in DEFAULTS or key == "preset":
            continue
        default = DEFAULTS[key]
        try:
            if isinstance(default, bool):
                value: Any = text.lower() in ("1", "true", "yes", "on")
            elif isinstance(default, int):
                value = int(text)
            elif isinstance(default, float):
                value = float(text)
            else:
                value = str(text)
            if key in CHOICES and value not in CHOICES[key]:
                raise ValueError
            if key == "task":
                tasks.parse_task(value)
            if key in ("conv", "dense"):
                _units(value, key)
        except ValueError:
            warnings.append(f"The link's {key}={text!r} is not valid; using {default!r} instead.")
            continue
        settings[key] = value
    if named is not None and named not in PRESETS:
        warnings.append(f"The link names an unknown preset {named!r}; using {DEFAULTS['preset']!r}.")
    return settings, warnings
