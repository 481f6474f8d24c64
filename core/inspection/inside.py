"""Looking inside a model in one namespace, for the pages and the engine.

Filters and feature maps (:mod:`core.inspection.features`), saliency
(:mod:`core.inspection.saliency`) and morphing (:mod:`core.inspection.morph`) each have their
own module; a page writes ``inside.saliency(model, image)`` without knowing which holds it.
"""

from core.inspection.features import (
    FEATURE_KINDS,
    FeatureMap,
    feature_layers,
    feature_map_model,
    feature_maps,
    first_filters,
    has_convolutions,
    mosaic,
)
from core.inspection.morph import Morph, blend, class_probabilities, crossing, morph
from core.inspection.saliency import saliency

__all__ = [
    "FEATURE_KINDS",
    "FeatureMap",
    "Morph",
    "blend",
    "class_probabilities",
    "crossing",
    "feature_layers",
    "feature_map_model",
    "feature_maps",
    "first_filters",
    "has_convolutions",
    "morph",
    "mosaic",
    "saliency",
]
