"""What every page shares, drawn by ``app.py`` around the page.

The class session and identity (``session``, ``identity_panel``), the shared models and the sidebar picker (``models``), cached data (``data``), the tab's heartbeat (``heartbeat``) and projector mode (``projector``).

No page imports another page; pages import the shell.

May import Streamlit, ``core``, ``views.keys`` and the two leaf helpers ``views.widgets.text`` (user text shown as
text) and ``views.widgets.numbers`` (percentages); never a page's folder or any other ``views.widgets`` module
(they import the shell).

"""
