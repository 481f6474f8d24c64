"""What one layer of a model file makes of its input, from ``config.json`` alone: output shape and parameters.

Pure arithmetic, the way Keras would build the layer, so a network's size is known before Keras
allocates a single weight. Shapes leave out the batch dimension. Only the kinds of
:data:`core.storage.layer_kinds.LAYERS` have a rule; every number read is checked to be a
sensible whole number first.
"""

from __future__ import annotations

import math
from typing import Any

Shape = tuple[int, ...]
MAX_NUMBER = 10**12  # beyond any network; the parameter limit refuses far smaller ones with its own sentence


class ShapeError(ValueError):
    """The config describes a layer that cannot be built (a sentence without the file name)."""


def whole(value: Any, what: str, low: int = 1) -> int:
    """``value`` if it is a whole number from ``low`` to :data:`MAX_NUMBER`, else a :class:`ShapeError`."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= MAX_NUMBER:
        raise ShapeError(f"its {what} is {str(value)[:30]!r}, not a sensible whole number")
    return value


def pair(value: Any, what: str, low: int = 1) -> tuple[int, int]:
    """A (height, width) pair from one number or two."""
    values = value if isinstance(value, list | tuple) else (value, value)
    if len(values) != 2:
        raise ShapeError(f"its {what} should be two numbers")
    return whole(values[0], what, low), whole(values[1], what, low)


def _sliding(side: int, window: int, stride: int, padding: Any, dilation: int = 1) -> int:
    if padding == "same":
        return math.ceil(side / stride)
    if padding != "valid":
        raise ShapeError(f"its padding is {str(padding)[:20]!r}, not 'valid' or 'same'")
    span = dilation * (window - 1) + 1
    if side < span:
        raise ShapeError(f"its window of {span} pixels is larger than the {side}-pixel picture it gets")
    return (side - span) // stride + 1


def _image(shape: Shape, kind: str) -> Shape:
    if len(shape) != 3:
        raise ShapeError(f"its {kind} layer needs pictures (height, width, channels) but gets shape {shape}")
    return shape


def _conv(config: dict[str, Any], shape: Shape) -> tuple[Shape, int]:
    height, width, channels = _image(shape, "Conv2D")
    filters = whole(config.get("filters"), "number of filters")
    (kh, kw), (sh, sw) = pair(config.get("kernel_size"), "kernel size"), pair(config.get("strides", 1), "stride")
    dh, dw = pair(config.get("dilation_rate", 1), "dilation")
    groups = whole(config.get("groups", 1), "number of groups")
    if channels % groups or filters % groups:
        raise ShapeError("its groups do not divide its channels")
    padding = config.get("padding", "valid")
    out = (_sliding(height, kh, sh, padding, dh), _sliding(width, kw, sw, padding, dw), filters)
    return out, kh * kw * (channels // groups) * filters + filters * bool(config.get("use_bias", True))


def _pool(config: dict[str, Any], shape: Shape) -> tuple[Shape, int]:
    height, width, channels = _image(shape, "pooling")
    window = pair(config.get("pool_size", 2), "pool size")
    strides = pair(config.get("strides") or window, "stride")
    padding = config.get("padding", "valid")
    return (_sliding(height, window[0], strides[0], padding), _sliding(width, window[1], strides[1], padding), channels), 0


def _reshape(config: dict[str, Any], shape: Shape) -> Shape:
    target = config.get("target_shape")
    if not isinstance(target, list | tuple) or not 1 <= len(target) <= 4:
        raise ShapeError("its Reshape layer has no sensible target shape")
    known = [whole(v, "target shape") for v in target if v != -1]
    total = math.prod(shape)
    if len(known) < len(target) - 1 or not known or total % math.prod(known):
        raise ShapeError("its Reshape layer cannot rearrange the numbers it gets")
    return tuple(v if v != -1 else total // math.prod(known) for v in target)


def _padding(config: dict[str, Any], shape: Shape) -> Shape:
    height, width, channels = _image(shape, "ZeroPadding2D")
    padding = config.get("padding", 1)
    rows, cols = (padding, padding) if isinstance(padding, int) else padding
    top, bottom = pair(rows, "padding", 0)
    left, right = pair(cols, "padding", 0)
    return height + top + bottom, width + left + right, channels


def _merge(kind: str, config: dict[str, Any], shapes: list[Shape]) -> Shape:
    if len(shapes) < 2:
        raise ShapeError(f"its {kind} layer needs at least two inputs")
    if kind == "Add":
        if len(set(shapes)) != 1:
            raise ShapeError("its Add layer gets inputs of different shapes")
        return shapes[0]
    axis = config.get("axis", -1)
    if axis not in (-1, len(shapes[0])) or len({s[:-1] for s in shapes}) != 1:
        raise ShapeError("its Concatenate layer gets inputs that do not fit side by side")
    return (*shapes[0][:-1], sum(s[-1] for s in shapes))


def layer_output(kind: str, config: dict[str, Any], shapes: list[Shape]) -> tuple[Shape, int]:
    """The output shape and parameter count of one layer.

    Args:
        kind: Its ``class_name`` (one of :data:`core.storage.layer_kinds.LAYERS`).
        config: Its ``config``.
        shapes: The shapes of its inputs (one, or several for ``Add``/``Concatenate``).

    Returns:
        ``(output shape, parameters)``.

    Raises:
        ShapeError: If the layer could not be built on these inputs.

    """
    if kind in ("Add", "Concatenate"):
        return _merge(kind, config, shapes), 0
    if len(shapes) != 1:
        raise ShapeError(f"its {kind} layer gets {len(shapes)} inputs instead of one")
    shape = shapes[0]
    if kind == "Dense":
        units = whole(config.get("units"), "number of units")
        return (*shape[:-1], units), shape[-1] * units + units * bool(config.get("use_bias", True))
    if kind == "Conv2D":
        return _conv(config, shape)
    if kind in ("MaxPooling2D", "AveragePooling2D"):
        return _pool(config, shape)
    if kind in ("GlobalAveragePooling2D", "GlobalMaxPooling2D"):
        channels = _image(shape, kind)[2]
        return ((1, 1, channels) if config.get("keepdims") else (channels,)), 0
    if kind == "Flatten":
        return (math.prod(shape),), 0
    if kind == "Reshape":
        return _reshape(config, shape), 0
    if kind == "ZeroPadding2D":
        return _padding(config, shape), 0
    if kind in ("BatchNormalization", "LayerNormalization"):
        if config.get("axis", -1) not in (-1, [-1], len(shape), [len(shape)]):
            raise ShapeError(f"its {kind} layer normalises along an axis other than the channels")
        return shape, shape[-1] * (4 if kind == "BatchNormalization" else 2)
    return shape, 0  # rescaling, random changes, dropout, noise and activations keep the shape
