"""Test-set metrics with scikit-learn: accuracy, loss, ROC AUC, confusion matrix, at any threshold."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn import metrics

from core import data, predict
from core.registry import Classifier


@dataclass(frozen=True)
class Evaluation:
    """Outputs and labels of a test set, from which every metric is derived.

    Attributes:
        outputs: N×K raw model outputs.
        labels: N true task labels.
        class_names: Names by label.
        images: The N inputs (for galleries).

    """

    outputs: np.ndarray
    labels: np.ndarray
    class_names: tuple[str, ...]
    images: np.ndarray

    @property
    def binary(self) -> bool:
        """True for a sigmoid (two-class) model."""
        return self.outputs.shape[1] == 1

    @property
    def scores(self) -> np.ndarray:
        """P(class 1) for two classes; the top probability for ten."""
        return self.outputs[:, 0] if self.binary else self.outputs.max(axis=1)

    def predicted(self, threshold: float = 0.5) -> np.ndarray:
        """Predicted labels; for two classes, class 1 where the sigmoid ≥ threshold."""
        if self.binary:
            return (self.outputs[:, 0] >= threshold).astype(int)
        return self.outputs.argmax(axis=1)

    def loss(self) -> float:
        """Mean cross-entropy, as Keras computes it."""
        probabilities = np.hstack([1 - self.outputs, self.outputs]) if self.binary else self.outputs
        return float(metrics.log_loss(self.labels, np.clip(probabilities, 1e-7, 1 - 1e-7), labels=range(probabilities.shape[1])))

    def summary(self, threshold: float = 0.5) -> dict[str, float]:
        """Accuracy, loss, precision, recall and F1 (and ROC AUC for two classes) at a threshold."""
        predicted = self.predicted(threshold)
        average = "binary" if self.binary else "macro"
        result = {
            "accuracy": float(metrics.accuracy_score(self.labels, predicted)),
            "loss": self.loss(),
            "precision": float(metrics.precision_score(self.labels, predicted, average=average, zero_division=0)),
            "recall": float(metrics.recall_score(self.labels, predicted, average=average, zero_division=0)),
            "f1": float(metrics.f1_score(self.labels, predicted, average=average, zero_division=0)),
        }
        if self.binary and len(np.unique(self.labels)) == 2:
            result["roc_auc"] = float(metrics.roc_auc_score(self.labels, self.outputs[:, 0]))
        return result

    def confusion(self, threshold: float = 0.5) -> np.ndarray:
        """Confusion matrix: rows are true classes, columns predicted classes."""
        return metrics.confusion_matrix(self.labels, self.predicted(threshold), labels=range(len(self.class_names)))

    def roc(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """False-positive rates, true-positive rates and thresholds (two classes only)."""
        return metrics.roc_curve(self.labels, self.outputs[:, 0])


def evaluate(classifier: Classifier, images: np.ndarray, digits: np.ndarray) -> Evaluation:
    """Runs a model over MNIST-style test digits, keeping those its task counts.

    Args:
        classifier: The loaded model.
        images: N×28×28 (or N×28×28×1) uint8 digits.
        digits: Their digit labels 0–9 (for ``shapes``/``folder`` models: their task labels).

    Raises:
        ValueError: If no test image belongs to the model's task.

    """
    task = data.parse_task(classifier.metadata.get("task", "folder"))
    if task.is_mnist:
        mask, labels = task.labels_for(digits)
        images = images[mask]
    else:
        labels = np.asarray(digits)
    if images.ndim == 3:
        images = images[..., None]
    if not len(images):
        raise ValueError(f"None of the test images belong to the task {task.spec}.")
    if images.shape[1:] != classifier.input_shape:
        raise ValueError(f"The model takes {classifier.input_shape} images, the test set has {images.shape[1:]}.")
    outputs = predict.output_probabilities(classifier.model, images)
    return Evaluation(outputs, np.asarray(labels, int), classifier.class_names, images)
