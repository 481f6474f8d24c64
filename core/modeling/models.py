"""Models from a plain config: the seeds' presets, every knob a field, checked before training.

A :class:`ModelConfig` is a dataclass of numbers and strings, so it fits in a JSON file, a
URL query string or a form. :func:`build_model` turns it into a Keras model that takes raw
0–255 pixels: a ``Rescaling`` layer inside does the scaling, so no caller can forget it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

ACTIVATIONS = ("relu", "tanh", "sigmoid", "elu", "gelu")
PADDINGS = ("valid", "same")
OPTIMIZERS = ("adam", "sgd", "rmsprop")


@dataclass(frozen=True)
class ModelConfig:
    """Every architectural choice a student may change.

    Attributes:
        input_shape: Height, width, channels of the raw uint8 input.
        num_classes: 2 gives one sigmoid output (P of class 1); 10 gives ten softmax outputs.
        conv_filters: Filters of each convolution block; empty for a dense-only network.
        kernel_size: Side of each square convolution kernel.
        stride: Step of the kernel; 2 halves the image like pooling does.
        padding: ``valid`` (the image shrinks by kernel−1) or ``same`` (it keeps its size).
        pooling: Max-pool after each convolution.
        pool_size: Side of the pooling window (2 halves the image).
        activation: Activation of the hidden layers.
        dense_units: Hidden dense layers after flattening.
        dropout: Fraction of features dropped before the output layer while training (0 = off).
        translation: Random shift while training, as a fraction of the image size (0 = off).
        rotation: Random rotation while training, as a fraction of a full turn (0 = off).
        zoom: Random zoom in or out while training, as a fraction (0 = off).

    """

    input_shape: tuple[int, int, int] = (28, 28, 1)
    num_classes: int = 2
    conv_filters: tuple[int, ...] = (32, 64)
    kernel_size: int = 3
    stride: int = 1
    padding: str = "valid"
    pooling: bool = True
    pool_size: int = 2
    activation: str = "relu"
    dense_units: tuple[int, ...] = ()
    dropout: float = 0.5
    translation: float = 0.0
    rotation: float = 0.0
    zoom: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (tuples become lists)."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> ModelConfig:
        """Builds a config from :meth:`to_dict` output, ignoring unknown keys.

        Raises:
            ValueError: If a value has the wrong type.

        """
        known = {f.name for f in fields(cls)}
        cleaned: dict[str, Any] = {}
        for key, value in values.items():
            if key not in known:
                continue
            if key in ("input_shape", "conv_filters", "dense_units"):
                value = tuple(int(v) for v in value)
            cleaned[key] = value
        return cls(**cleaned)

    @property
    def augmented(self) -> bool:
        """True if any training-time augmentation is on."""
        return bool(self.translation or self.rotation or self.zoom)

    def with_augmentation(self, translation: float = 0.1, rotation: float = 0.05, zoom: float = 0.1) -> ModelConfig:
        """The same model with random shifts, rotations and zoom while training."""
        return replace(self, translation=translation, rotation=rotation, zoom=zoom)


PRESETS: dict[str, ModelConfig] = {
    # seed 000: the classic Keras MNIST convnet, with a single sigmoid output
    "cnn": ModelConfig(),
    # seed 001: circles vs squares
    "tiny-cnn": ModelConfig(conv_filters=(8,), padding="same", dense_units=(10,), dropout=0.0),
    # seed 002: digit vs rest
    "dense": ModelConfig(conv_filters=(), dense_units=(128, 64), dropout=0.0),
    # seed 003: all ten digits
    "wide-dense": ModelConfig(conv_filters=(), dense_units=(512, 128), dropout=0.2),
}


def preset(name: str, **changes: Any) -> ModelConfig:
    """A preset by name, with any fields changed.

    Raises:
        ValueError: For an unknown preset name.

    """
    if name not in PRESETS:
        raise ValueError(f"Unknown preset {name!r}; choose one of {', '.join(PRESETS)}.")
    return replace(PRESETS[name], **changes)


def feature_map_sizes(config: ModelConfig) -> list[tuple[str, int, int]]:
    """Height and width after each convolution and pooling layer.

    Returns:
        ``(layer description, height, width)`` per layer, for showing how the image shrinks.

    """
    height, width = config.input_shape[:2]
    sizes = []
    for block, _filters in enumerate(config.conv_filters, start=1):
        if config.padding == "same":
            height, width = -(-height // config.stride), -(-width // config.stride)
        else:
            height = (height - config.kernel_size) // config.stride + 1
            width = (width - config.kernel_size) // config.stride + 1
        sizes.append((f"convolution {block}", height, width))
        if config.pooling and height >= 1 and width >= 1:
            height, width = height // config.pool_size, width // config.pool_size
            sizes.append((f"pooling {block}", height, width))
    return sizes


def validate(config: ModelConfig) -> None:
    """Checks that a config can be built, with a student-friendly reason if not.

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


