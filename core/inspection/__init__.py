"""Inspection: looking at a trained model from outside and from inside.

Metrics at a threshold (``evaluation``), galleries of mistakes and doubts (``galleries``),
filters, feature maps, saliency and morphing (``inside``). Everything returns data (arrays,
tables); the views draw it. May import ``core.data`` and ``core.prediction``.
"""
