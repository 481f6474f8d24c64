"""Checking a network's config, and the optimizer's settings, before anything is built.

Every refusal is a sentence a student understands: which setting, and what would work instead.
"""

from __future__ import annotations

from core.modeling.config import ACTIVATIONS, OPTIMIZERS, PADDINGS, ModelConfig
from core.modeling.layers import feature_map_sizes


def validate(config: ModelConfig) -> None:
    """Checks that a config can be built, with a student-friendly reason if not.

    Args:
        config: The architecture.

    Raises:
        ValueError: For a stack that shrinks the image below one pixel, zero filters or
            units, an unknown activation or padding, or an out-of-range dropout.

    """
    height, width, channels = config.input_shape
    if min(height, width, channels) < 1:
        raise ValueError("The input must be at least 1×1 pixel with at least one channel.")
    if config.num_classes not in (2, 10):
        raise ValueError("This lab builds two-class (sigmoid) or ten-class (softmax) models.")
    if any(f < 1 for f in config.conv_filters):
        raise ValueError("Every convolution block needs at least one filter: a block with 0 filters sees nothing.")
    if any(u < 1 for u in config.dense_units):
        raise ValueError("Every dense layer needs at least one unit.")
    if config.kernel_size < 1 or config.stride < 1 or config.pool_size < 1:
        raise ValueError("Kernel size, stride and pooling size must each be at least 1.")
    if config.activation not in ACTIVATIONS:
        raise ValueError(f"Unknown activation {config.activation!r}; choose one of {', '.join(ACTIVATIONS)}.")
    if config.padding not in PADDINGS:
        raise ValueError("Padding must be 'valid' (the image shrinks) or 'same' (it keeps its size).")
    if not 0 <= config.dropout < 1:
        raise ValueError("Dropout is the fraction of features switched off: it must be at least 0 and below 1.")
    for name in ("translation", "rotation", "zoom"):
        if not 0 <= getattr(config, name) <= 0.5:
            raise ValueError(f"The {name} augmentation must be between 0 and 0.5.")
    if config.padding == "valid" and config.conv_filters and config.kernel_size > min(height, width):
        raise ValueError(f"A {config.kernel_size}×{config.kernel_size} kernel does not fit in a {height}×{width} image.")
    for layer, h, w in feature_map_sizes(config):
        if h < 1 or w < 1:
            raise ValueError(
                f"Too many layers for a {height}×{width} image: after {layer} nothing would be left "
                f"({max(h, 0)}×{max(w, 0)} pixels). Use fewer convolution blocks, 'same' padding, "
                "stride 1 or no pooling."
            )


def check_optimizer(optimizer: str, learning_rate: float) -> None:
    """Checks the optimizer's name and learning rate before anything is built.

    Args:
        optimizer: ``adam``, ``sgd`` or ``rmsprop``.
        learning_rate: The step size.

    Raises:
        ValueError: For an unknown optimizer or a learning rate that is not positive.

    """
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"Unknown optimizer {optimizer!r}; choose one of {', '.join(OPTIMIZERS)}.")
    if not learning_rate > 0:
        raise ValueError("The learning rate must be above 0 (try 0.001).")
