"""The Glossary page (``page.glossary_page``): every plain word the lab uses, with its technical name.

May import Streamlit, ``views.widgets`` and ``views.keys``; never another page's folder.
"""
