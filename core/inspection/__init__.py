"""Inspection: looking at a trained model from outside and from inside.

Metrics at a threshold (``evaluation``), galleries of mistakes and doubts (``galleries``), filters
and feature maps (``features``), saliency (``saliency``) and morphing one image into another
(``morph``); ``inside`` gathers the last three for the pages. Everything returns data (arrays,
tables); the views draw it. Keras and TensorFlow are imported inside functions only. May import
``core.data`` and ``core.prediction``.
"""
