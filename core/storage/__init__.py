"""Storage: saved models as ``NAME.keras`` + ``NAME.json`` in the models folder.

Names and where their files are (``names``), the atomic save and the repair of an interrupted one
(``saving``), listing and deleting (``listing``), safe-mode loading (``loading``), a model in words
(``describe``), which test set each accuracy was measured on (``test_sets``) and checked uploads
(``model_upload``); ``registry`` gathers them in one namespace for the pages and the command line.
Keras is imported only inside the functions that load. May import ``core.data``, ``core.modeling``
and ``core.prediction``.
"""
