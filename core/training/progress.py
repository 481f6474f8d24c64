"""Live training progress: the snapshot a page reads while a job trains (no Keras here)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from core.training.run_state import RunState

# Cross-entropy of clipped probabilities stays below about 16 per image; far beyond that the
# weights have blown up even if the numbers are still finite.
DIVERGED_LOSS = 100.0
DIVERGED_MESSAGE = (
    "Training diverged: the loss became {value}. The learning rate is probably too high; "
    "try one ten times smaller (e.g. 0.001 for Adam)."
)


@dataclass
class Progress:
    """What a training job has done so far; copied out whole for the UI to read.

    Attributes:
        state: Where the job stands (never ``PRUNED``: that is a sweep's trial's); a string
            given here is read as the state it names.
        epoch: The current epoch, counting from 1 (0 before training starts).
        epochs: Epochs asked for.
        batch: Batches done in the current epoch.
        batches: Batches per epoch.
        batch_loss, batch_accuracy: One value per training batch (of that batch alone).
        epoch_history: One dict per finished epoch: ``loss``, ``accuracy`` and, with a
            validation split, ``val_loss`` and ``val_accuracy``.
        elapsed_s: Seconds since training started.
        eta_s: Estimated seconds left (``None`` until the first batch).
        samples_per_s: Training throughput.
        error: Why the job failed, in plain words (empty otherwise).
        queue_position: Jobs ahead of this one while queued.
        paused: True while queued behind a queue the teacher has paused.

    """

    state: RunState = RunState.QUEUED
    epoch: int = 0
    epochs: int = 0
    batch: int = 0
    batches: int = 0
    batch_loss: list[float] = field(default_factory=list)
    batch_accuracy: list[float] = field(default_factory=list)
    epoch_history: list[dict[str, float]] = field(default_factory=list)
    elapsed_s: float = 0.0
    eta_s: float | None = None
    samples_per_s: float = 0.0
    error: str = ""
    queue_position: int = 0
    paused: bool = False

    def __setattr__(self, name: str, value: Any) -> None:
        # A state may arrive as its string (from a test, an old pickle): it is a RunState from here on.
        super().__setattr__(name, RunState(value) if name == "state" else value)

    def copy(self) -> Progress:
        """A deep-enough copy for a reader in another thread."""
        return replace(
            self,
            batch_loss=list(self.batch_loss),
            batch_accuracy=list(self.batch_accuracy),
            epoch_history=[dict(record) for record in self.epoch_history],
        )

    @property
    def fraction_done(self) -> float:
        """Share of all batches done, 0 to 1."""
        total = self.epochs * self.batches
        if not total:
            return 0.0
        return min(1.0, ((max(self.epoch, 1) - 1) * self.batches + self.batch) / total)

    @property
    def done(self) -> bool:
        """True once the job can change no more."""
        return self.state.ended
