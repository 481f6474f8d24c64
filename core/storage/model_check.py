"""Every check a ``.keras`` file passes before Keras opens it, and the checks of what its last layer gives.

In order: the zip's directory (:mod:`core.storage.archive`), the kinds of layer
(:mod:`core.storage.layer_kinds`), the network's size (:mod:`core.storage.network_size`). None
of them needs Keras or builds a weight. After loading, :func:`check_output` makes sure the
answers can be read as confidence, and :func:`check_weights` that no weight is broken.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from core.modeling.limits import MAX_PARAMETERS
from core.storage.archive import read_config
from core.storage.layer_kinds import check_kinds
from core.storage.names import ModelFileError
from core.storage.network_size import NetworkFacts, network_facts


def inspect_file(path: Path, file_name: str | None = None, max_parameters: int = MAX_PARAMETERS) -> NetworkFacts:
    """Checks a ``.keras`` file from its zip directory and ``config.json`` alone.

    Args:
        path: The file.
        file_name: The name the student knows it by (default: the file's own name).
        max_parameters: The most parameters accepted.

    Returns:
        The network's :class:`~core.storage.network_size.NetworkFacts`.

    Raises:
        ModelFileError: With a sentence, for a file that is too big, holds code or odd layers, or
            describes a network too big to build.

    """
    file_name = file_name or path.name
    config = read_config(path)
    check_kinds(config, file_name)
    return network_facts(config, file_name, max_parameters)


def check_output(facts: NetworkFacts, file_name: str, classes: int | None = None) -> None:
    """Refuses a network whose answers are not probabilities: the last layer must be a sigmoid or a softmax.

    Args:
        facts: From :func:`inspect_file`.
        file_name: The name for the sentence.
        classes: How many classes its task has (``None``: whatever its outputs say).

    Raises:
        ValueError: If the number of outputs does not fit ``classes``.
        ModelFileError: If the last layer is not a sigmoid (one output) or a softmax (several).

    """
    outputs = facts.output_shape[-1] if len(facts.output_shape) == 1 else 0
    if not outputs:
        raise ModelFileError(f"{file_name} does not end in a list of answers (its output shape is {facts.output_shape}).")
    if classes is not None and outputs != (1 if classes == 2 else classes):
        return  # the caller names the task in its own sentence
    wanted = "sigmoid" if outputs == 1 else "softmax"
    if facts.output_activation != wanted:
        raise ModelFileError(
            f"The last layer of {file_name} gives raw scores ({facts.output_activation!r}), not a {wanted} between 0 "
            "and 1, so its answers could not be read as how sure it is. The lab takes models whose last layer is a "
            "sigmoid (one output) or a softmax (one output per class)."
        )


def check_weights(model: Any, file_name: str) -> None:
    """Refuses a model with a weight that is not a number (NaN) or infinite: every answer would be NaN.

    Raises:
        ModelFileError: Saying how many weights are broken and what to do.

    """
    broken = sum(int(np.size(w) - np.count_nonzero(np.isfinite(w))) for w in model.get_weights())
    if broken:
        raise ModelFileError(
            f"{file_name} has {broken:,} broken weights (not a number, or infinite), so every answer it gave would be "
            "meaningless. Its training probably blew up: train it again with a smaller learning rate."
        )
