"""The Class page, the teacher's console (``page.class_page``).

Every student's runs live, the queue's pause, pushed settings (``console``).

May import Streamlit, Altair, ``core`` (never TensorFlow or Keras: models run in the engine's workers), ``views.shell``, ``views.widgets`` and ``views.keys``; never another page's folder (shared parts go to ``views.widgets``).

"""
