"""The largest network the lab will train, checked from the config before anything is built.

A student who types 100000000 dense units would otherwise get Keras' ``ResourceExhaustedError``
after a long wait, or quietly take the server's memory from everyone else. The default limit is
here, in one place; :func:`check_size` takes the limit as an argument so a teacher can set another.
"""

from __future__ import annotations

from core.modeling.config import ModelConfig
from core.modeling.size import ModelSize, describe_bytes, model_size

MAX_PARAMETERS = 5_000_000  # about 80 MB while training; the largest preset (wide-dense) has 467,713


def check_size(config: ModelConfig, max_parameters: int = MAX_PARAMETERS) -> ModelSize:
    """Refuses a network with more parameters than the limit.

    Args:
        config: The architecture.
        max_parameters: The most parameters allowed (default :data:`MAX_PARAMETERS`).

    Returns:
        The config's :class:`~core.modeling.size.ModelSize`, when it fits.

    Raises:
        ValueError: If the config is impossible, or too big: the sentence names its parameter
            count, the memory training it needs, the limit and what to change.

    """
    size = model_size(config)
    if size.parameters <= max_parameters:
        return size
    largest = size.largest_layer
    advice = "use fewer filters" if largest.kind == "Conv2D" else "use fewer dense units or filters"
    if largest.kind == "Dense" and config.conv_filters and not config.pooling:
        advice += ", or turn pooling on so fewer numbers reach the dense layers"
    raise ValueError(
        f"This network would have {size.parameters:,} parameters (about {describe_bytes(size.training_bytes)} "
        f"while training); the limit is {max_parameters:,} — {advice}."
    )