def build_model(config: ModelConfig, name: str = "sigmoid_lab") -> Any:
    """Builds the (uncompiled) Keras model for a config.

    Args:
        config: The architecture.
        name: The Keras model name.

    Returns:
        A ``keras.Sequential`` taking raw 0–255 pixels.

    Raises:
        ValueError: If :func:`validate` refuses the config.

    """
    import keras
    from keras import layers

    validate(config)
    stack: list[Any] = [keras.Input(shape=config.input_shape, name="pixels")]
    if config.translation:
        stack.append(layers.RandomTranslation(config.translation, config.translation, fill_mode="constant", name="random_shift"))
    if config.rotation:
        stack.append(layers.RandomRotation(config.rotation, fill_mode="constant", name="random_rotation"))
    if config.zoom:
        stack.append(layers.RandomZoom(config.zoom, fill_mode="constant", name="random_zoom"))
    stack.append(layers.Rescaling(1.0 / 255, name="scale_0_1"))
    # Explicit names: Keras' automatic ones come from a global counter that two threads
    # building models at once (the page and a training job) can hand out twice.
    for block, filters in enumerate(config.conv_filters, start=1):
        conv = layers.Conv2D(
            filters,
            config.kernel_size,
            strides=config.stride,
            padding=config.padding,
            activation=config.activation,
            name=f"conv_{block}",
        )
        stack.append(conv)
        if config.pooling:
            stack.append(layers.MaxPooling2D(config.pool_size, name=f"pool_{block}"))
    stack.append(layers.Flatten(name="flatten"))
    stack += [
        layers.Dense(units, activation=config.activation, name=f"dense_{i}")
        for i, units in enumerate(config.dense_units, start=1)
    ]
    if config.dropout:
        stack.append(layers.Dropout(config.dropout, name="dropout"))
    if config.num_classes == 2:
        stack.append(layers.Dense(1, activation="sigmoid", name="output"))
    else:
        stack.append(layers.Dense(config.num_classes, activation="softmax", name="output"))
    return keras.Sequential(stack, name=name)


def check_optimizer(optimizer: str, learning_rate: float) -> None:
    """Checks the optimizer's name and learning rate before anything is built.

    Raises:
        ValueError: For an unknown optimizer or a learning rate that is not positive.

    """
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"Unknown optimizer {optimizer!r}; choose one of {', '.join(OPTIMIZERS)}.")
    if not learning_rate > 0:
        raise ValueError("The learning rate must be above 0 (try 0.001).")


def compile_model(model: Any, num_classes: int, optimizer: str = "adam", learning_rate: float = 1e-3) -> Any:
    """Compiles with the loss that fits the output: binary or sparse categorical cross-entropy.

    Raises:
        ValueError: For an unknown optimizer or a learning rate that is not positive.

    """
    import keras

    check_optimizer(optimizer, learning_rate)
    optimizers = {"adam": keras.optimizers.Adam, "sgd": keras.optimizers.SGD, "rmsprop": keras.optimizers.RMSprop}
    loss = "binary_crossentropy" if num_classes == 2 else "sparse_categorical_crossentropy"
    # XLA stays off: it was about 5× slower than plain TensorFlow on these CPUs.
    model.compile(optimizer=optimizers[optimizer](learning_rate), loss=loss, metrics=["accuracy"], jit_compile=False)
    return model


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


def layer_table(model: Any) -> list[LayerRow]:
    """Each layer's kind, output shape, parameter count and a one-line explanation."""
    rows = []
    for layer in model.layers:
        kind = type(layer).__name__
        shape = tuple(layer.output.shape[1:])
        explanation = LAYER_EXPLANATIONS.get(kind, "")
        if layer.name == "output":
            units = shape[-1]
            explanation = (
                "One sigmoid unit: a number between 0 and 1, the probability of the second class."
                if units == 1
                else f"{units} softmax units: one probability per class, adding up to 1."
            )
        rows.append(LayerRow(layer.name, kind, "×".join(str(s) for s in shape), layer.count_params(), explanation))
    return rows
