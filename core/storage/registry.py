"""The saved-models registry in one namespace, for the pages and the command line.

The work is done by one module each: names (:mod:`core.storage.names`), the atomic save and its
repair (:mod:`core.storage.saving`), listing and deleting (:mod:`core.storage.listing`), safe
loading (:mod:`core.storage.loading`) and the one-line description (:mod:`core.storage.describe`).
A page writes ``registry.load(name)`` without knowing which of them holds ``load``.
"""

from core.prediction.classifier import Classifier
from core.storage.describe import classes_text, describe_model
from core.storage.listing import delete, list_models
from core.storage.loading import load, load_keras_model
from core.storage.names import (
    DEFAULT_MODELS_DIR,
    MODELS_ENV,
    SHIPPED_MODELS,
    ModelFileError,
    check_name,
    check_name_quietly,
    models_dir,
    resolve,
)
from core.storage.saving import read_metadata, save

__all__ = [
    "DEFAULT_MODELS_DIR",
    "MODELS_ENV",
    "SHIPPED_MODELS",
    "Classifier",
    "ModelFileError",
    "check_name",
    "check_name_quietly",
    "classes_text",
    "delete",
    "describe_model",
    "list_models",
    "load",
    "load_keras_model",
    "models_dir",
    "read_metadata",
    "resolve",
    "save",
]
