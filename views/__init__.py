"""The app's pages and what they share: each page module exposes one function that ``app.py`` registers with ``st.Page``.

Views hold every Streamlit call and every chart; they call ``core`` for the work and turn its
``ValueError`` messages into ``st.error``. May import Streamlit, Altair and ``core``; ``core`` never imports views.
"""
