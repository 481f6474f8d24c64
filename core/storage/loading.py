"""Loading a saved model: checked without Keras first (:mod:`core.storage.model_check`), then Keras' safe mode."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from core.prediction.classifier import Classifier
from core.storage.model_check import check_output, inspect_file
from core.storage.names import ModelFileError, resolve
from core.storage.network_size import NetworkFacts
from core.storage.saving import read_metadata

if TYPE_CHECKING:
    import keras


def load_keras_model(path: Path, file_name: str | None = None) -> keras.Model:
    """Checks a ``.keras`` file without Keras (:func:`core.storage.model_check.inspect_file`), then loads it uncompiled in safe mode.

    Args:
        path: The ``.keras`` file.
        file_name: The name the student knows it by (default: the file's own name).

    Returns:
        The Keras model.

    Raises:
        ModelFileError: Naming the file, for a corrupt, unsafe, too big or unreadable file.

    """
    return load_checked(path, file_name)[0]


def load_checked(path: Path, file_name: str | None = None) -> tuple[keras.Model, NetworkFacts]:
    """:func:`load_keras_model`, also handing back what the checks found out about the network."""
    import keras

    file_name = file_name or path.name
    facts = inspect_file(path, file_name)
    try:
        return keras.models.load_model(path, safe_mode=True, compile=False), facts
    except MemoryError:
        raise ModelFileError(f"{file_name} is too big to open here.") from None
    except Exception as error:  # Keras raises many kinds; all mean "not a usable model"
        text = str(error).replace(str(path), file_name).replace(str(path.parent), "")  # server folders mean nothing to a student
        if "OOM" in text or "ResourceExhausted" in type(error).__name__:
            raise ModelFileError(f"{file_name} is too big to open here.") from None
        if "safe_mode" in text or "Lambda" in text:
            raise ModelFileError(
                f"{file_name} contains its own program code, and the lab never runs code from a model file, so it cannot be used."
            ) from None
        first = text.splitlines()[0][:200] if text else type(error).__name__
        raise ModelFileError(f"{file_name} is not a usable Keras model ({first}).") from None


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
    model, facts = load_checked(path)
    check_output(facts, path.name)
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
