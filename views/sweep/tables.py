"""The Sweep page's numbers as a student reads them: percentages with one decimal at most, "—" for nothing yet, units named."""

from __future__ import annotations

from typing import Any

import pandas as pd

from core.i18n import N_, _
from core.sweeps.snapshot import SweepSnapshot
from core.training.settings import divergence_advice
from views.widgets.numbers import pct

METRIC_TITLES = {"val_loss": N_("Validation loss"), "val_accuracy": N_("Validation accuracy")}
BEST = "best val accuracy"  # the outcomes' column (core.sweeps.snapshot)
BEST_WORDS = N_("best validation accuracy")
ENGINE_WORDS = {"local": N_("on this computer"), "ray": N_("on the class's computers")}  # never the engine's name
HEADERS = {
    "trial": N_("trial"),
    "state": N_("state"),
    "epochs done": N_("epochs done"),
    "validation loss": N_("validation loss"),
    "validation accuracy": N_("validation accuracy"),
    "test accuracy": N_("test accuracy"),
    "note": N_("note"),
}


def engine_words(engine: str) -> str:
    """Where the sweep's trials train, in plain words."""
    return _(ENGINE_WORDS.get(engine, N_("on the lab's computers")))


def note(trial: Any) -> str:
    """A trial's note: a diverged one gets advice from its own learning rate."""
    error = trial.error or ""
    if "diverged" in error.lower():
        rate = float(trial.settings.get("lr", trial.values.get("lr", 0.001)))
        return _("Went wrong: the loss ran off to huge numbers. {advice}").format(advice=divergence_advice(rate))
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
                "epoch": _("{done} of {epochs}").format(done=trial.epoch, epochs=trial.epochs),
                "val loss": "—" if loss is None else f"{loss:.3f}",
                "val accuracy": pct(row.get("val accuracy")),
                "test accuracy": pct(row.get("test accuracy")),
                "note": note(trial),
            }
        )
    frame = pd.DataFrame(rows)
    frame = frame.rename(columns={"epoch": "epochs done", "val loss": "validation loss", "val accuracy": "validation accuracy"})
    for column in frame.columns:
        if column in frame and frame[column].map(lambda v: v is None).any():
            frame[column] = frame[column].map(shown)  # "—", never None
    return frame.rename(columns=lambda c: _(HEADERS[c]) if c in HEADERS else hyperparameter_words(c))


def hyperparameter_words(label: str) -> str:
    """A varied setting's column header in the student's language (its English label is the trial row's key)."""
    return _(label)


def status(snap: SweepSnapshot) -> str:
    """The sentence a screen reader hears as the sweep goes on: "Sweep: 2 of 4 trials ended, best validation accuracy 96%"."""
    ended = sum(1 for trial in snap.trials if trial.done)
    best = max((t.best_val_accuracy for t in snap.trials if t.best_val_accuracy is not None), default=None)
    sentence = _("Sweep: {ended} of {count} trials ended").format(ended=ended, count=len(snap.trials))
    if best is None:
        return sentence + "."
    return _("{sentence}, best validation accuracy {accuracy}.").format(sentence=sentence, accuracy=pct(best))


def shown(value: Any) -> str:
    """A varied value as a label: "—" for nothing, on/off for switches."""
    if value is None or (isinstance(value, float) and value != value):
        return "—"
    if isinstance(value, bool):
        return _("on") if value else _("off")
    return _("none") if value == "" else str(value)


def outcomes_numbers(outcomes: pd.DataFrame) -> pd.DataFrame:
    """The outcomes table as text: "—" for nothing, percentages with one decimal at most."""
    frame = outcomes.drop(columns=["label"]).copy()
    for column in frame.columns:
        frame[column] = frame[column].map(pct) if column == BEST else frame[column].map(shown)
    return frame.rename(columns={BEST: _(BEST_WORDS)}).rename(columns=_)


def as_text(numbers: pd.DataFrame) -> pd.DataFrame:
    """A chart's numbers as a student reads them: accuracies as percentages, losses to three decimals, "—" for nothing."""
    frame = numbers.copy()
    if {"metric", "value"} <= set(frame.columns):
        frame["value"] = [pct(v) if m == "val_accuracy" else f"{v:.3f}" for v, m in zip(frame.value, frame.metric, strict=True)]
        frame["metric"] = frame.metric.map(lambda m: _(METRIC_TITLES[m]) if m in METRIC_TITLES else m)
        frame = frame.drop(columns=[c for c in ("label",) if c in frame.columns])
    for column in frame.columns:
        if "accuracy" in str(column) and pd.api.types.is_numeric_dtype(frame[column]):
            frame[column] = frame[column].map(pct)
    return frame.rename(columns={BEST: _(BEST_WORDS)}).rename(columns=lambda c: _(str(c)))
