"""Fast predictions for one image or many, with labels and confidences a student can read."""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from core import i18n
from core.i18n import _
from core.prediction import image_io, preprocess

EVAL_BATCH = 2048  # measured fastest for whole test sets on this CPU


@dataclass(frozen=True)
class Prediction:
    """The model's answer for one image.

    Attributes:
        label: The predicted class name.
        confidence: Probability of that label (0.5–1 for two classes).
        probability: The raw sigmoid output, P(second class); for ten classes the top probability.
        probabilities: Class name → probability.

    """

    label: str
    confidence: float
    probability: float
    probabilities: dict[str, float]


class NonFiniteOutputError(ValueError):
    """The model answered with NaN or infinity: its weights are broken, so no answer can be shown."""


def check_finite(outputs: np.ndarray) -> np.ndarray:
    """The outputs, if every one is a real number.

    Raises:
        NonFiniteOutputError: Saying how many pictures got no real answer, and what to do.

    """
    broken = int(np.count_nonzero(~np.isfinite(outputs).all(axis=-1))) if outputs.size else 0
    if broken:
        raise NonFiniteOutputError(
            _(
                "The model's answer for {broken} of {total} pictures is not a number at all (NaN), so no "
                "answer can be shown. Its weights are broken, probably because its training blew up: train it again "
                "with a smaller learning rate."
            ).format(broken=i18n.number(broken), total=i18n.number(len(outputs)))
        )
    return outputs


_compiled: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()
_compiled_lock = threading.Lock()


def compiled_forward(model: Any) -> Any:
    """The model's inference pass as one traced TensorFlow function, made once per model.

    Calling a concrete function skips the per-call input checks and retracing logic of
    ``predict_on_batch`` (about 0.2 ms of its ~0.8 ms for one image) and all of
    ``model.predict``'s set-up (about 60–75 ms here). XLA stays off: it recompiles for every
    new batch size and was slower on this CPU.
    """
    import tensorflow as tf

    with _compiled_lock:
        if model not in _compiled:
            spec = tf.TensorSpec([None, *model.input_shape[1:]], tf.uint8)
            _compiled[model] = tf.function(lambda images: model(images, training=False)).get_concrete_function(spec)
        return _compiled[model]


def output_probabilities(model: Any, images: np.ndarray, batch_size: int = EVAL_BATCH) -> np.ndarray:
    """Raw model outputs for ready uint8 inputs, through :func:`compiled_forward`.

    Args:
        model: A Keras model taking uint8 pixels.
        images: N×H×W×C uint8 inputs.
        batch_size: Images per call for big sets (bounds memory).

    Returns:
        N×K float32 outputs (K = 1 for a sigmoid, 10 for softmax).

    Raises:
        NonFiniteOutputError: If any output is NaN or infinite.

    """
    if len(images) == 0:
        return np.zeros((0, model.output_shape[-1]), np.float32)
    forward = compiled_forward(model)
    images = np.asarray(images, np.uint8)
    chunks = [images[i : i + batch_size] for i in range(0, len(images), batch_size)]
    if len(chunks) == 1:
        return check_finite(np.asarray(forward(chunks[0]), np.float32))
    # TensorFlow runs each op on one thread here (see core/__init__.py) and lets go of the GIL
    # meanwhile, so chunks predicted side by side use every core.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        outputs = list(pool.map(lambda chunk: np.asarray(forward(chunk)), chunks))
    return check_finite(np.concatenate(outputs).astype(np.float32))


def to_predictions(outputs: np.ndarray, class_names: Sequence[str]) -> list[Prediction]:
    """Turns raw outputs into :class:`Prediction` objects."""
    results = []
    for row in check_finite(np.asarray(outputs, np.float64)):
        if row.shape[-1] == 1:
            p = float(row[0])
            probabilities = {class_names[0]: 1.0 - p, class_names[1]: p}
            label = class_names[1] if p >= 0.5 else class_names[0]
            results.append(Prediction(label, max(p, 1.0 - p), p, probabilities))
        else:
            best = int(np.argmax(row))
            probabilities = {name: float(v) for name, v in zip(class_names, row, strict=True)}
            results.append(Prediction(class_names[best], float(row[best]), float(row[best]), probabilities))
    return results


def prepare_many(images: Iterable[Any], input_shape: tuple[int, int, int], style: str) -> np.ndarray:
    """Prepares each image with :func:`core.prediction.preprocess.prepare` and stacks them."""
    return np.stack([preprocess.prepare(image, input_shape, style).input for image in images])


@dataclass(frozen=True)
class FileResult:
    """One uploaded file's outcome: a prediction, or the reason it has none.

    Attributes:
        name: The file name.
        prediction: The answer, or ``None`` if the file could not be used.
        error: A sentence for the student when there is no prediction.
        prepared: The model input and its steps (``None`` with an error).

    """

    name: str
    prediction: Prediction | None = None
    error: str | None = None
    prepared: preprocess.Prepared | None = None


class _Predictor(Protocol):
    """What :func:`predict_files` needs of a classifier (a :class:`core.storage.registry.Classifier`)."""

    class_names: tuple[str, ...]

    def prepare(self, image: Any) -> preprocess.Prepared: ...

    def predict_inputs(self, inputs: np.ndarray) -> list[Prediction]: ...


def predict_files(classifier: _Predictor, files: Iterable[tuple[str, Any]]) -> list[FileResult]:
    """Prepares every file on its own and predicts the usable ones in one batch.

    An unreadable or blank file gets its own error message; the others are still predicted.

    Args:
        classifier: A loaded :class:`core.storage.registry.Classifier`.
        files: ``(name, source)`` pairs; a source is anything :func:`core.prediction.preprocess.prepare` reads.

    Returns:
        One :class:`FileResult` per file, in the given order.

    """
    results: list[FileResult] = []
    for name, source in files:
        try:
            results.append(FileResult(name, prepared=classifier.prepare(source)))
        except (image_io.ImageReadError, preprocess.BlankImageError) as error:
            results.append(FileResult(name, error=f"{name}: {error}"))
    usable = [i for i, result in enumerate(results) if result.prepared is not None]
    if usable:
        batch = np.stack([results[i].prepared.input for i in usable])  # type: ignore[union-attr]
        for i, prediction in zip(usable, classifier.predict_inputs(batch), strict=True):
            results[i] = FileResult(results[i].name, prediction, None, results[i].prepared)
    return results


def results_table(results: Sequence[FileResult], class_names: Sequence[str]) -> list[dict[str, Any]]:
    """One row per file for a table or CSV: prediction, confidence, the raw output and any error."""
    rows = []
    for result in results:
        row: dict[str, Any] = {"file": result.name, "prediction": "", "confidence": None}
        prediction = result.prediction
        if len(class_names) == 2:
            row[f"sigmoid P({class_names[1]})"] = round(prediction.probability, 6) if prediction else None
        if prediction:
            row.update(prediction=prediction.label, confidence=round(prediction.confidence, 6))
        row["error"] = result.error or ""
        rows.append(row)
    return rows
