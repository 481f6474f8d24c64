"""A sweep as the page reads it at one moment, and the tables its charts are drawn from."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from core.sweeps.params import hyperparameter
from core.sweeps.trial import Trial
from core.training.run_state import RunState


@dataclass
class SweepSnapshot:
    """A copy of a sweep's state, safe to read while the sweep goes on.

    Attributes:
        state: ``QUEUED``, ``RUNNING``, ``STOPPING``, ``FINISHED``, ``STOPPED`` or ``FAILED``.
        engine: ``local`` or ``ray``.
        keys: The varied settings' keys.
        trials: Every trial, in order.
        error: Why the whole sweep failed, if it did.
        seconds: Wall time so far.

    """

    state: RunState
    engine: str
    keys: tuple[str, ...]
    trials: list[Trial] = field(default_factory=list)
    error: str = ""
    seconds: float = 0.0

    @property
    def done(self) -> bool:
        """True once no trial will change any more."""
        return self.state.ended

    def counts(self) -> dict[RunState, int]:
        """How many trials are in each state."""
        counts: dict[RunState, int] = {}
        for trial in self.trials:
            counts[trial.state] = counts.get(trial.state, 0) + 1
        return counts

    def best(self) -> Trial | None:
        """The trial with the best validation accuracy (else test accuracy) that has a model, if any."""

        def score(trial: Trial) -> float:
            value = trial.best_val_accuracy if trial.best_val_accuracy is not None else trial.test_accuracy
            return -math.inf if value is None else value

        candidates = [t for t in self.trials if t.model_bytes is not None]
        return max(candidates, key=score) if candidates else None

    def table(self) -> pd.DataFrame:
        """One row per trial: varied values, state, epoch, validation loss and accuracy, test accuracy, note."""
        return pd.DataFrame([trial.row() for trial in self.trials])

    def curves(self) -> pd.DataFrame:
        """Long form (trial, label, state, epoch, metric, value) of every trial's validation loss and accuracy."""
        rows = [
            {
                "trial": t.number,
                "label": t.label,
                "state": t.state.word,
                "epoch": epoch,
                "metric": metric,
                "value": record[metric],
            }
            for t in self.trials
            for epoch, record in enumerate(t.history, start=1)
            for metric in ("val_loss", "val_accuracy")
            if metric in record and math.isfinite(record[metric])
        ]
        return pd.DataFrame(rows, columns=["trial", "label", "state", "epoch", "metric", "value"])

    def outcomes(self) -> pd.DataFrame:
        """One row per trial that has a validation accuracy: its varied values and its best one."""
        rows = [
            {
                "trial": t.number,
                "label": t.label,
                **{hyperparameter(k).label: t.values[k] for k in self.keys},
                "best val accuracy": t.best_val_accuracy,
            }
            for t in self.trials
            if t.best_val_accuracy is not None
        ]
        return pd.DataFrame(rows, columns=["trial", "label", *(hyperparameter(k).label for k in self.keys), "best val accuracy"])

    def heatmap(self) -> pd.DataFrame:
        """For exactly two varied hyperparameters: the best validation accuracy of each pair of values."""
        if len(self.keys) != 2:
            raise ValueError("A heatmap needs exactly two varied hyperparameters.")
        frame = self.outcomes()
        labels = [hyperparameter(k).label for k in self.keys]
        return frame.groupby(labels, as_index=False)["best val accuracy"].max()
