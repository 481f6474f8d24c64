"""The Sweep page's numbers as a student reads them: percentages with one decimal at most, "—" for nothing yet, units named."""

from __future__ import annotations

from typing import Any

import pandas as pd

from core.sweeps.snapshot import SweepSnapshot
from core.training.settings import divergence_advice
from views.widgets.numbers import pct

ENGINE_WORDS = {"local": "on this computer", "ray": "on the class's computers"}  # never the engine's name


def engine_words(engine: str) -> str:
    """Where the sweep's trials train, in plain words."""
    return ENGINE_WORDS.get(engine, "on the lab's computers")


def note(trial: Any) -> str:
    """A trial's note: a diverged one gets advice from its own learning rate."""
    error = trial.error or ""
    if "diverged" in error.lower():
        rate = float(trial.settings.get("lr", trial.values.get("lr", 0.001)))
        return f"Went wrong: the loss ran off to huge numbers. {divergence_advice(rate)}"
    return error or "—"


def trials_table(snap: SweepSnapshot) -> pd.DataFrame:
    """One row per trial: varied values, state, epochs done, validation loss and accuracy, test accuracy, note."""
    rows = []
    for trial in snap.trials:
        row = trial.row()
        loss = row.get("val loss")
        rows.append(
            row
            | {
                "epoch": f"{trial.epoch} of {trial.epochs}",
                "val loss": "—" if loss is None else f"{loss:.3f}",
                "val accuracy": pct(row.get("val accuracy")),
                "test accuracy": pct(row.get("test accuracy")),
                "note": note(trial),
            }
        )
    frame = pd.DataFrame(rows)
    return frame.rename(columns={"epoch": "epochs done", "val loss": "validation loss", "val accuracy": "validation accuracy"})


def shown(value: Any) -> str:
    """A varied value as a label: "—" for nothing, on/off for switches."""
    if value is None or (isinstance(value, float) and value != value):
        return "—"
    if isinstance(value, bool):
        return "on" if value else "off"
    return "none" if value == "" else str(value)
