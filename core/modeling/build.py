"""Building and compiling the Keras model for a :class:`~core.modeling.config.ModelConfig`.

The model takes raw 0–255 pixels: a ``Rescaling`` layer inside does the scaling, so no caller can
forget it. Keras is imported inside the functions only, so importing this module stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.modeling.config import ModelConfig
from core.modeling.validation import check_optimizer, validate

if TYPE_CHECKING:
    import keras


def build_model(config: ModelConfig, name: str = "sigmoid_lab") -> keras.Model:
    """Builds the (uncompiled) Keras model for a config.

    Layer names are fixed (``conv_1``, ``pool_1``, ``dense_1``, ``output`` ...):
    :func:`core.modeling.layers.planned_layers` predicts them, and Keras' automatic names come
    from a global counter that two threads building models at once can hand out twice.

    Args:
        config: The architecture.
        name: The Keras model name.

    Returns:
        A ``keras.Sequential`` taking raw 0–255 pixels.

    Raises:
        ValueError: If :func:`core.modeling.validation.validate` refuses the config.

    """
    import keras
    from keras import layers

    validate(config)
    stack: list[keras.Layer] = [keras.Input(shape=config.input_shape, name="pixels")]
    if config.translation:
        stack.append(layers.RandomTranslation(config.translation, config.translation, fill_mode="constant", name="random_shift"))
    if config.rotation:
        stack.append(layers.RandomRotation(config.rotation, fill_mode="constant", name="random_rotation"))
    if config.zoom:
        stack.append(layers.RandomZoom(config.zoom, fill_mode="constant", name="random_zoom"))
    stack.append(layers.Rescaling(1.0 / 255, name="scale_0_1"))
    for block, filters in enumerate(config.conv_filters, start=1):
        stack.append(
            layers.Conv2D(
                filters,
                config.kernel_size,
                strides=config.stride,
                padding=config.padding,
                activation=config.activation,
                name=f"conv_{block}",
            )
        )
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


def compile_model(model: keras.Model, num_classes: int, optimizer: str = "adam", learning_rate: float = 1e-3) -> keras.Model:
    """Compiles with the loss that fits the output: binary or sparse categorical cross-entropy.

    Args:
        model: A model from :func:`build_model`.
        num_classes: 2 (one sigmoid output) or 10 (softmax).
        optimizer: ``adam``, ``sgd`` or ``rmsprop``.
        learning_rate: The optimizer's step size.

    Returns:
        The same model, compiled with accuracy as its metric.

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
