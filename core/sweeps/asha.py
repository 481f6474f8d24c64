"""Early stopping of bad trials: the rule of ASHA (asynchronous successive halving), without Ray.

Rungs sit at ``grace × reduction**k`` epochs below the budget (1, 2, 4, ... for grace 1 and
reduction 2). The first time a trial reaches a rung, its validation accuracy is compared with
those of the trials that reached that rung before it: unless it is among the best
1/``reduction`` of them, it stops. The same decisions as Ray Tune's ``ASHAScheduler`` with one
bracket (a test checks this on made-up curves), so the local engine and Ray prune alike.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass, field

import numpy as np


@dataclass
class Decision:
    """What the rule says about one result.

    Attributes:
        keep: False means stop the trial now.
        reason: Why it stopped, in words (empty when kept).

    """

    keep: bool
    reason: str = ""


@dataclass
class SuccessiveHalving:
    """ASHA's stopping rule on one bracket.

    Args:
        max_epochs: Epochs per trial (the budget).
        grace_epochs: Epochs before the first rung.
        reduction: Only the best 1/``reduction`` of a rung go on.

    """

    max_epochs: int
    grace_epochs: int = 1
    reduction: int = 2
    _rungs: list[tuple[float, dict[Hashable, float]]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        count = int(math.log(self.max_epochs / self.grace_epochs) / math.log(self.reduction) + 1)
        self._rungs = [(self.grace_epochs * self.reduction**k, {}) for k in reversed(range(count))]

    @property
    def rungs(self) -> list[float]:
        """The epochs at which trials are compared, lowest first."""
        return [milestone for milestone, _ in reversed(self._rungs)]

    def cutoff(self, recorded: dict[Hashable, float]) -> float | None:
        """The accuracy a trial must reach at a rung: the (1 − 1/reduction) quantile of those recorded."""
        values = [value for value in recorded.values() if not math.isnan(value)]
        if not values:
            return None
        return float(np.percentile(values, (1 - 1 / self.reduction) * 100))

    def on_result(self, trial: Hashable, epoch: int, val_accuracy: float) -> Decision:
        """Records a trial's validation accuracy after ``epoch`` epochs and says whether it goes on."""
        if epoch >= self.max_epochs:
            return Decision(True)  # its last epoch: nothing left to save by stopping it
        for milestone, recorded in self._rungs:
            if epoch < milestone or trial in recorded:
                continue
            cutoff = self.cutoff(recorded)
            recorded[trial] = val_accuracy
            if cutoff is not None and val_accuracy < cutoff:
                return Decision(
                    False,
                    f"Stopped early: after {epoch} epoch(s) its validation accuracy ({val_accuracy:.1%}) was below "
                    f"{cutoff:.1%}, what the best 1/{self.reduction} of the trials that got this far reached.",
                )
            break
        return Decision(True)
