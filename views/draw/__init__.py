"""The Draw page (``page.draw_page``).

The drawing pad component (``sketch_pad.py`` + ``sketch_pad.js``), the answer and the preprocessing steps (``answer``), the answer after each stroke (``stroke_timeline``) and the class's test digits drawn here (``class_digits``).

May import Streamlit, Altair, ``core`` (never TensorFlow or Keras: models run in the engine's workers), ``views.shell``, ``views.widgets`` and ``views.keys``; never another page's folder (shared parts go to ``views.widgets``).

"""
