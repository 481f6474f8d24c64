"""Train-page settings as a flat dict of plain values, convertible to a config and a share link.

A teacher shares a link such as ``/train?task=3-vs-rest&preset=dense&lr=0.01``: every value
in the query string is parsed here; a malformed one, or a number outside what its field allows,
is refused (the setting keeps its default) with a sentence naming what is allowed, never quietly
changed, and the rest become a :class:`~core.training.job.TrainConfig`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from core.data import tasks
from core.i18n import N_, _
from core.modeling.config import ACTIVATIONS, OPTIMIZERS, PADDINGS, PRESETS, ModelConfig, preset
from core.modeling.limits import MAX_PARAMETERS
from core.training.form_limits import NAMES, RANGES
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
SHOWN_CHARACTERS = 40  # a link's value quoted in a sentence is cut after this many characters


def shown(text: object) -> str:
    """A link's value as a sentence quotes it: in quotes, cut short (the page still shows it escaped, as text)."""
    value = str(text)
    return repr(value if len(value) <= SHOWN_CHARACTERS else value[:SHOWN_CHARACTERS] + "…")


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
        conv_filters=_units(values["conv"], N_("Convolution filters")),
        kernel_size=int(values["kernel"]),
        stride=int(values["stride"]),
        padding=values["padding"],
        pooling=bool(values["pooling"]),
        pool_size=int(values["pool_size"]),
        activation=values["activation"],
        dense_units=_units(values["dense"], N_("Dense units")),
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


def number_text(value: float) -> str:
    """A number as a student reads it: ``0.00001`` rather than ``1e-05``, ``1,000`` rather than ``1000.0``."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{float(f'{value:.3g}'):.10f}".rstrip("0").rstrip(".")


def _said(value: Any) -> str:
    return (
        (_("on") if value else _("off"))
        if isinstance(value, bool)
        else repr(value)
        if isinstance(value, str)
        else number_text(value)
    )


def _allowed(key: str) -> str:
    """What the link's ``key`` may be, as the end of a sentence."""
    default = DEFAULTS[key]
    if key in RANGES:
        low, high = RANGES[key]
        return _("from {low} to {high}").format(low=number_text(low), high=number_text(high))
    if key in CHOICES:
        return _("one of {choices}").format(choices=", ".join(map(str, CHOICES[key])))
    if key == "task":
        return _("a task such as 7-vs-8, 3-vs-rest, digits, shapes or folder")
    if key in ("conv", "dense"):
        return _("whole numbers separated by commas, like 32,64")
    if isinstance(default, bool):
        return _("on or off (1 or 0)")
    return _("a whole number") if isinstance(default, int) else _("a number") if isinstance(default, float) else _("a word")


def _parse(key: str, text: str) -> Any:
    """One link value, checked; raises ValueError when it is malformed or outside its field's range."""
    default = DEFAULTS[key]
    if isinstance(default, bool):
        if text.lower() not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
            raise ValueError
        return text.lower() in ("1", "true", "yes", "on")
    value: Any = int(text) if isinstance(default, int) else float(text) if isinstance(default, float) else str(text)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError
    if key in RANGES and not RANGES[key][0] <= value <= RANGES[key][1]:
        raise ValueError
    if key in CHOICES and value not in CHOICES[key]:
        raise ValueError
    if key == "task":
        tasks.parse_task(value)
    if key in ("conv", "dense"):
        _units(value, key)
    return value


def from_query(query: Mapping[str, str]) -> tuple[dict[str, Any], list[str]]:
    """Settings from a query string: defaults, the preset named, then each value given.

    Returns:
        ``(settings, warnings)``; a value that is malformed, or a number outside the range its
        field allows (:data:`core.training.form_limits.RANGES`), is refused: the setting keeps its
        default and ``warnings`` has a sentence naming what is allowed. Nothing is quietly changed.
    """
    settings = dict(DEFAULTS)
    warnings = []
    named = query.get("preset")
    if named in PRESETS:
        settings |= preset_settings(named)
    for key, text in query.items():
        if key not in DEFAULTS or key == "preset":
            continue
        try:
            settings[key] = _parse(key, str(text))
        except ValueError:
            name = _(NAMES[key]) if key in NAMES else key
            warnings.append(
                _("The link's {name} {value} is refused: it must be {allowed}. The {name} stays at {kept}.").format(
                    name=name, value=shown(text), allowed=_allowed(key), kept=_said(settings[key])
                )
            )
    if named is not None and named not in PRESETS:
        warnings.append(
            _("The link's preset {value} is refused: it must be one of {presets}. The preset stays at {kept}.").format(
                value=shown(named), presets=", ".join(PRESETS), kept=repr(DEFAULTS["preset"])
            )
        )
    return settings, warnings


def divergence_advice(learning_rate: float) -> str:
    """What to try after a run diverged, from that run's own learning rate ("try 0.5 or 0.05")."""
    smaller, smallest = (number_text(learning_rate / factor) for factor in (10, 100))
    return _("Your learning rate is {rate}: each step was too big, so the model overshot. Try {smaller} or {smallest}.").format(
        rate=number_text(learning_rate), smaller=smaller, smallest=smallest
    )
