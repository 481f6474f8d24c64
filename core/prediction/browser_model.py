"""A model as the Draw page's pad can run it in the browser: a plain layer list and float32 weights.

The pad runs the forward pass itself (TensorFlow.js, see ``views/draw/pad_model``), so the
answer moves with the pen. The TensorFlow.js converter does not read Keras 3 files, so the
browser model is built here from the loaded model's own layers: each layer becomes a small
JSON object (its kind and settings) pointing into one float32 buffer sent as base64.

:func:`export` runs in a worker (the engine task ``browser_model``; the web server, which never
imports Keras, asks for it with ``ModelHandle.browser_model``). Only chains of the layer kinds the lab
builds can be run (Rescaling, Conv2D, MaxPooling2D, Flatten, Dense; augmentation and dropout
are no-ops at inference) and only on MNIST-style digits; for anything else the pad keeps the
server's answer (:func:`export` says why in a sentence, never to the student).
"""

from __future__ import annotations

import base64
from typing import Any

import numpy as np

FORMAT = 1
STYLES = ("mnist",)  # the preprocessing the pad re-implements (core.prediction.preprocess.to_mnist_input)
ACTIVATIONS = ("linear", "relu", "sigmoid", "tanh", "elu", "gelu", "softmax")
NO_OPS = frozenset(
    {
        "InputLayer",
        "Dropout",
        "RandomTranslation",
        "RandomRotation",
        "RandomZoom",
        "RandomFlip",
        "RandomContrast",
        "RandomBrightness",
        "GaussianNoise",
    }
)
MAX_PARAMETERS = 2_000_000  # 8 MB of float32: more is slower to send than the server's answers are to wait for


class UnsupportedModelError(ValueError):
    """The browser cannot run this model: the pad keeps the server's answer."""


def export(model: Any, style: str = "mnist") -> dict[str, Any]:
    """The browser model of a loaded Keras model.

    Args:
        model: A built Keras model (Sequential, or a functional chain of single-input layers).
        style: The model's preprocessing style (:func:`core.prediction.preprocess.prepare`).

    Returns:
        ``{"format", "input_shape", "layers", "weights"}``: ``layers`` is a list of dicts with a
        ``kind`` (``rescale``, ``conv2d``, ``maxpool``, ``flatten``, ``dense`` or ``activation``),
        their settings and, for layers with weights, ``[offset, length]`` pairs (in float32 values)
        into ``weights``, a base64 string of little-endian float32 values.

    Raises:
        UnsupportedModelError: For a style, layer kind or setting the pad does not run.

    """
    if style not in STYLES:
        raise UnsupportedModelError(f"The pad prepares MNIST-style digits only, not {style!r} pictures.")
    input_shape = [int(v) for v in model.inputs[0].shape[1:]]
    if input_shape != [28, 28, 1]:
        raise UnsupportedModelError(f"The pad gives 28×28×1 inputs, not {'×'.join(map(str, input_shape))}.")
    if int(model.count_params()) > MAX_PARAMETERS:
        raise UnsupportedModelError(f"{model.count_params():,} parameters are too many to send to a browser.")
    _check_chain(model)
    buffer: list[np.ndarray] = []
    layers = []
    for layer in model.layers:
        spec = _layer(layer, buffer)
        if spec is not None:
            layers.append(spec)
    weights = np.concatenate(buffer) if buffer else np.zeros(0, np.float32)
    return {
        "format": FORMAT,
        "input_shape": input_shape,
        "layers": layers,
        "weights": base64.b64encode(weights.astype("<f4").tobytes()).decode("ascii"),
    }


def _check_chain(model: Any) -> None:
    """Refuses a functional model whose layers do not each take the previous layer's output."""
    if type(model).__name__ == "Sequential":
        return
    previous = model.inputs[0]
    for layer in model.layers:
        if type(layer).__name__ == "InputLayer":
            continue
        if layer.input is not previous:
            raise UnsupportedModelError("The pad runs a plain chain of layers; this model branches.")
        previous = layer.output
    if model.outputs[0] is not previous:
        raise UnsupportedModelError("The pad runs a plain chain of layers; this model's output is not its last layer.")


def _add(buffer: list[np.ndarray], values: np.ndarray) -> list[int]:
    offset = sum(part.size for part in buffer)
    flat = np.ascontiguousarray(values, np.float32).ravel()
    buffer.append(flat)
    return [offset, int(flat.size)]


def _activation(config: dict[str, Any]) -> str:
    name = config.get("activation", "linear")
    if not isinstance(name, str) or name not in ACTIVATIONS:
        raise UnsupportedModelError(f"The pad has no {name!r} activation.")
    if name == "gelu" and config.get("approximate"):
        raise UnsupportedModelError("The pad has the exact gelu only.")
    return name


def _pair(value: Any) -> list[int]:
    return [int(v) for v in value] if isinstance(value, list | tuple) else [int(value), int(value)]


def _layer(layer: Any, buffer: list[np.ndarray]) -> dict[str, Any] | None:
    """One layer as the pad's dict, ``None`` for an inference no-op."""
    kind = type(layer).__name__
    if kind in NO_OPS:
        return None
    config = layer.get_config()
    if config.get("data_format", "channels_last") != "channels_last":
        raise UnsupportedModelError("The pad runs channels-last models only.")
    if kind == "Rescaling":
        scale, offset = config["scale"], config["offset"]
        if isinstance(scale, list | tuple) or isinstance(offset, list | tuple):
            raise UnsupportedModelError("The pad rescales with one number, not one per channel.")
        return {"kind": "rescale", "scale": float(scale), "offset": float(offset)}
    if kind == "Conv2D":
        if _pair(config.get("dilation_rate", 1)) != [1, 1] or int(config.get("groups", 1)) != 1:
            raise UnsupportedModelError("The pad runs plain convolutions (no dilation, no groups).")
        kernel, *bias = layer.get_weights()
        return {
            "kind": "conv2d",
            "kernel": _add(buffer, kernel),
            "shape": [int(v) for v in kernel.shape],
            "bias": _add(buffer, bias[0]) if bias else None,
            "strides": _pair(config["strides"]),
            "padding": config["padding"],
            "activation": _activation(config),
        }
    if kind in ("MaxPooling2D", "AveragePooling2D"):
        return {
            "kind": "maxpool" if kind == "MaxPooling2D" else "avgpool",
            "size": _pair(config["pool_size"]),
            "strides": _pair(config["strides"] or config["pool_size"]),
            "padding": config["padding"],
        }
    if kind == "Flatten":
        return {"kind": "flatten"}
    if kind == "Dense":
        kernel, *bias = layer.get_weights()
        return {
            "kind": "dense",
            "kernel": _add(buffer, kernel),
            "shape": [int(v) for v in kernel.shape],
            "bias": _add(buffer, bias[0]) if bias else None,
            "activation": _activation(config),
        }
    if kind == "Activation":
        return {"kind": "activation", "activation": _activation(config)}
    if kind == "ReLU" and not config.get("max_value") and not config.get("negative_slope") and not config.get("threshold"):
        return {"kind": "activation", "activation": "relu"}
    raise UnsupportedModelError(f"The pad cannot run a {kind} layer.")


def decode_weights(browser_model: dict[str, Any]) -> np.ndarray:
    """The float32 weights of an exported model (for tests and tools)."""
    return np.frombuffer(base64.b64decode(browser_model["weights"]), "<f4")
