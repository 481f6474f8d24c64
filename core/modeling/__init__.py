"""Modeling: what a network is, how big it is, and how Keras builds it.

The config and the seed presets (``config``), checks with sentences a student understands
(``validation``), the layer table and parameter count worked out by arithmetic (``layers``,
``size``), the largest network allowed (``limits``), and building and compiling with Keras
(``build``, which imports Keras inside its functions only); ``models`` gathers them in one
namespace for the pages. May import ``core.data`` (input shapes).
"""
