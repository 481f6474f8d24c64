"""The runs of one session side by side: settings, final accuracies with their test sets, time and curves."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from core.i18n import N_, _
from core.training.curves import epoch_frame
from core.training.run_state import RunState
from core.training.train_config import TrainConfig

MISSING = "—"  # a value a run never reached (a failed run has no test accuracy)
COMPARED = {"val_loss": "validation loss", "val_accuracy": "validation accuracy"}
# The settings' names as legends and tables say them (translated where shown, in the page's thread).
SETTING_WORDS = (
    *(N_("task"), N_("conv filters"), N_("kernel"), N_("stride"), N_("padding"), N_("pooling"), N_("activation")),
    *(N_("dense units"), N_("dropout"), N_("augment"), N_("optimizer"), N_("learning rate"), N_("batch"), N_("epochs")),
    *(N_("validation split"), N_("seed")),
)


def percent(value: float | None) -> str:
    """``0.912`` as ``91.20%``; no value as :data:`MISSING`."""
    return MISSING if value is None else f"{value:.2%}"


@dataclass(frozen=True)
class RunRecord:
    """One finished, stopped or failed run.

    Attributes:
        number: 1 for the session's first run, then 2, 3, ...
        config: Its settings.
        state: ``FINISHED``, ``STOPPED`` or ``FAILED`` (a string given here is read as the state it names).
        history: Per-epoch metrics.
        test_accuracy: On the run's own test images (``None`` if it never got that far).
        test_source: Those test images in words, with their number.
        real_accuracy: On the real MNIST test set (``None`` unless the task is MNIST and it was measured).
        real_count: How many real MNIST test images that was.
        seconds: Training time.
    """

    number: int
    config: TrainConfig
    state: RunState
    history: list[dict[str, float]] = field(default_factory=list)
    test_accuracy: float | None = None
    test_source: str = ""
    real_accuracy: float | None = None
    real_count: int = 0
    seconds: float = 0.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "state", RunState(self.state))  # frozen: the one place it is set

    @property
    def label(self) -> str:
        """A short name for the run picker: run number and the settings' summary."""
        return f"#{self.number} {self.config.summary}"

    def final(self, key: str) -> float | None:
        """The last epoch's value of a metric, if recorded."""
        return self.history[-1].get(key) if self.history else None

    def settings(self) -> dict[str, Any]:
        """Every setting a student chooses, by the name the table and legends use."""
        model, config = self.config.model, self.config
        return {
            "task": config.task,
            "conv filters": ", ".join(map(str, model.conv_filters)) or "none",
            "kernel": model.kernel_size,
            "stride": model.stride,
            "padding": model.padding,
            "pooling": model.pool_size if model.pooling else "off",
            "activation": model.activation,
            "dense units": ", ".join(map(str, model.dense_units)) or "none",
            "dropout": model.dropout,
            "augment": "on" if model.augmented else "off",
            "optimizer": config.optimizer,
            "learning rate": config.learning_rate,
            "batch": config.batch_size,
            "epochs": config.epochs,
            "validation split": config.validation_split,
            "seed": config.seed,
        }


@dataclass
class RunHistory:
    """All runs of a session, newest last."""

    runs: list[RunRecord] = field(default_factory=list)

    @property
    def next_number(self) -> int:
        """The number the session's next run gets."""
        return len(self.runs) + 1

    def add(self, config: TrainConfig, state: RunState | str, history: list[dict[str, float]], **results: Any) -> RunRecord:
        """Records a run and returns it, numbered in order.

        Args:
            config: Its settings.
            state: How it ended.
            history: Per-epoch metrics.
            **results: The other :class:`RunRecord` fields (``test_accuracy``, ``test_source``,
                ``real_accuracy``, ``real_count``, ``seconds``).

        Returns:
            The new record.

        """
        record = RunRecord(self.next_number, config, state, list(history), **results)
        self.runs.append(record)
        return record

    def table(self) -> pd.DataFrame:
        """One row per run: settings, then accuracies as text (``—`` where a run never got that far)."""
        rows: list[dict[str, Any]] = []
        for run in self.runs:
            settings = run.settings()
            rows.append(
                {"run": run.number, "state": run.state.word}
                | {key: settings[key] for key in ("task", "conv filters", "dense units", "dropout", "augment", "optimizer")}
                | {"learning rate": run.config.learning_rate, "batch": run.config.batch_size, "epochs run": len(run.history)}
                | {
                    "train acc": percent(run.final("accuracy")),
                    "validation acc": percent(run.final("val_accuracy")),
                    "test acc": percent(run.test_accuracy),
                    "tested on": run.test_source or MISSING,
                    "real MNIST test acc": percent(run.real_accuracy),
                    "real MNIST test images": f"{run.real_count:,}" if run.real_accuracy is not None else MISSING,
                    "seconds": round(run.seconds, 1),
                }
            )
        return pd.DataFrame(rows)

    def legend_labels(self, numbers: list[int]) -> dict[int, str]:
        """Each chosen run named by the settings that differ between the chosen runs, e.g. ``#2 · learning rate 0.01``.

        A run shown alone is named by its summary instead.
        """
        chosen = [run for run in self.runs if run.number in numbers]
        if len(chosen) == 1:
            return {chosen[0].number: f"#{chosen[0].number} · {chosen[0].config.summary}"}
        settings = {run.number: run.settings() for run in chosen}
        differing = [key for key in chosen[0].settings() if len({str(s[key]) for s in settings.values()}) > 1] if chosen else []
        labels = {}
        for run in chosen:
            words = [f"{_(key)} {settings[run.number][key]}" for key in differing] or [_("same settings")]
            labels[run.number] = " · ".join([f"#{run.number}", *words])
        return labels

    def comparison(self, numbers: list[int]) -> pd.DataFrame:
        """Long-format validation loss and accuracy of the chosen runs: ``epoch``, ``value``, ``metric``, ``run``."""
        labels = self.legend_labels(numbers)
        frames = []
        for run in self.runs:
            if run.number in labels:
                frame = epoch_frame(run.history, COMPARED).rename(columns={"series": "metric"})
                frames.append(frame.assign(run=labels[run.number]))
        if not frames:
            return pd.DataFrame(columns=["epoch", "value", "metric", "run"])
        return pd.concat(frames, ignore_index=True)
