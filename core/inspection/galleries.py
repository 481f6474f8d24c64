"""Which test images to show: mistakes of one confusion cell, the most uncertain, the most confident."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.i18n import _, percent
from core.inspection.evaluation import Evaluation
from core.prediction.verdict import chance_it_is

DEFAULT_LIMIT = 24


@dataclass(frozen=True)
class Tile:
    """One gallery image with what a student needs to read it.

    Attributes:
        index: Position in the evaluated test set.
        image: The H×W×C uint8 input.
        true_label: The true class name.
        predicted_label: The predicted class name.
        probability: The sigmoid output P(class 1) for two classes; the top probability for ten.
        probability_name: What ``probability`` is, in words, e.g. ``chance it is an 8``.

    """

    index: int
    image: np.ndarray
    true_label: str
    predicted_label: str
    probability: float
    probability_name: str = "p"

    @property
    def correct(self) -> bool:
        """True if the prediction is right."""
        return self.true_label == self.predicted_label

    def caption(self) -> str:
        """A short caption in the language in use: right or wrong, the true class, the answer, the chance as a percentage.

        Also the picture's alt text: ``✗ really 7 · said 8 · chance it is an 8: 97%``.
        """
        mark = "✓" if self.correct else "✗"
        return _("{mark} really {true} · said {said} · {what}: {chance}").format(
            mark=mark,
            true=self.true_label,
            said=self.predicted_label,
            what=self.probability_name,
            chance=percent(self.probability),
        )


def _check_class(evaluation: Evaluation, label: int) -> None:
    if not 0 <= label < len(evaluation.class_names):
        raise ValueError(
            _("There is no class {label}; this model knows {count} classes.").format(
                label=label, count=len(evaluation.class_names)
            )
        )


def confusion_cell(
    evaluation: Evaluation, true_label: int, predicted_label: int, threshold: float = 0.5, limit: int = DEFAULT_LIMIT
) -> np.ndarray:
    """Indices of the images in one confusion-matrix cell, the most confidently predicted first.

    Args:
        evaluation: The evaluated test set.
        true_label: Row of the cell (the true class).
        predicted_label: Column of the cell (the predicted class).
        threshold: The two-class decision threshold.
        limit: At most this many indices.

    Returns:
        Indices into the test set.

    Raises:
        ValueError: For a class the model does not know.

    """
    _check_class(evaluation, true_label)
    _check_class(evaluation, predicted_label)
    predicted = evaluation.predicted(threshold)
    found = np.flatnonzero((evaluation.labels == true_label) & (predicted == predicted_label))
    confidence = evaluation.probability_of_prediction(threshold)[found]
    return found[np.argsort(-confidence, kind="stable")][:limit]


def most_uncertain(evaluation: Evaluation, limit: int = DEFAULT_LIMIT) -> np.ndarray:
    """Indices of the images the model is least sure about, least sure first.

    For two classes: the sigmoid nearest 0.5. For ten: the smallest gap between the two
    most probable classes.
    """
    if evaluation.binary:
        distance = np.abs(evaluation.outputs[:, 0] - 0.5)
    else:
        top_two = np.sort(evaluation.outputs, axis=1)[:, -2:]
        distance = top_two[:, 1] - top_two[:, 0]
    return np.argsort(distance, kind="stable")[:limit]


def most_confident(evaluation: Evaluation, label: int, limit: int = DEFAULT_LIMIT) -> np.ndarray:
    """Indices of the images the model most firmly assigns to one class, firmest first.

    Args:
        evaluation: The evaluated test set.
        label: The class.
        limit: At most this many indices.

    Returns:
        Indices into the test set (true labels may differ: a confident mistake shows too).

    Raises:
        ValueError: For a class the model does not know.

    """
    _check_class(evaluation, label)
    if evaluation.binary:
        p = evaluation.outputs[:, 0]
        probability = p if label == 1 else 1 - p
    else:
        probability = evaluation.outputs[:, label]
    return np.argsort(-probability, kind="stable")[:limit]


def tiles(evaluation: Evaluation, indices: np.ndarray, threshold: float = 0.5) -> list[Tile]:
    """Gallery tiles for the given test-set indices."""
    predicted = evaluation.predicted(threshold)
    names = evaluation.class_names
    what = chance_it_is(names[1]) if evaluation.binary else _("chance of its answer")
    return [
        Tile(int(i), evaluation.images[i], names[evaluation.labels[i]], names[predicted[i]], float(evaluation.scores[i]), what)
        for i in np.asarray(indices, int)
    ]
