"""The Sweep page (``page.sweep_page``).

The sweep form (``form``), starting a sweep under the class limits (``record``), the live results (``results``) and their charts (``charts``).

May import Streamlit, Altair, ``core`` (never TensorFlow or Keras: models run in the engine's workers), ``views.shell``, ``views.widgets`` and ``views.keys``; never another page's folder (shared parts go to ``views.widgets``).

"""
