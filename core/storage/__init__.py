"""Storage: saved models as ``NAME.keras`` + ``NAME.json`` in the models folder.

Names, atomic saves (and the repair of an interrupted one), listing, safe-mode loading, deleting
and checked uploads. May import ``core.data``, ``core.modeling`` and ``core.prediction``.
"""
