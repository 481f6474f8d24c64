"""The layer table of a network, worked out from its config by arithmetic, without Keras.

Names, kinds, output shapes and parameter counts are exactly those :func:`core.modeling.build.build_model`
gives the Keras layers (the tests compare them), so a page can show a model's summary, and check its
size, without building anything. :func:`layer_table` describes an already built or loaded model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core.modeling.config import ModelConfig

if TYPE_CHECKING:
    import keras

LAYER_EXPLANATIONS = {
    "RandomTranslation": "Training only: shifts the image a little so the model learns digits anywhere.",
    "RandomRotation": "Training only: tilts the image a little.",
    "RandomZoom": "Training only: makes the image a little bigger or smaller.",
    "Rescaling": "Turns pixels 0–255 into numbers between 0 and 1.",
    "Conv2D": "Slides small learned kernels over the image; each kernel makes one feature map.",
    "MaxPooling2D": "Keeps the largest value of each window: a 2×2 window halves width and height.",
    "Flatten": "Lays the feature maps out as one long list of numbers.",
    "Dense": "Every input connects to every unit, with a learned weight each.",
    "Dropout": "Training only: switches off random features so the model cannot rely on a few.",
}


@dataclass(frozen=True)
class LayerRow:
    """One row of a model summary table."""

    name: str
    kind: str
    output_shape: str
    parameters: int
    explanation: str = field(default="")


def _explain(name: str, kind: str, shape: tuple[int, ...]) -> str:
    if name != "output":
        return LAYER_EXPLANATIONS.get(kind, "")
    units = shape[-1]
    if units == 1:
        return "One sigmoid unit: a number between 0 and 1, the probability of the second class."
    return f"{units} softmax units: one probability per class, adding up to 1."


def _row(name: str, kind: str, shape: tuple[int, ...], parameters: int) -> LayerRow:
    return LayerRow(name, kind, "×".join(str(s) for s in shape), parameters, _explain(name, kind, shape))


def _after_conv(side: int, config: ModelConfig) -> int:
    if config.padding == "same":
        return -(-side // config.stride)
    return (side - config.kernel_size) // config.stride + 1


def feature_map_sizes(config: ModelConfig) -> list[tuple[str, int, int]]:
    """Height and width after each convolution and pooling layer.

    Returns:
        ``(layer description, height, width)`` per layer, for showing how the image shrinks.

    """
    height, width = config.input_shape[:2]
    sizes = []
    for block, _filters in enumerate(config.conv_filters, start=1):
        height, width = _after_conv(height, config), _after_conv(width, config)
        sizes.append((f"convolution {block}", height, width))
        if config.pooling and height >= 1 and width >= 1:
            height, width = height // config.pool_size, width // config.pool_size
            sizes.append((f"pooling {block}", height, width))
    return sizes


def planned_layers(config: ModelConfig) -> list[LayerRow]:
    """The layers :func:`core.modeling.build.build_model` makes for a config, worked out by arithmetic.

    Call :func:`core.modeling.validation.validate` first: an impossible config gives sizes below 1.

    Args:
        config: The architecture.

    Returns:
        One :class:`LayerRow` per Keras layer, in order, as :func:`layer_table` would describe it.

    """
    shape = tuple(config.input_shape)
    rows = []
    for name, kind, on in (
        ("random_shift", "RandomTranslation", config.translation),
        ("random_rotation", "RandomRotation", config.rotation),
        ("random_zoom", "RandomZoom", config.zoom),
        ("scale_0_1", "Rescaling", True),
    ):
        if on:
            rows.append(_row(name, kind, shape, 0))
    sizes = iter(feature_map_sizes(config))
    for block, filters in enumerate(config.conv_filters, start=1):
        _, height, width = next(sizes)
        parameters = (config.kernel_size**2 * shape[-1] + 1) * filters
        shape = (height, width, filters)
        rows.append(_row(f"conv_{block}", "Conv2D", shape, parameters))
        if config.pooling:
            _, height, width = next(sizes)
            shape = (height, width, filters)
            rows.append(_row(f"pool_{block}", "MaxPooling2D", shape, 0))
    features = shape[0] * shape[1] * shape[2]
    rows.append(_row("flatten", "Flatten", (features,), 0))
    for index, units in enumerate(config.dense_units, start=1):
        rows.append(_row(f"dense_{index}", "Dense", (units,), (features + 1) * units))
        features = units
    if config.dropout:
        rows.append(_row("dropout", "Dropout", (features,), 0))
    outputs = 1 if config.num_classes == 2 else config.num_classes
    rows.append(_row("output", "Dense", (outputs,), (features + 1) * outputs))
    return rows


def layer_table(model: keras.Model) -> list[LayerRow]:
    """Each layer of a built or loaded Keras model: kind, output shape, parameter count, explanation."""
    rows = []
    for layer in model.layers:
        shape = tuple(int(s) for s in layer.output.shape[1:])
        rows.append(_row(layer.name, type(layer).__name__, shape, int(layer.count_params())))
    return rows
