"""The Train page (``page.train_page``).

The settings form is ``views.widgets.settings_form`` (the Sweep page shares it); class-folder uploads (``upload``), the class quotas on a start (``quota``), the live run (``live``) and the session's runs compared (``history``).

May import Streamlit, Altair, ``core`` (never TensorFlow or Keras: models run in the engine's workers), ``views.shell``, ``views.widgets`` and ``views.keys``; never another page's folder (shared parts go to ``views.widgets``).

"""
