"""The Challenge page (``page.challenge_page``).

The class challenge, its leaderboard (``leaderboard``); the class-drawn test digits are added on the Draw page (``views.draw.class_digits``).

May import Streamlit, Altair, ``core`` (never TensorFlow or Keras: models run in the engine's workers), ``views.shell``, ``views.widgets`` and ``views.keys``; never another page's folder (shared parts go to ``views.widgets``).

"""
