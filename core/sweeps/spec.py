"""What a sweep tries: which hyperparameters vary and how, its budget, and early stopping.

A :class:`SweepSpec` starts from the Train page's settings and varies one to four of them, each
with a list of values (a grid: every combination) or a range (random search: ``trials`` samples).
:meth:`SweepSpec.validate` checks everything before any work starts and explains what is wrong.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from core.i18n import N_, _
from core.sweeps.params import hyperparameter
from core.training import settings as train_settings

MAX_AXES = 4
MAX_TRIALS = 64
MAX_EPOCHS = 50
SEARCHES = ("grid", "random")

NOTHING_PICKED = N_("Pick at least one hyperparameter to vary.")  # a fresh form's guidance, not an error


@dataclass(frozen=True)
class Axis:
    """One varied hyperparameter: a list of values, or a range ``low``..``high`` for random search.

    Values are parsed on construction, so ``Axis("lr", ("0.01", "0.1"))`` holds floats.

    Raises:
        ValueError: For an unknown hyperparameter or a value it cannot take.

    """

    key: str
    values: tuple[Any, ...] = ()
    low: float | None = None
    high: float | None = None

    def __post_init__(self) -> None:
        knob = hyperparameter(self.key)
        object.__setattr__(self, "values", tuple(knob.parse(value) for value in self.values))
        if len(set(self.values)) < len(self.values):
            raise ValueError(_("The {setting} list names a value twice; list each value once.").format(setting=knob.words))

    @property
    def is_range(self) -> bool:
        """True for a range (random search only)."""
        return self.low is not None or self.high is not None

    def check_range(self) -> None:
        """Raises a ValueError with a sentence if this range cannot be sampled."""
        knob = hyperparameter(self.key)
        if not knob.numeric:
            raise ValueError(_("The {setting} has no range: list the values to try instead.").format(setting=knob.words))
        if self.low is None or self.high is None or not self.low < self.high:
            raise ValueError(_("The {setting} range must go from a smaller number to a bigger one.").format(setting=knob.words))
        knob.check(knob.parse(self.low))
        knob.check(knob.parse(self.high))  # the log knobs' limits start above 0

    def sample(self, rng: random.Random) -> Any:
        """One random value: from the list, or from the range (evenly in powers of ten for a log knob)."""
        knob = hyperparameter(self.key)
        if not self.is_range:
            return rng.choice(self.values)
        low, high = float(self.low), float(self.high)  # type: ignore[arg-type]
        value = math.exp(rng.uniform(math.log(low), math.log(high))) if knob.log else rng.uniform(low, high)
        return round(value) if knob.kind == "int" else float(f"{value:.3g}")


@dataclass(frozen=True)
class SweepSpec:
    """A sweep's plan.

    Attributes:
        axes: The varied hyperparameters (1 to 4).
        search: ``grid`` (every combination of the lists) or ``random`` (``trials`` samples).
        trials: How many trials a random search runs.
        max_trials: The budget: a sweep never runs more trials than this.
        epochs: Epochs per trial (replaces the settings' epochs).
        early_stopping: Stop trials whose validation accuracy falls behind (ASHA's rule).
        grace_epochs: Epochs every trial trains before it may be stopped early.
        reduction: At each rung of epochs only the best 1/``reduction`` go on.
        seed: Seed of the random search (the same seed samples the same trials).

    """

    axes: tuple[Axis, ...]
    search: str = "grid"
    trials: int = 8
    max_trials: int = 16
    epochs: int = 3
    early_stopping: bool = False
    grace_epochs: int = 1
    reduction: int = 2
    seed: int = 0

    @property
    def keys(self) -> tuple[str, ...]:
        """The varied settings' keys, in order."""
        return tuple(axis.key for axis in self.axes)

    def trial_values(self) -> list[dict[str, Any]]:
        """The varied values of each trial, in the order they will run."""
        if self.search == "grid":
            return [dict(zip(self.keys, combo, strict=True)) for combo in itertools.product(*(a.values for a in self.axes))]
        rng = random.Random(self.seed)
        return [{axis.key: axis.sample(rng) for axis in self.axes} for _ in range(self.trials)]

    def validate(self, base: Mapping[str, Any]) -> list[dict[str, Any]]:
        """Checks the plan against the Train page's settings ``base``.

        Returns:
            Every trial's full settings, in order.

        Raises:
            ValueError: With a sentence saying what to change.

        """
        self._check_shape()
        trials = [{**train_settings.DEFAULTS, **base, **values, "epochs": self.epochs} for values in self.trial_values()]
        if self.search == "grid" and len(trials) > self.max_trials:
            raise ValueError(
                _(
                    "This grid makes {trials} trials but the budget allows {budget}: remove some values or raise the budget."
                ).format(trials=len(trials), budget=self.max_trials)
            )
        for number, trial in enumerate(trials, start=1):
            try:
                train_settings.to_config(trial)
            except ValueError as error:
                shown = ", ".join(f"{key}={trial[key]}" for key in self.keys)
                raise ValueError(
                    _("Trial {number} ({values}) cannot run: {error}").format(number=number, values=shown, error=error)
                ) from None
            if self.early_stopping and not float(trial["val"]) > 0:
                raise ValueError(_("Early stopping compares validation accuracy, so it needs a validation split above 0."))
        return trials

    def _check_shape(self) -> None:
        if not self.axes:
            raise ValueError(_(NOTHING_PICKED))
        if len(self.axes) > MAX_AXES:
            raise ValueError(
                _("Vary at most {most} hyperparameters at once: more would be too many trials to compare.").format(most=MAX_AXES)
            )
        if len(set(self.keys)) < len(self.keys):
            raise ValueError(_("Each hyperparameter can be varied only once in a sweep."))
        if self.search not in SEARCHES:
            raise ValueError(_("The search must be 'grid' (every combination) or 'random' (a number of random trials)."))
        if not 1 <= self.max_trials <= MAX_TRIALS:
            raise ValueError(_("The budget must be from 1 to {most} trials.").format(most=MAX_TRIALS))
        if not 1 <= self.epochs <= MAX_EPOCHS:
            raise ValueError(_("Each trial must train for 1 to {most} epochs.").format(most=MAX_EPOCHS))
        for axis in self.axes:
            label = hyperparameter(axis.key).words
            if self.search == "grid" and (axis.is_range or not axis.values):
                raise ValueError(
                    _("A grid needs a list of {setting} values; a range works with random search.").format(setting=label)
                )
            if self.search == "random" and axis.is_range:
                axis.check_range()
            elif not axis.values:
                raise ValueError(_("Give the {setting} a list of values or a range.").format(setting=label))
        if self.search == "random" and not 1 <= self.trials <= self.max_trials:
            raise ValueError(_("A random search runs from 1 to {most} trials (the budget).").format(most=self.max_trials))
        if self.early_stopping:
            if self.reduction < 2 or self.grace_epochs < 1:
                raise ValueError(
                    _("Early stopping needs at least 1 grace epoch and keeps at most half the trials (reduction 2 or more).")
                )
            if self.epochs <= self.grace_epochs:
                raise ValueError(
                    _(
                        "With {epochs} epoch(s) per trial and {grace} grace epoch(s) no trial can be stopped "
                        "early: train for more epochs or turn early stopping off."
                    ).format(epochs=self.epochs, grace=self.grace_epochs)
                )
