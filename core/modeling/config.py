"""What a network is: :class:`ModelConfig`, every knob a field, and the seed tutorials' presets.

A config is a dataclass of numbers and strings, so it fits in a JSON file, a URL query string or
a form. Nothing here imports Keras.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
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
