"""One trial of a sweep as the page reads it: its settings, state, curves, test accuracy and model."""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from typing import Any

from core.i18n import _
from core.sweeps.params import hyperparameter
from core.training.run_state import WORDS, RunState

# A trial waits, trains and ends; it never shows loading or stopping (its job's own states).
STATES = (RunState.QUEUED, RunState.RUNNING, RunState.FINISHED, RunState.PRUNED, RunState.STOPPED, RunState.FAILED)


def value_words(value: Any) -> str:
    """A varied value as a legend says it: on/off for switches, "none" for no layers, "—" for nothing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, bool):
        return _("on") if value else _("off")
    return _("none") if value == "" else str(value)


@dataclass
class Trial:
    """One run of a sweep.

    Attributes:
        number: 1 for the first trial, then 2, 3, ...
        values: The varied hyperparameters' values.
        settings: The full settings it trains with.
        state: One of :data:`STATES` (``PRUNED``: stopped early by the ASHA rule); a string given
            here is read as the state it names.
        epoch: Epochs finished.
        epochs: Epochs asked for.
        history: One record per finished epoch (``loss``, ``accuracy``, ``val_loss``, ``val_accuracy``).
        test_accuracy: On the test split, once it has a model.
        error: Why it failed or stopped, in words (e.g. that the loss became NaN).
        node: Where it trained (a Ray node id, or this machine's name).
        seconds: Training time.
        model_bytes: The trained model as a ``.keras`` file, for "Save as model".
        metadata: What :mod:`core.storage` saves beside that model.

    """

    number: int
    values: dict[str, Any]
    settings: dict[str, Any]
    state: RunState = RunState.QUEUED
    epoch: int = 0
    epochs: int = 0
    history: list[dict[str, float]] = field(default_factory=list)
    test_accuracy: float | None = None
    error: str = ""
    node: str = ""
    seconds: float = 0.0
    model_bytes: bytes | None = field(default=None, repr=False)
    metadata: dict[str, Any] | None = field(default=None, repr=False)

    def __setattr__(self, name: str, value: Any) -> None:
        # Tune's outcomes and tests hand states over as strings: a RunState from here on.
        super().__setattr__(name, RunState(value) if name == "state" else value)

    @property
    def done(self) -> bool:
        """True once the trial can change no more."""
        return self.state.ended

    @property
    def label(self) -> str:
        """A short name for legends: its number and varied values."""
        return f"#{self.number} " + " · ".join(f"{hyperparameter(k).words} {value_words(v)}" for k, v in self.values.items())

    def last(self, metric: str) -> float | None:
        """The last epoch's value of a metric, if recorded."""
        value = self.history[-1].get(metric) if self.history else None
        return None if value is None or math.isnan(value) else value

    @property
    def best_val_accuracy(self) -> float | None:
        """The best validation accuracy of any epoch, if there was a validation split."""
        values = [r["val_accuracy"] for r in self.history if not math.isnan(r.get("val_accuracy", math.nan))]
        return max(values) if values else None

    def row(self) -> dict[str, Any]:
        """The trial as a table row: varied values, state, epoch, validation loss and accuracy, test accuracy."""
        return {
            "trial": self.number,
            **{hyperparameter(k).label: v for k, v in self.values.items()},
            "state": _(WORDS[self.state]),
            "epoch": f"{self.epoch}/{self.epochs}",
            "val loss": self.last("val_loss"),
            "val accuracy": self.last("val_accuracy"),
            "test accuracy": self.test_accuracy,
            "note": self.error,
        }

    def copy(self) -> Trial:
        """A copy for a reader in another thread (the model bytes are shared: they never change)."""
        twin = copy.copy(self)
        twin.values, twin.settings = dict(self.values), dict(self.settings)
        twin.history = [dict(record) for record in self.history]
        return twin
