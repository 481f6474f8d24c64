"""The runs of one session side by side: settings, final accuracies, time and validation curves."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from core.training.curves import epoch_frame
from core.training.train_config import TrainConfig


@dataclass(frozen=True)
class RunRecord:
    """One finished, stopped or failed run.

    Attributes:
        number: 1 for the session's first run, then 2, 3, ...
        config: Its settings.
        state: ``finished``, ``stopped`` or ``failed``.
        history: Per-epoch metrics.
        test_accuracy: On the test split (``None`` if it never got that far).
        seconds: Training time.
    """

    number: int
    config: TrainConfig
    state: str
    history: list[dict[str, float]] = field(default_factory=list)
    test_accuracy: float | None = None
    seconds: float = 0.0

    @property
    def label(self) -> str:
        """A short name for legends: run number and the settings' summary."""
        return f"#{self.number} {self.config.summary}"

    def final(self, key: str) -> float | None:
        """The last epoch's value of a metric, if recorded."""
        return self.history[-1].get(key) if self.history else None


@dataclass
class RunHistory:
    """All runs of a session, newest last."""

    runs: list[RunRecord] = field(default_factory=list)

    def add(
        self, config: TrainConfig, state: str, history: list[dict[str, float]], test_accuracy: float | None, seconds: float
    ) -> RunRecord:
        """Records a run and returns it (numbered in order)."""
        record = RunRecord(len(self.runs) + 1, config, state, list(history), test_accuracy, seconds)
        self.runs.append(record)
        return record

    def table(self) -> pd.DataFrame:
        """One row per run: settings and final train/validation/test accuracy."""
        rows: list[dict[str, Any]] = []
        for run in self.runs:
            model = run.config.model
            rows.append(
                {
                    "run": run.number,
                    "task": run.config.task,
                    "state": run.state,
                    "conv filters": ", ".join(map(str, model.conv_filters)) or "none",
                    "dense units": ", ".join(map(str, model.dense_units)) or "none",
                    "dropout": model.dropout,
                    "augment": model.augmented,
                    "optimizer": run.config.optimizer,
                    "learning rate": run.config.learning_rate,
                    "batch": run.config.batch_size,
                    "epochs": len(run.history),
                    "train acc": run.final("accuracy"),
                    "val acc": run.final("val_accuracy"),
                    "test acc": run.test_accuracy,
                    "seconds": round(run.seconds, 1),
                }
            )
        return pd.DataFrame(rows)

    def validation_curves(self, numbers: list[int], metric: str = "val_accuracy") -> pd.DataFrame:
        """Long-format per-epoch curves (``epoch``, ``value``, ``run``) of the chosen runs."""
        frames = [epoch_frame(run.history, {metric: run.label}) for run in self.runs if run.number in numbers]
        if not frames:
            return pd.DataFrame(columns=["epoch", "value", "run"])
        return pd.concat(frames, ignore_index=True).rename(columns={"series": "run"})
