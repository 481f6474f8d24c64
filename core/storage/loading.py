"""Loading a saved model with Keras' safe mode: code inside a model file never runs."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from core.prediction.classifier import Classifier
from core.storage.names import ModelFileError, resolve
from core.storage.saving import read_metadata

if TYPE_CHECKING:
    import keras


def load_keras_model(path: Path) -> keras.Model:
    """Loads a ``.keras`` file with safe mode on, uncompiled.

    Args:
        path: The ``.keras`` file.

    Returns:
        The Keras model.

    Raises:
        ModelFileError: Naming the file, for a corrupt, unsafe or unreadable file.

    """
    import keras

    if not zipfile.is_zipfile(path):
        raise ModelFileError(f"{path.name} is not a Keras model file (a .keras file is a zip archive; this one is not).")
    try:
        return keras.models.load_model(path, safe_mode=True, compile=False)
    except Exception as error:  # Keras raises many kinds; all mean "not a usable model"
        text = str(error).replace(str(path.parent), "")  # server folders mean nothing to a student
        if "safe_mode" in text or "Lambda" in text:
            raise ModelFileError(
                f"{path.name} contains its own program code (a Keras Lambda layer), and the lab never runs code "
                "from a model file, so it cannot be used."
            ) from None
        if "config.json" in text:  # a zip, but not the kind Keras writes
            raise ModelFileError(
                f"{path.name} is a zip archive but not a Keras model: the description of the network is missing "
                "inside it (no config.json)."
            ) from None
        raise ModelFileError(
            f"{path.name} is not a usable Keras model: {text.splitlines()[0][:200] if text else type(error).__name__}"
        ) from None


def load(name_or_path: str | Path, folder: Path | None = None) -> Classifier:
    """Loads a saved model by name, or any ``.keras`` file by path, with its metadata.

    Args:
        name_or_path: A saved model's name or a ``.keras`` path.
        folder: Where saved models are (default :func:`core.storage.names.models_dir`).

    Returns:
        The :class:`~core.prediction.classifier.Classifier`; a file without metadata gets
        generic class names.

    Raises:
        ModelFileError: If the model is missing, corrupt, unsafe or does not match its metadata.

    """
    path = resolve(name_or_path, folder)
    model = load_keras_model(path)
    metadata = read_metadata(path)
    outputs = int(model.output_shape[-1])
    class_names = tuple(
        metadata.get("class_names") or (("class 0", "class 1") if outputs == 1 else [str(i) for i in range(outputs)])
    )
    if len(class_names) != (2 if outputs == 1 else outputs):
        raise ModelFileError(f"{path.name} has {outputs} outputs but its metadata names {len(class_names)} classes.")
    if len(model.input_shape) != 4:
        raise ModelFileError(f"{path.name} does not take images (its input shape is {model.input_shape}).")
    return Classifier(model, metadata, class_names)
