"""Projector mode: a toggle on every page that makes the lab readable from the back of a classroom.

Text and charts grow, the sidebar and secondary controls (expanders, sliders, uploads, downloads)
go, the drawing pad and the answer stay big. Streamlit has no theme setting for this, so the page
gets a style sheet through ``st.html`` (a ``<style>`` block only: it adds no element to the page).
"""

from __future__ import annotations

import streamlit as st

from core.i18n import _
from views.keys import ClassKeys

STYLE = """
<style>
html { font-size: 125%; }
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stExpander"], [data-testid="stSlider"], [data-testid="stFileUploader"],
[data-testid="stDownloadButton"] { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 100%; padding: 1.5rem 3rem; }
[data-testid="stVegaLiteChart"] { zoom: 1.3; }
[data-testid="stTable"] table { font-size: 1.4rem; }
h1 { font-size: 3rem !important; }
</style>
"""


def is_on() -> bool:
    """True while this browser session shows the lab in projector mode."""
    return bool(st.session_state.get(ClassKeys.PROJECTOR))


def _leave() -> None:
    st.session_state[ClassKeys.PROJECTOR] = False


def projector_toggle() -> bool:
    """The sidebar's "Projector mode" toggle; when on, the style sheet and a button to leave it (the sidebar is hidden).

    Returns:
        Whether projector mode is on.

    """
    st.sidebar.toggle(
        _("Projector mode"),
        key=ClassKeys.PROJECTOR,
        help=_("Big text and charts for a projector: hides the sidebar and secondary controls."),
    )
    if is_on():
        st.html(STYLE)
        st.button(_("Leave projector mode"), icon=":material/close_fullscreen:", type="tertiary", on_click=_leave)
    return is_on()
