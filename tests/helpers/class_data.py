"""Class-challenge data for tests: digits as the drawing pad hands them over, and a stand-in engine for page tests."""

from __future__ import annotations

import numpy as np
from PIL import Image


def canvas_of(digit_image: np.ndarray) -> np.ndarray:
    """A 28×28 digit (e.g. from t10k) as the drawing pad would hand it over: 280×280 RGBA, white ink on black."""
    big = np.asarray(Image.fromarray(digit_image).resize((280, 280), Image.Resampling.BILINEAR))
    return np.dstack([big, big, big, np.full_like(big, 255)])


class FakeJob:
    """A run as the engine's job book holds it (``id``, ``owner``, ``snapshot``, ``stop``), with a progress the test sets."""

    def __init__(self, job_id: int, owner: str | None, progress: object) -> None:
        self.id, self.owner, self.progress, self.stopped = job_id, owner, progress, False

    def snapshot(self) -> object:
        """The progress as the test set it."""
        return self.progress

    def stop(self) -> None:
        """Records that the teacher stopped it."""
        self.stopped = True
