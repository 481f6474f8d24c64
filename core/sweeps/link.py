"""A sweep's plan as a query string, so a teacher can share it as a link.

``/sweep?task=7-vs-8&vary_lr=0.001;0.01;0.1&vary_batch=32;128&sweep_epochs=3`` is a grid over
learning rate × batch size; ``vary_lr=0.0001..0.1&sweep_search=random&sweep_trials=8`` a random
search. The Train page's own keys (``task``, ``preset``, ...) give the starting settings.

A sweep names its values on purpose, so a crafted link's part that is malformed or over a limit
(``sweep_trials=1000000000``, ``sweep_epochs=100000``) is refused with a sentence naming the limit,
never quietly changed: the form keeps its default there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from core.i18n import N_, _
from core.sweeps.params import HYPERPARAMETERS, hyperparameter
from core.sweeps.spec import MAX_AXES, MAX_EPOCHS, MAX_TRIALS, SEARCHES, Axis, SweepSpec
from core.training import settings as train_settings
from core.training import settings_link
from core.training.settings import number_text
from core.training.settings_link import shown

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
# What each number of a link may be, and its name in words.
LIMITS = {
    "trials": (1, MAX_TRIALS, N_("number of random trials")),
    "max": (1, MAX_TRIALS, N_("budget (most trials)")),
    "epochs": (1, MAX_EPOCHS, N_("number of epochs per trial")),
    "grace": (1, MAX_EPOCHS, N_("number of epochs before a trial may be stopped early")),
    "eta": (2, 8, N_("share of trials kept at each early stop")),
    "seed": (0, 2**31 - 1, N_("random seed")),
}
_SWITCH = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return repr(value) if isinstance(value, float) else str(value)


def to_query(spec: SweepSpec, base: Mapping[str, Any]) -> dict[str, str]:
    """The plan and its starting settings as query-string values (defaults left out)."""
    query = {key: text for key, text in settings_link.to_query(base).items() if key != "epochs"}
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
    values = split_values(key, text)
    if len(values) > MAX_TRIALS:
        raise ValueError(
            _("it lists {count} values, and a sweep runs at most {most} trials.").format(
                count=f"{len(values):,}", most=MAX_TRIALS
            )
        )
    return Axis(key, values)


def _number(short: str, text: str) -> int:
    """One of the link's whole numbers, checked against its limit; a ValueError's sentence names the limit."""
    low, high, name = LIMITS[short]
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise ValueError(
            _(
                "The link's {name} {value} is refused: it must be a whole number from {low} to {high}. "
                "The form keeps its own value."
            ).format(name=_(name), value=shown(text), low=number_text(low), high=number_text(high))
        )
    return value


def from_query(query: Mapping[str, str]) -> tuple[SweepSpec, dict[str, Any], list[str]]:
    """The plan and starting settings from a query string.

    Returns:
        ``(spec, settings, warnings)``: a part of the link that is malformed or over a limit is
        refused (left out, or left at its default) and explained in ``warnings`` with the limit
        named. The spec is not validated here.

    """
    base, warnings = settings_link.from_query({k: v for k, v in query.items() if k in train_settings.DEFAULTS})
    axes: list[Axis] = []
    for key, text in query.items():
        if not key.startswith(VARY):
            continue
        name = key.removeprefix(VARY)
        if len(axes) == MAX_AXES:
            warnings.append(
                _("The link varies more than {most} settings, the most a sweep can vary: {name} is left out.").format(
                    most=MAX_AXES, name=shown(name)
                )
            )
            continue
        try:
            axes.append(_axis(name, str(text)))
        except ValueError as error:
            knob = HYPERPARAMETERS[name].words if name in HYPERPARAMETERS else shown(name)
            warnings.append(
                _("The link's values {values} for {setting} are refused, so they are left out: {error}").format(
                    values=shown(text), setting=knob, error=error
                )
            )
    options: dict[str, Any] = {}
    search = query.get(PREFIX + "search")
    if search is not None and search in SEARCHES:
        options["search"] = search
    elif search is not None:
        warnings.append(
            _("The link's search {value} is refused: it must be grid or random. The search stays grid.").format(
                value=shown(search)
            )
        )
    switch = str(query.get(PREFIX + "asha", "0")).lower()
    options["early_stopping"] = _SWITCH.get(switch, False)
    if switch not in _SWITCH:
        warnings.append(
            _("The link's early stopping {value} is refused: it must be 1 (on) or 0 (off). It stays off.").format(
                value=shown(switch)
            )
        )
    for short, name in _NUMBERS.items():
        text = query.get(PREFIX + short)
        if text is None:
            continue
        try:
            options[name] = _number(short, str(text))
        except ValueError as error:
            warnings.append(str(error))
    return SweepSpec(tuple(axes), **options), base, warnings
