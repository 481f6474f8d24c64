"""A saved model as the web server holds it: metadata and preparation here, the network in a worker.

:class:`ModelHandle` offers what :class:`core.prediction.classifier.Classifier` offers the pages
(``class_names``, ``metadata``, ``input_shape``, ``style``, ``prepare``, ``predict_inputs``),
plus evaluation and looks inside, without holding a Keras object. Preparing a picture is
numpy/scipy/PIL work and stays in the caller's process; only the 28×28 input crosses to the
worker, where the model is loaded once per file version and kept warm.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from core.engine.base import ModelRef
from core.prediction import preprocess
from core.prediction.predict import Prediction, prepare_many, to_predictions

if TYPE_CHECKING:
    from core.engine.engine import Engine
    from core.inspection.evaluation import Evaluation


class ModelHandle:
    """One model file version, served by an engine's worker.

    Args:
        path: The ``.keras`` file.
        engine: Runs the model (default: :func:`core.engine.get_engine`).

    Raises:
        core.storage.registry.ModelFileError: If the file is missing, corrupt or unsafe.

    """

    def __init__(self, path: str | Path, engine: Engine | None = None) -> None:
        from core.engine import get_engine
        from core.storage.registry import ModelFileError

        self.path = Path(path)
        try:
            self.ref = ModelRef.of(self.path)
        except FileNotFoundError:
            raise ModelFileError(f"The model {self.path.stem!r} is gone (was it deleted?).") from None
        self._engine = engine or get_engine()
        info = self._engine.call("describe", self.ref)
        self.metadata: dict[str, Any] = info["metadata"]
        self.class_names: tuple[str, ...] = tuple(info["class_names"])
        self.input_shape: tuple[int, int, int] = tuple(info["input_shape"])  # type: ignore[assignment]
        self.style: str = info["style"]
        self.parameters: int = info["parameters"]

    @property
    def name(self) -> str:
        """The model's name (its file name without ``.keras``)."""
        return self.path.stem

    def prepare(self, image: Any) -> preprocess.Prepared:
        """The model-ready input (and the steps) for one picture, computed here."""
        return preprocess.prepare(image, self.input_shape, self.style)

    def outputs(self, inputs: np.ndarray) -> np.ndarray:
        """Raw outputs (N×K) for prepared uint8 inputs (N×H×W×C)."""
        return self._engine.call("outputs", self.ref, np.ascontiguousarray(inputs, np.uint8))

    def predict_inputs(self, inputs: np.ndarray) -> list[Prediction]:
        """Answers for prepared inputs."""
        return to_predictions(self.outputs(inputs), self.class_names)

    def predict(self, images: Any) -> list[Prediction]:
        """Answers for pictures (PIL images, arrays, bytes or paths; one or a list)."""
        if not isinstance(images, list | tuple):
            images = [images]
        return self.predict_inputs(prepare_many(images, self.input_shape, self.style))

    def evaluate(self, images: np.ndarray, labels: np.ndarray, **options: Any) -> Evaluation:
        """:func:`core.inspection.evaluation.evaluate`, run by the worker."""
        return self._engine.call("evaluate", self.ref, images, labels, **options)

    def inspect(self, what: str, *args: Any) -> Any:
        """One look inside (see :func:`core.engine.servant.inspect` for the names)."""
        return self._engine.call("inspect", self.ref, what, *args)

    def browser_model(self) -> dict[str, Any] | None:
        """The model as the Draw page's pad runs it (:func:`core.prediction.browser_model.export`), or ``None``."""
        return self._engine.call("browser_model", self.ref)
