"""How big the network in a model file is, and what its last layer gives, read from ``config.json`` before Keras builds it.

A file describing a Dense layer of a billion units would make Keras ask for gigabytes of memory
the moment it builds the layer; here its parameters are counted with
:func:`core.storage.layer_shapes.layer_output` and the file is refused with a sentence instead.
Each layer's own ``build_config`` (the input Keras would build it for) must agree with what the
layers before it give, so a file cannot claim one size and build another.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from core.modeling.limits import MAX_PARAMETERS
from core.modeling.size import BYTES_PER_NUMBER, describe_bytes
from core.storage.layer_shapes import Shape, ShapeError, layer_output, whole
from core.storage.names import ModelFileError

MAX_SIDE = 1024  # pixels of an input picture's height or width
MAX_CHANNELS = 4
MAX_ACTIVATION = 1 << 22  # numbers one layer may hand on per picture (16 MB)


@dataclass(frozen=True)
class NetworkFacts:
    """What a model file's network is, from its config alone.

    Attributes:
        input_shape: Height, width, channels of the pictures it takes.
        output_shape: What it gives per picture, e.g. ``(1,)``.
        output_activation: The last layer's activation (``sigmoid``, ``softmax``, ``linear``, …).
        parameters: Learned numbers, as Keras' ``count_params()`` would count them.
        largest_activation: The most numbers one layer hands on per picture.

    """

    input_shape: Shape
    output_shape: Shape
    output_activation: str
    parameters: int
    largest_activation: int


def _shape(value: Any) -> Shape | None:
    if isinstance(value, list | tuple) and len(value) >= 2 and value[0] is None:
        return tuple(whole(v, "input size") for v in value[1:])
    return None


def _sources(entry: dict[str, Any]) -> list[str]:
    """The layers a Functional model's layer takes its inputs from."""
    nodes = entry.get("inbound_nodes") or []
    if len(nodes) > 1:
        raise ShapeError("it uses one layer twice")
    found, stack = [], list(nodes)
    while stack:
        item = stack.pop(0)
        if isinstance(item, dict) and item.get("class_name") == "__keras_tensor__":
            history = (item.get("config") or {}).get("keras_history") or [None]
            found.append(str(history[0]))
        elif isinstance(item, dict):
            stack[:0] = list(item.values())
        elif isinstance(item, list):
            stack[:0] = item
    return found


def _walk(model: dict[str, Any]) -> tuple[Shape, Shape, dict[str, Any], int, int]:
    config = model.get("config") or {}
    layers = config.get("layers")
    if not isinstance(layers, list) or not layers or not all(isinstance(e, dict) for e in layers):
        raise ShapeError("it lists no layers")
    functional = model.get("class_name") == "Functional"
    outputs: dict[str, Shape] = {}
    first = _shape((model.get("build_config") or {}).get("input_shape")) or _shape(config.get("build_input_shape"))
    previous, input_shape, parameters, largest = first, first, 0, 0
    for entry in layers:
        kind, layer = entry.get("class_name"), entry.get("config") or {}
        if layer.get("data_format", "channels_last") != "channels_last":
            raise ShapeError("it puts the colour channels first, which the lab does not take")
        if kind == "InputLayer":
            shape = _shape(layer.get("batch_shape") or layer.get("batch_input_shape"))
            if shape is None or (input_shape is not None and not functional and shape != input_shape):
                raise ShapeError("its input layer gives no sensible picture size")
            input_shape, params = input_shape or shape, 0
        else:
            names = _sources(entry) if functional else None
            if names is not None and not all(n in outputs for n in names):
                raise ShapeError("a layer takes its input from a layer that is not there")
            inputs = [outputs[n] for n in names] if names is not None else [previous]
            built = (entry.get("build_config") or {}).get("input_shape")
            if any(s is None for s in inputs):
                raise ShapeError("it does not say what size of picture it takes")
            if built is not None and [_shape(b) for b in (built if names and len(names) > 1 else [built])] != inputs:
                raise ShapeError("it contradicts itself about the size of a layer's input")
            shape, params = layer_output(str(kind), layer, inputs)
        outputs[str(entry.get("name") or layer.get("name"))] = previous = shape
        parameters += params
        largest = max(largest, math.prod(shape))
    last, output = layers[-1], previous
    if functional:
        if sum(e.get("class_name") == "InputLayer" for e in layers) != 1:
            raise ShapeError("it does not take exactly one picture")
        wanted = config.get("output_layers")
        wanted = wanted[0] if wanted and isinstance(wanted[0], list) and len(wanted) == 1 else wanted
        matches = [e for e in layers if isinstance(wanted, list) and str(e.get("name")) == str(wanted[0])]
        if len(matches) != 1:
            raise ShapeError("it does not have exactly one output")
        last, output = matches[0], outputs[str(matches[0].get("name"))]
    return input_shape or (), output or (), last, parameters, largest


def _activation(last: dict[str, Any]) -> str:
    kind, config = last.get("class_name"), last.get("config") or {}
    if kind == "Softmax":
        return "softmax"
    activation = config.get("activation") if kind in ("Dense", "Activation", "Conv2D") else None
    if isinstance(activation, dict):  # a built-in function written out in full
        activation = activation.get("config")
    return str(activation or "linear")


def network_facts(config: dict[str, Any], file_name: str, max_parameters: int = MAX_PARAMETERS) -> NetworkFacts:
    """Counts a model file's network and refuses one too big to build or to run.

    Args:
        config: The parsed ``config.json`` (its layer kinds already checked).
        file_name: The file's name, for the sentence.
        max_parameters: The most parameters accepted.

    Returns:
        The :class:`NetworkFacts`.

    Raises:
        ModelFileError: For a network that could not be built, takes no picture, or is too big.

    """
    if config.get("class_name") not in ("Sequential", "Functional"):
        raise ModelFileError(
            f"{file_name} does not hold a network of layers (Sequential or Functional), so the lab cannot use it."
        )
    try:
        input_shape, output_shape, last, parameters, largest = _walk(config)
    except ShapeError as error:
        raise ModelFileError(f"{file_name} describes a network the lab cannot build: {error}.") from None
    if len(input_shape) != 3 or max(input_shape[:2]) > MAX_SIDE or input_shape[2] > MAX_CHANNELS:
        raise ModelFileError(
            f"{file_name} does not take images the lab can give it (its input shape is {input_shape}); the lab gives "
            f"pictures of up to {MAX_SIDE}×{MAX_SIDE} pixels with 1 to {MAX_CHANNELS} colour channels."
        )
    if parameters > max_parameters:
        raise ModelFileError(
            f"{file_name} describes a network with {parameters:,} parameters (about "
            f"{describe_bytes(parameters * BYTES_PER_NUMBER)} of memory just to hold them); the lab takes at most "
            f"{max_parameters:,}, so the file was not opened."
        )
    if largest > MAX_ACTIVATION:
        raise ModelFileError(
            f"{file_name} describes a layer that hands on {largest:,} numbers for every picture; the lab takes at most "
            f"{MAX_ACTIVATION:,}, so the file was not opened."
        )
    return NetworkFacts(input_shape, output_shape, _activation(last), parameters, largest)
