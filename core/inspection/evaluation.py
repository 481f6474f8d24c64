"""Test-set metrics with scikit-learn: accuracy, loss, ROC AUC, confusion matrix, at any threshold."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn import metrics
from sklearn.calibration import calibration_curve

from core.data import tasks
from core.data.splits import channels_last
from core.i18n import _
from core.prediction import predict
from core.prediction.classifier import Classifier


@dataclass(frozen=True)
class Evaluation:
    """Outputs and labels of a test set, from which every metric is derived.

    Attributes:
        outputs: N×K raw model outputs.
        labels: N true task labels.
        class_names: Names by label.
        images: The N inputs (for galleries).
        source: One sentence on where the test images came from.

    """

    outputs: np.ndarray
    labels: np.ndarray
    class_names: tuple[str, ...]
    images: np.ndarray
    source: str = ""

    def __len__(self) -> int:
        return len(self.labels)

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

    def probability_of_prediction(self, threshold: float = 0.5) -> np.ndarray:
        """The probability the model gives its own answer, per image (0.5–1 for two classes at 0.5)."""
        if self.binary:
            p = self.outputs[:, 0]
            return np.where(self.predicted(threshold) == 1, p, 1 - p)
        return self.outputs.max(axis=1)

    def loss(self) -> float:
        """Mean cross-entropy, as Keras computes it."""
        probabilities = np.hstack([1 - self.outputs, self.outputs]) if self.binary else self.outputs
        return float(metrics.log_loss(self.labels, np.clip(probabilities, 1e-7, 1 - 1e-7), labels=range(probabilities.shape[1])))

    def summary(self, threshold: float = 0.5) -> dict[str, float]:
        """Accuracy, loss, precision, recall and F1 (and ROC AUC for two classes) at a threshold.

        For two classes, precision, recall and F1 are those of class 1 (what the sigmoid
        measures); for ten classes they are the unweighted mean over the classes.
        """
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
        """False-positive rates, true-positive rates and thresholds (two classes only).

        Raises:
            ValueError: For a ten-class model or a test set holding one class only.

        """
        self._require_roc()
        return metrics.roc_curve(self.labels, self.outputs[:, 0])

    def roc_point(self, threshold: float = 0.5) -> tuple[float, float]:
        """The (false-positive rate, true-positive rate) the threshold gives: its point on the ROC curve.

        Raises:
            ValueError: For a ten-class model or a test set holding one class only.

        """
        self._require_roc()
        (tn, fp), (fn, tp) = self.confusion(threshold)
        return float(fp / (fp + tn)), float(tp / (tp + fn))

    def _require_roc(self) -> None:
        if not self.binary:
            raise ValueError(
                _("A trade-off curve needs a model with one answer from 0 to 1; this model picks among ten classes.")
            )
        if len(np.unique(self.labels)) != 2:
            raise ValueError(_("A trade-off curve needs test pictures of both classes; this test set holds only one."))

    def calibration(self, bins: int = 10) -> tuple[np.ndarray, np.ndarray]:
        """Reliability curve: per bin of predicted P(class 1), the mean prediction and the true fraction.

        Returns:
            ``(mean predicted probability, fraction of class 1)`` for the non-empty bins.

        Raises:
            ValueError: For a ten-class model.

        """
        if not self.binary:
            raise ValueError(_("The honest-chances chart is drawn only for models with one answer from 0 to 1."))
        fraction, mean_predicted = calibration_curve(self.labels, self.outputs[:, 0], n_bins=bins, strategy="uniform")
        return mean_predicted, fraction

    def confusion_cells(self, threshold: float = 0.5) -> list[tuple[int, int, int]]:
        """The off-diagonal (mistake) cells with at least one image, most images first.

        Returns:
            ``(true label, predicted label, count)`` triples.

        """
        matrix = self.confusion(threshold)
        cells = [(t, p, int(matrix[t, p])) for t in range(len(matrix)) for p in range(len(matrix)) if t != p and matrix[t, p]]
        return sorted(cells, key=lambda cell: -cell[2])


def evaluate(
    classifier: Classifier,
    images: np.ndarray,
    digits: np.ndarray,
    task_labels: bool = False,
    source: str = "",
    batch_size: int = predict.EVAL_BATCH,
) -> Evaluation:
    """Runs a model over MNIST-style test digits, keeping those its task counts.

    Args:
        classifier: The loaded model.
        images: N×28×28 (or N×28×28×1) uint8 digits.
        digits: Their digit labels 0–9 (for ``shapes``/``folder`` models: their task labels).
        task_labels: True if ``digits`` are already task labels (e.g. ``Dataset.y_test``).
        source: One sentence on where the images came from.
        batch_size: Images per prediction call.

    Returns:
        The :class:`Evaluation`.

    Raises:
        ValueError: If no test image belongs to the model's task, or the image size does
            not fit the model.

    """
    task = tasks.parse_task(classifier.metadata.get("task", "folder"))
    if task.is_mnist and not task_labels:
        mask, labels = task.labels_for(digits)
        images = images[mask]
    else:
        labels = np.asarray(digits)
    images = channels_last(images)
    if not len(images):
        raise ValueError(_("None of the test pictures belong to the task {task}.").format(task=task.spec))
    if images.shape[1:] != classifier.input_shape:
        raise ValueError(
            _("The model takes pictures of {wanted}, the test set has {found}.").format(
                wanted="×".join(map(str, classifier.input_shape)), found="×".join(map(str, images.shape[1:]))
            )
        )
    if len(labels) and int(np.max(labels)) >= len(classifier.class_names):
        raise ValueError(
            _("The test labels go up to {top} but the model knows {count} classes.").format(
                top=int(np.max(labels)), count=len(classifier.class_names)
            )
        )
    outputs = predict.output_probabilities(classifier.model, images, batch_size)
    return Evaluation(outputs, np.asarray(labels, int), classifier.class_names, images, source)
