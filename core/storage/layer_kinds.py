"""Which kinds of layer a model file may hold: plain Keras image layers only, never code or files.

Read from ``config.json`` before Keras builds anything. A layer that carries program code
(``Lambda``), loads another saved model from disk (``TFSMLayer``), reads a word list from a file
(``StringLookup`` and the other lookup layers) or is a class Keras does not ship (a custom
layer) is refused with a sentence saying which and why. Keras' safe mode is a second lock behind this one.
"""

from __future__ import annotations

from typing import Any

from core.storage.names import ModelFileError

LAYERS = frozenset(
    {
        *("InputLayer", "Rescaling", "Conv2D", "MaxPooling2D", "AveragePooling2D", "Flatten", "Dense", "Dropout"),
        *("RandomTranslation", "RandomRotation", "RandomZoom", "RandomFlip", "RandomContrast", "RandomBrightness"),
        *("GlobalAveragePooling2D", "GlobalMaxPooling2D", "SpatialDropout2D", "GaussianNoise", "BatchNormalization"),
        *("LayerNormalization", "Activation", "ReLU", "LeakyReLU", "Softmax", "Reshape", "ZeroPadding2D", "Add"),
        "Concatenate",
    }
)
HELPERS = {
    "keras": {"Sequential", "DTypePolicy", "FloatDTypePolicy"},
    "keras.src.models.functional": {"Functional"},
    "keras.layers": LAYERS,
    "keras.initializers": {
        *("GlorotUniform", "GlorotNormal", "HeUniform", "HeNormal", "LecunUniform", "LecunNormal", "Zeros", "Ones"),
        *("RandomUniform", "RandomNormal", "TruncatedNormal", "Constant", "VarianceScaling", "Orthogonal"),
    },
    "keras.regularizers": {"L1", "L2", "L1L2"},
    "keras.constraints": {"MaxNorm", "NonNeg", "UnitNorm", "MinMaxNorm"},
    None: {"__keras_tensor__", "__tuple__"},  # how Keras writes a layer's inputs
}
ACTIVATIONS = frozenset(
    {
        *("linear", "relu", "sigmoid", "softmax", "tanh", "elu", "selu", "gelu", "silu", "swish", "softplus"),
        *("softsign", "leaky_relu", "relu6", "hard_sigmoid", "hard_silu", "hard_swish", "mish", "log_softmax"),
    }
)
LOOKUPS = frozenset({"StringLookup", "IntegerLookup", "IndexLookup", "TextVectorization", "Hashing", "Normalization"})
NEVER_RUN = "the lab never runs code or opens other files on behalf of a model file, so it cannot be used"


def refusal(file_name: str, kind: str, module: Any = "keras.layers") -> ModelFileError:
    """The sentence for one refused kind of layer (or object) in a model file.

    Args:
        file_name: The file's name as the student chose it.
        kind: The ``class_name`` found in ``config.json``.
        module: Its ``module`` there (``None`` or a non-Keras module for custom classes).

    Returns:
        A :class:`~core.storage.names.ModelFileError` to raise.

    """
    if kind in ("Lambda", "__lambda__", "function"):
        return ModelFileError(f"{file_name} contains its own program code (a Keras Lambda layer), and {NEVER_RUN}.")
    if kind == "TFSMLayer":
        return ModelFileError(
            f"{file_name} asks to load another saved model from a folder on the computer (a Keras TFSMLayer), and {NEVER_RUN}."
        )
    if kind in LOOKUPS:
        return ModelFileError(
            f"{file_name} has a {kind} layer, which can read a word list or table from a file on the computer, and "
            f"{NEVER_RUN}. The lab takes image networks only."
        )
    if module is None or not str(module).startswith("keras"):
        return ModelFileError(
            f"{file_name} uses a layer called {kind!r} that its author programmed (not one Keras ships), and {NEVER_RUN}."
        )
    return ModelFileError(
        f"{file_name} uses a kind of layer the lab does not take ({kind}); it accepts image networks made of plain "
        "layers such as Conv2D, MaxPooling2D, Flatten, Dense and Dropout."
    )


def check_kinds(config: Any, file_name: str) -> None:
    """Walks a whole ``config.json`` and refuses anything outside the allow-lists above.

    The optimizer and loss (``compile_config``) are skipped: models are loaded uncompiled, so
    Keras never reads them.

    Args:
        config: The parsed ``config.json``.
        file_name: The file's name, for the sentence.

    Raises:
        ModelFileError: At the first refused kind, activation or nested model.

    """
    stack: list[tuple[Any, int]] = [(config, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, list):
            stack.extend((item, depth) for item in node)
            continue
        if not isinstance(node, dict):
            continue
        if "class_name" in node:
            _check_object(node, file_name, depth)
            depth += node["class_name"] in ("Sequential", "Functional")
        activation = node.get("activation")
        if isinstance(activation, str) and activation not in ACTIVATIONS:
            raise ModelFileError(f"{file_name} uses an activation the lab does not know ({activation[:40]!r}).")
        stack.extend((value, depth) for key, value in node.items() if key != "compile_config")


def _check_object(node: dict[str, Any], file_name: str, depth: int) -> None:
    kind, module, registered = node.get("class_name"), node.get("module"), node.get("registered_name")
    if not isinstance(kind, str) or not isinstance(module, str | None):
        raise ModelFileError(f"{file_name} is damaged: its network description names a layer kind that is not a word.")
    if kind == "function" and module == "keras.activations" and node.get("config") in ACTIVATIONS:
        return  # a built-in activation written out in full
    if kind in ("Sequential", "Functional") and depth > 0:
        raise ModelFileError(f"{file_name} holds a model inside a model; the lab takes one plain network per file.")
    if module not in HELPERS or kind not in HELPERS[module] or registered not in (None, kind):
        raise refusal(file_name, kind, module if registered in (None, kind) else None)
