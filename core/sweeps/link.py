"""A sweep's plan as a query string, so a teacher can share it as a link.

``/sweep?task=7-vs-8&vary_lr=0.001;0.01;0.1&vary_batch=32;128&sweep_epochs=3`` is a grid over
learning rate × batch size; ``vary_lr=0.0001..0.1&sweep_search=random&sweep_trials=8`` a random
search. The Train page's own keys (``task``, ``preset``, ...) give the starting settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from core.sweeps.params import hyperparameter
from core.sweeps.spec import Axis, SweepSpec
from core.training import settings as train_settings

VARY = "vary_"
PREFIX = "sweep_"
LIST_SEPARATOR = ";"  # not a comma: layer sizes such as 32,64 contain commas
RANGE_SEPARATOR = ".."
_NUMBERS = {
    "trials": "trials",
    "max": "max_trials",
    "epochs": "epochs",
    "grace": "grace_epochs",
    "eta": "reduction",
    "seed": "seed",
}


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return repr(value) if isinstance(value, float) else str(value)


def to_query(spec: SweepSpec, base: Mapping[str, Any]) -> dict[str, str]:
    """The plan and its starting settings as query-string values (defaults left out)."""
    query = {key: text for key, text in train_settings.to_query(base).items() if key != "epochs"}
    for axis in spec.axes:
        if axis.is_range:
            query[VARY + axis.key] = f"{_text(axis.low)}{RANGE_SEPARATOR}{_text(axis.high)}"
        else:
            query[VARY + axis.key] = LIST_SEPARATOR.join(_text(value) for value in axis.values)
    defaults = {f.name: f.default for f in fields(SweepSpec) if f.name != "axes"}
    if spec.search != defaults["search"]:
        query[PREFIX + "search"] = spec.search
    if spec.early_stopping:
        query[PREFIX + "asha"] = "1"
    for short, name in _NUMBERS.items():
        if getattr(spec, name) != defaults[name]:
            query[PREFIX + short] = str(getattr(spec, name))
    return query


def split_values(key: str, text: str) -> tuple[str, ...]:
    """The values typed or linked for ``key``: separated by semicolons, or by commas too except for layer sizes.

    For layer sizes an empty value means no such layers (``32;`` tries 32 units and none).
    """
    units = hyperparameter(key).kind == "units"
    parts = (text if units else text.replace(",", LIST_SEPARATOR)).split(LIST_SEPARATOR)
    return tuple(part.strip() for part in parts if part.strip() or (units and len(parts) > 1))


def values_text(axis: Axis) -> str:
    """An axis' list of values as typed text (the inverse of :func:`split_values`)."""
    return f"{LIST_SEPARATOR} ".join(_text(value) for value in axis.values)


def _axis(key: str, text: str) -> Axis:
    if RANGE_SEPARATOR in text:
        knob = hyperparameter(key)
        low, high = (knob.parse(end) for end in text.split(RANGE_SEPARATOR, 1))
        return Axis(key, low=low, high=high)
    return Axis(key, split_values(key, text))


def from_query(query: Mapping[str, str]) -> tuple[SweepSpec, dict[str, Any], list[str]]:
    """The plan and starting settings from a query string.

    Returns:
        ``(spec, settings, warnings)``: a part of the link that cannot be used is left out (or at
        its default) and explained in ``warnings``. The spec is not validated here.

    """
    base, warnings = train_settings.from_query({k: v for k, v in query.items() if k in train_settings.DEFAULTS})
    axes = []
    for key, text in query.items():
        if key.startswith(VARY):
            try:
                axes.append(_axis(key.removeprefix(VARY), text))
            except ValueError as error:
                warnings.append(f"The link's {key}={text!r} cannot be used, so it is left out: {error}")
    options: dict[str, Any] = {}
    search = query.get(PREFIX + "search")
    if search is not None:
        options["search"] = search
    options["early_stopping"] = query.get(PREFIX + "asha", "0").lower() in ("1", "true", "yes", "on")
    for short, name in _NUMBERS.items():
        text = query.get(PREFIX + short)
        if text is None:
            continue
        try:
            options[name] = int(text)
        except ValueError:
            warnings.append(f"The link's {PREFIX}{short}={text!r} is not a whole number; using the default instead.")
    return SweepSpec(tuple(axes), **options), base, warnings
