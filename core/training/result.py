"""What a finished run leaves behind: the model with its data and scores, and the metadata saved beside it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from core.data import datasets as data_module
from core.training.train_config import TrainConfig

if TYPE_CHECKING:
    import keras


@dataclass
class TrainingResult:
    """What a finished (or stopped) job leaves behind."""

    model: keras.Model
    dataset: data_module.Dataset
    config: TrainConfig
    history: list[dict[str, float]]
    test_loss: float
    test_accuracy: float
    seconds: float


def metadata_for(result: TrainingResult, command: str = "") -> dict[str, Any]:
    """Everything worth saving beside the model: what it does, how it was made, how good it is.

    Args:
        result: The finished job's result.
        command: The command line that trained it, if any (recorded for reproducibility).

    """
    import keras
    import tensorflow as tf

    import core

    dataset = result.dataset
    class_names = list(dataset.class_names)
    return {
        "task": dataset.task.spec,
        "class_names": class_names,
        "sigmoid_means": class_names[1] if len(class_names) == 2 else None,
        "input_shape": list(dataset.input_shape),
        "input_style": dataset.task.input_style,
        "model_config": replace(result.config.model, input_shape=dataset.input_shape).to_dict(),
        "train_config": result.config.to_dict(),
        "data_source": dataset.source,
        "counts": dataset.counts(),
        "history": result.history,
        "test_metrics": {"loss": result.test_loss, "accuracy": result.test_accuracy},
        "train_seconds": round(result.seconds, 2),
        "parameters": int(result.model.count_params()),
        "command": command,
        "versions": {"sigmoid_lab": core.__version__, "keras": keras.__version__, "tensorflow": tf.__version__},
    }
