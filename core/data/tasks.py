"""Tasks: what a model tells apart, written as short strings a student can type."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from core.data import shapes

_PAIR = re.compile(r"^([0-9])-vs-([0-9])$")
_REST = re.compile(r"^([0-9])-vs-rest$")


@dataclass(frozen=True)
class Task:
    """What the model tells apart.

    Attributes:
        spec: The task string, e.g. ``7-vs-8``.
        kind: ``pair``, ``rest``, ``digits``, ``shapes`` or ``folder``.
        digits: The MNIST digits involved (``(7, 8)``, ``(3,)``, all ten, or none).

    """

    spec: str
    kind: str
    digits: tuple[int, ...] = ()

    @property
    def is_mnist(self) -> bool:
        """True for the tasks built from MNIST digits."""
        return self.kind in ("pair", "rest", "digits")

    @property
    def input_style(self) -> str:
        """How pictures are prepared for it: ``mnist`` digits, drawn ``ink`` shapes or ``photo``."""
        if self.is_mnist:
            return "mnist"
        return "ink" if self.kind == "shapes" else "photo"

    @property
    def num_classes(self) -> int:
        """10 for all digits, else 2."""
        return 10 if self.kind == "digits" else 2

    def default_class_names(self) -> tuple[str, ...]:
        """Class names by label; for two classes label 1 is what the sigmoid measures."""
        if self.kind == "pair":
            return (str(self.digits[0]), str(self.digits[1]))
        if self.kind == "rest":
            return (f"not {self.digits[0]}", str(self.digits[0]))
        if self.kind == "digits":
            return tuple(str(d) for d in range(10))
        if self.kind == "shapes":
            return shapes.CLASS_NAMES
        return ("class 0", "class 1")

    def labels_for(self, digits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Selects the digits that count for this task and maps them to labels.

        Args:
            digits: MNIST digit labels.

        Returns:
            ``(mask, labels)``: which samples count, and their task labels.

        """
        digits = np.asarray(digits)
        if self.kind == "pair":
            mask = np.isin(digits, self.digits)
            return mask, (digits[mask] == self.digits[1]).astype(np.uint8)
        if self.kind == "rest":
            return np.ones(len(digits), bool), (digits == self.digits[0]).astype(np.uint8)
        if self.kind == "digits":
            return np.ones(len(digits), bool), digits.astype(np.uint8)
        raise ValueError(f"The task {self.spec!r} is not made of MNIST digits.")


def parse_task(spec: str) -> Task:
    """Reads a task string.

    Raises:
        ValueError: For anything but ``A-vs-B``, ``A-vs-rest``, ``digits``, ``shapes`` or ``folder``.

    """
    spec = spec.strip().lower()
    if match := _PAIR.match(spec):
        a, b = int(match[1]), int(match[2])
        if a == b:
            raise ValueError(f"A task needs two different digits; {spec!r} names {a} twice.")
        return Task(spec, "pair", (a, b))
    if match := _REST.match(spec):
        return Task(spec, "rest", (int(match[1]),))
    if spec in ("digits", "shapes", "folder"):
        return Task(spec, spec, tuple(range(10)) if spec == "digits" else ())
    raise ValueError(f"Unknown task {spec!r}. Use A-vs-B (e.g. 7-vs-8), A-vs-rest (e.g. 3-vs-rest), digits, shapes or folder.")
