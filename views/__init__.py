"""The app's pages: a folder per page, each with ``page.py`` holding the one function ``app.py`` registers with ``st.Page``.

``views/shell/`` is what every page shares (identity, model picker, heartbeat, projector), ``views/widgets/``
the widgets several pages use, and ``views/keys.py`` every session-state key. Views hold every Streamlit call
and every chart; they call ``core`` for the work and turn its ``ValueError`` messages into ``st.error``.
May import Streamlit, Altair and ``core``; never TensorFlow or Keras; ``core`` never imports views.
"""
