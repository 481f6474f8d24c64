"""How big a network is before it is built: its parameters and the memory training them takes.

Pure arithmetic over :func:`core.modeling.layers.planned_layers`. Training with Adam keeps four
float32 numbers per parameter: the weight, its gradient and Adam's two running averages (SGD and
RMSprop keep fewer, so this is the most any optimizer here needs). The activations of a batch
come on top; for the small networks of this lab they are far smaller than a network too big to train.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.modeling.config import ModelConfig
from core.modeling.layers import LayerRow, planned_layers
from core.modeling.validation import validate

BYTES_PER_NUMBER = 4  # float32
COPIES_WHILE_TRAINING = 4  # weights, gradients and Adam's two slots (first and second moments)


@dataclass(frozen=True)
class ModelSize:
    """The parameter count and memory of a network.

    Attributes:
        parameters: Learned numbers (weights and biases), as Keras' ``count_params()`` counts them.
        layers: The layer table the count comes from.

    """

    parameters: int
    layers: tuple[LayerRow, ...]

    @property
    def weight_bytes(self) -> int:
        """Memory of the weights alone (what a saved model holds)."""
        return self.parameters * BYTES_PER_NUMBER

    @property
    def training_bytes(self) -> int:
        """Memory of the weights, their gradients and Adam's two slot copies while training."""
        return self.weight_bytes * COPIES_WHILE_TRAINING

    @property
    def largest_layer(self) -> LayerRow:
        """The layer holding the most parameters."""
        return max(self.layers, key=lambda row: row.parameters)


def model_size(config: ModelConfig) -> ModelSize:
    """Counts a config's parameters without building it.

    Args:
        config: The architecture.

    Returns:
        Its :class:`ModelSize`.

    Raises:
        ValueError: If :func:`core.modeling.validation.validate` refuses the config.

    """
    validate(config)
    rows = tuple(planned_layers(config))
    return ModelSize(sum(row.parameters for row in rows), rows)


def describe_bytes(count: int) -> str:
    """A memory size for people: ``0.5 GB``, ``80 MB``, ``12 KB`` (decimal units, about two digits)."""
    for unit, size in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if count >= size:
            value = count / size
            return f"{value:.1f} {unit}" if value < 10 else f"{value:,.0f} {unit}"
    return f"{count} bytes"
