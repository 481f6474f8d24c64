"""Progress across a process boundary: the worker sends only what is new, the server adds it up.

A run records one loss per batch; resending the whole list several times a second would grow
with the run. A delta carries the scalar fields and the values appended since the last one.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from core.training.progress import Progress

_LISTS = ("batch_loss", "batch_accuracy", "epoch_history")
_SCALARS = tuple(f.name for f in fields(Progress) if f.name not in _LISTS)


class DeltaWriter:
    """Worker side: turns successive snapshots into deltas."""

    def __init__(self) -> None:
        self._sent = dict.fromkeys(_LISTS, 0)

    def delta(self, progress: Progress) -> dict[str, Any]:
        """What changed since the previous call (scalars always, lists from where they were)."""
        payload: dict[str, Any] = {name: getattr(progress, name) for name in _SCALARS}
        for name in _LISTS:
            values = getattr(progress, name)
            payload[name] = (self._sent[name], list(values[self._sent[name] :]))
            self._sent[name] = len(values)
        return payload


def apply_delta(progress: Progress, payload: dict[str, Any]) -> None:
    """Server side: adds a delta to ``progress`` in place (callers hold its lock).

    A delta whose list does not continue where ``progress`` stands (a lost message) replaces the
    tail from its start index, so the record heals instead of drifting.
    """
    for name in _SCALARS:
        if name in payload:
            setattr(progress, name, payload[name])
    for name in _LISTS:
        if name in payload:
            start, values = payload[name]
            current = getattr(progress, name)
            del current[start:]
            current.extend(values)
