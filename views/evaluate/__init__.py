"""The Evaluate page (``page.evaluate_page``).

Metrics, ROC and confusion matrix charts (``charts``) and the galleries of mistakes and doubts (``galleries``).

May import Streamlit, Altair, ``core`` (never TensorFlow or Keras: models run in the engine's workers), ``views.shell``, ``views.widgets`` and ``views.keys``; never another page's folder (shared parts go to ``views.widgets``).

"""
