"""Modeling: what a network is (``ModelConfig`` and the seed presets) and how Keras builds it.

Checks a configuration with sentences a student understands, counts its parameters before
anything is built, builds and compiles the Keras model and describes its layers. Keras is
imported only inside the functions that build. May import ``core.data`` (input shapes).
"""
