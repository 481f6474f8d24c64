"""Prediction: how any picture becomes the model's answer and what that answer means.

Reading pictures safely (``image_io``), MNIST-faithful preprocessing (``preprocess``), a loaded
model with its metadata (``classifier``), one compiled forward pass (``predict``) and the
meaning of a sigmoid output (``confidence``). Preprocessing is numpy/scipy/PIL only. May import
nothing else of ``core``.
"""
