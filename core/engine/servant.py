"""The tasks a worker process runs: everything that needs Keras, behind a fixed table of names.

Runs inside worker processes (local or Ray), never in the web server. Models are loaded once per
file version and kept warm (a small LRU), so a drawing's answer costs one compiled model call.
Only the names in :data:`TASKS` can be asked for; arguments are plain data (paths, arrays,
configs), never code.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from core.engine.base import ModelRef, TaskContext
from core.engine.training_task import train

MODEL_CACHE = 8  # models kept loaded per worker: a class switches between a handful


_models: OrderedDict[ModelRef, Any] = OrderedDict()
_models_lock = threading.Lock()


def classifier(ref: ModelRef) -> Any:
    """The loaded :class:`core.prediction.classifier.Classifier` for a file version (cached).

    Raises:
        core.storage.registry.ModelFileError: If the file is missing, corrupt or unsafe.

    """
    from core.storage import registry

    with _models_lock:
        if ref in _models:
            _models.move_to_end(ref)
            return _models[ref]
    loaded = registry.load(ref.path)
    with _models_lock:
        _models[ref] = loaded
        while len(_models) > MODEL_CACHE:
            _models.popitem(last=False)
    return loaded


def warm(context: TaskContext) -> int:
    """Imports TensorFlow and Keras now, so the first real task does not wait for them."""
    import keras  # noqa: F401
    import tensorflow  # noqa: F401

    return os.getpid()


def describe(context: TaskContext, ref: ModelRef) -> dict[str, Any]:
    """What a light handle needs to know of a model: metadata, class names, input shape, style."""
    loaded = classifier(ref)
    return {
        "metadata": loaded.metadata,
        "class_names": tuple(loaded.class_names),
        "input_shape": loaded.input_shape,
        "style": loaded.style,
        "parameters": int(loaded.model.count_params()),
    }


def outputs(context: TaskContext, ref: ModelRef, images: np.ndarray) -> np.ndarray:
    """Raw model outputs (N×K) for prepared uint8 inputs."""
    from core.prediction import predict

    return predict.output_probabilities(classifier(ref).model, images)


def evaluate(context: TaskContext, ref: ModelRef, images: np.ndarray, labels: np.ndarray, **options: Any) -> Any:
    """:func:`core.inspection.evaluation.evaluate` on this worker."""
    from core.inspection import evaluation

    return evaluation.evaluate(classifier(ref), images, labels, **options)


def inspect(context: TaskContext, ref: ModelRef, what: str, *args: Any) -> Any:
    """One look inside a model, by name.

    The names: ``layer_table``, ``has_convolutions``, ``first_filters``, ``feature_maps``,
    ``saliency``, ``morph``, ``class_probabilities``, ``latent_map`` and ``activations``.

    Raises:
        ValueError: For any other name.

    """
    from core.inspection import inside, latent
    from core.modeling import models

    looks = {
        "layer_table": models.layer_table,
        "has_convolutions": inside.has_convolutions,
        "first_filters": inside.first_filters,
        "feature_maps": inside.feature_maps,
        "saliency": inside.saliency,
        "morph": inside.morph,
        "class_probabilities": inside.class_probabilities,
        "latent_map": latent.latent_map,
        "activations": latent.activations,
    }
    if what not in looks:
        raise ValueError(f"Unknown look inside a model: {what!r}.")
    return looks[what](classifier(ref).model, *args)


def save_model(context: TaskContext, model_bytes: bytes, name: str, metadata: dict[str, Any], folder: str, **options: Any) -> str:
    """Saves a trained model (sent as ``.keras`` bytes) atomically into ``folder``; returns its path."""
    from core.storage import registry

    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "model.keras"
        path.write_bytes(model_bytes)
        model = registry.load_keras_model(path)
        return str(registry.save(model, name, metadata, folder=Path(folder), **options))


def import_upload(context: TaskContext, *args: Any, **options: Any) -> Any:
    """:func:`core.storage.model_upload.import_uploaded` on this worker (it loads the file in safe mode)."""
    from core.storage import model_upload

    return model_upload.import_uploaded(*args, **options)


def load_dataset(context: TaskContext, *args: Any, **options: Any) -> Any:
    """:func:`core.data.datasets.load_dataset` on this worker (class folders are read with TensorFlow)."""
    from core.data import datasets

    return datasets.load_dataset(*args, **options)


TASKS: dict[str, Callable[..., Any]] = {
    "warm": warm,
    "train": train,
    "describe": describe,
    "outputs": outputs,
    "evaluate": evaluate,
    "inspect": inspect,
    "save_model": save_model,
    "import_upload": import_upload,
    "load_dataset": load_dataset,
}


def browser_model(context: TaskContext, ref: ModelRef) -> dict[str, Any] | None:
    """:func:`core.prediction.browser_model.export` of a model, or ``None`` when the browser cannot run it."""
    from core.prediction import browser_model as exporter

    loaded = classifier(ref)
    try:
        return exporter.export(loaded.model, loaded.style)
    except exporter.UnsupportedModelError:
        return None


TASKS["browser_model"] = browser_model
