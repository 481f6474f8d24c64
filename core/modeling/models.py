"""The modeling package in one namespace, for the pages and the command line.

One module does each job: the config and presets (:mod:`core.modeling.config`), checks
(:mod:`core.modeling.validation`), the layer table by arithmetic (:mod:`core.modeling.layers`),
size and limits (:mod:`core.modeling.size`, :mod:`core.modeling.limits`) and building with Keras
(:mod:`core.modeling.build`). A page writes ``models.preset("cnn")`` without knowing which holds it.
"""

from core.modeling.build import build_model, compile_model
from core.modeling.config import ACTIVATIONS, OPTIMIZERS, PADDINGS, PRESETS, ModelConfig, preset
from core.modeling.layers import LAYER_EXPLANATIONS, LayerRow, feature_map_sizes, layer_table, planned_layers
from core.modeling.limits import MAX_PARAMETERS, check_size
from core.modeling.size import ModelSize, describe_bytes, model_size
from core.modeling.validation import check_optimizer, validate

__all__ = [
    "ACTIVATIONS",
    "LAYER_EXPLANATIONS",
    "MAX_PARAMETERS",
    "OPTIMIZERS",
    "PADDINGS",
    "PRESETS",
    "LayerRow",
    "ModelConfig",
    "ModelSize",
    "build_model",
    "check_optimizer",
    "check_size",
    "compile_model",
    "describe_bytes",
    "feature_map_sizes",
    "layer_table",
    "model_size",
    "planned_layers",
    "preset",
    "validate",
]
