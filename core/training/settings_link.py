"""The Train settings' share link: settings to a query string and back, crafted values refused.

A teacher shares a link such as ``/train?task=3-vs-rest&preset=dense&lr=0.01``: every value in
the query string is parsed here; a malformed one, or a number outside what its field allows
(:data:`core.training.form_limits.RANGES`), is refused (the setting keeps its default) with a
sentence naming what is allowed, never quietly changed. The settings themselves, and the config
they build, are :mod:`core.training.settings`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from core.data import tasks
from core.i18n import _
from core.modeling.config import PRESETS
from core.training.form_limits import NAMES, RANGES
from core.training.settings import CHOICES, DEFAULTS, layer_units, number_text, preset_settings

SHOWN_CHARACTERS = 40  # a link's value quoted in a sentence is cut after this many characters


def shown(text: object) -> str:
    """A link's value as a sentence quotes it: in quotes, cut short (the page still shows it escaped, as text)."""
    value = str(text)
    return repr(value if len(value) <= SHOWN_CHARACTERS else value[:SHOWN_CHARACTERS] + "…")


def to_query(settings: Mapping[str, Any]) -> dict[str, str]:
    """The settings that differ from the defaults, as query-string values (``on``/``off`` as ``1``/``0``).

    Args:
        settings: Flat settings (any missing key counts as its default).
    """
    query = {}
    for key, default in DEFAULTS.items():
        value = settings.get(key, default)
        if value != default:
            query[key] = ("1" if value else "0") if isinstance(default, bool) else str(value)
    return query


def _said(value: Any) -> str:
    """A setting's value as a sentence says it: on/off, a quoted word or a readable number."""
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
        layer_units(value, key)
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
