"""The Models page (``page.models_page``).

The saved-models table (``table``) and model uploads (``upload``).

May import Streamlit, Altair, ``core`` (never TensorFlow or Keras: models run in the engine's workers), ``views.shell``, ``views.widgets`` and ``views.keys``; never another page's folder (shared parts go to ``views.widgets``).

"""
