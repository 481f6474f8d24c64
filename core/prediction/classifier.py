"""A loaded model with its metadata: prepares any picture the model's way and predicts it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from core.prediction import predict, preprocess


@dataclass
class Classifier:
    """A loaded model with its metadata, ready to predict.

    Attributes:
        model: The Keras model.
        metadata: The saved JSON (or a minimal one for a bare ``.keras``).
        class_names: Names by label; for two classes the sigmoid is P(class_names[1]).

    """

    model: Any
    metadata: dict[str, Any]
    class_names: tuple[str, ...]

    @property
    def input_shape(self) -> tuple[int, int, int]:
        """The model's input height, width, channels."""
        return tuple(int(v) for v in self.model.input_shape[1:])  # type: ignore[return-value]

    @property
    def style(self) -> str:
        """How images are prepared: ``mnist``, ``ink`` or ``photo``."""
        return self.metadata.get("input_style") or ("mnist" if self.input_shape == (28, 28, 1) else "photo")

    def prepare(self, image: Any) -> preprocess.Prepared:
        """The model-ready input (and the steps) for one image."""
        return preprocess.prepare(image, self.input_shape, self.style)

    def predict(self, images: Any) -> list[predict.Prediction]:
        """Predicts PIL images, numpy arrays or file paths (one, or a list of them).

        Raises:
            image_io.ImageReadError: If an image cannot be read.
            preprocess.BlankImageError: If a drawing holds no ink.

        """
        if not isinstance(images, list | tuple):
            images = [images]
        batch = predict.prepare_many(images, self.input_shape, self.style)
        return self.predict_inputs(batch)

    def predict_inputs(self, inputs: np.ndarray) -> list[predict.Prediction]:
        """Predicts already prepared uint8 inputs (N×H×W×C)."""
        return predict.to_predictions(predict.output_probabilities(self.model, inputs), self.class_names)
