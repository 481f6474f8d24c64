"""Inspection: looking at a trained model from outside and from inside.

Metrics at a threshold (``evaluation``), the threshold that makes mistakes cost least (``costs``),
galleries of mistakes and doubts (``galleries``), filters and feature maps (``features``), saliency
(``saliency``), morphing one image into another (``morph``) and the latent map of the layer before
the output (``latent``); ``inside`` gathers features, saliency and morph for the pages. Everything returns data (arrays,
tables); the views draw it. Keras and TensorFlow are imported inside functions only. May import
``core.data``, ``core.prediction`` and scikit-learn.
"""
