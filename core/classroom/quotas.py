"""Applying the limits: settings held to them and counted things refused, before anything is built or queued.

This module never decides a limit's value (that is :mod:`core.classroom.limits`: defaults per
mode, the teacher's changes); it takes a :class:`~core.classroom.limits.Limits` and enforces it.

:func:`clamp_settings` takes Train-page settings as typed (numbers) or as they arrive in a
shared link (strings): too many epochs or shapes are brought down to the limit, a network with
too many parameters is refused (its layers go back to the preset's). Each change comes with a
sentence naming the limit, for the page to show. The ``check_*`` functions refuse counted
things (runs at once, saved models, upload size, training images) with :class:`QuotaError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.classroom.limits import Limits
from core.i18n import N_, _, ngettext, number
from core.modeling.size import describe_bytes

CLAMPED = {
    "epochs": ("epochs", N_("Epochs {value} is over the limit of {limit} epochs per run")),
    "shapes_count": ("training_images", N_("Shapes count {value} is over the limit of {limit} training images per run")),
}


class QuotaError(ValueError):
    """Something over a limit (the message names the limit)."""


def _number(value: Any) -> int | None:
    try:
        return int(float(value))
    except (TypeError, ValueError, OverflowError):
        return None  # not a number: the settings parser explains that, not the quota


def parameter_count(settings: Mapping[str, Any]) -> int | None:
    """The parameters of the network the settings describe, counted without building it.

    Returns:
        The count, or None if the settings do not describe a possible network (the Train page
        refuses those with its own sentence).

    """
    from core.modeling.size import model_size  # arithmetic over the planned layers, no Keras
    from core.training.settings import model_config

    try:
        return model_size(model_config(settings)).parameters
    except (ValueError, TypeError, OverflowError):
        return None


def parameter_refusal(settings: Mapping[str, Any], limits: Limits) -> str | None:
    """The sentence refusing the settings' network if it has more parameters than the limit, else None."""
    from core.modeling.limits import check_size
    from core.training.settings import model_config

    parameters = parameter_count(settings)
    if parameters is None or parameters <= limits.parameters:
        return None
    try:
        check_size(model_config(settings), limits.parameters)
    except ValueError as refusal:  # names the count, the memory, the limit and what to change
        return str(refusal)
    return None


def clamp_settings(settings: Mapping[str, Any], limits: Limits) -> tuple[dict[str, Any], list[str]]:
    """Train-page settings held to the limits.

    Args:
        settings: Flat settings (``core.training.settings``), values typed or as link strings.
        limits: The limits in force.

    Returns:
        ``(settings, messages)``: the settings to use and one sentence per change.

    """
    result, messages = dict(settings), []
    for key, value, limit in _over_counts(result, limits):
        result[key] = limit
        messages.append(_("{sentence}; using {limit}.").format(sentence=_over_sentence(key, value, limit), limit=number(limit)))
    refusal = parameter_refusal(result, limits)
    if refusal:
        from core.training.settings import DEFAULTS, preset_settings

        try:
            result |= preset_settings(str(result.get("preset")))
        except ValueError:  # no preset, or an unknown one: the default network
            result |= preset_settings(DEFAULTS["preset"])
        preset = result["preset"]
        messages.append(
            _("{refusal} The {preset} preset's layers are used instead.").format(refusal=refusal, preset=repr(preset))
        )
    return result, messages


def refusals(settings: Mapping[str, Any], limits: Limits) -> list[str]:
    """A sentence for each per-run limit the settings are over, changing nothing (a sweep's trials are refused, not clamped)."""
    found = [f"{_over_sentence(key, value, limit)}." for key, value, limit in _over_counts(settings, limits)]
    refusal = parameter_refusal(settings, limits)
    return found + ([refusal] if refusal else [])


def _over_counts(settings: Mapping[str, Any], limits: Limits) -> list[tuple[str, int, int]]:
    """``(key, value, limit)`` for each counted setting above its limit."""
    found = []
    for key, (field, _sentence) in CLAMPED.items():
        value, limit = _number(settings.get(key)), getattr(limits, field)
        if value is not None and value > limit:
            found.append((key, value, limit))
    return found


def _over_sentence(key: str, value: int, limit: int) -> str:
    return _(CLAMPED[key][1]).format(value=number(value), limit=number(limit))


def check_parameters(parameters: int, limits: Limits) -> None:
    """Refuses a network (e.g. an uploaded model) with more parameters than the limit.

    Raises:
        QuotaError: With a sentence naming the limit.

    """
    if parameters > limits.parameters:
        raise QuotaError(
            _("This model has {n} parameters; the limit is {limit} parameters per network.").format(
                n=number(parameters), limit=number(limits.parameters)
            )
        )


def check_training_images(count: int, limits: Limits) -> None:
    """Refuses a run that would train on more images than the limit (e.g. a big folder).

    Raises:
        QuotaError: With a sentence naming the limit.

    """
    if count > limits.training_images:
        raise QuotaError(
            _("{n} training images is over the limit of {limit} training images per run; use fewer pictures.").format(
                n=number(count), limit=number(limits.training_images)
            )
        )


def check_runs_at_once(running: int, limits: Limits) -> None:
    """Refuses one more run when a student already has as many going as the limit.

    Raises:
        QuotaError: With a sentence naming the limit.

    """
    if running >= limits.runs_at_once:
        have = ngettext("You already have {n} run going;", "You already have {n} runs going;", running).format(n=running)
        limit = ngettext(
            "the limit is {n} run at once per student.", "the limit is {n} runs at once per student.", limits.runs_at_once
        ).format(n=limits.runs_at_once)
        raise QuotaError(f"{have} {limit} " + _("Wait for it to finish or stop it."))


def check_saved_models(saved: int, limits: Limits) -> None:
    """Refuses one more saved model when a student already keeps as many as the limit.

    Raises:
        QuotaError: With a sentence naming the limit.

    """
    if saved >= limits.saved_models:
        raise QuotaError(
            _("You have {n} saved models; the limit is {limit} saved models per student. Delete one first.").format(
                n=saved, limit=limits.saved_models
            )
        )


def check_upload(size_bytes: int, limits: Limits) -> None:
    """Refuses an uploaded file larger than the limit.

    Raises:
        QuotaError: With a sentence naming the limit.

    """
    if size_bytes > limits.upload_mb * 1_000_000:
        raise QuotaError(
            _("That file is {size}; the limit is {limit} MB per upload.").format(
                size=describe_bytes(size_bytes), limit=limits.upload_mb
            )
        )
