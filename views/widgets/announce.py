"""Live regions: a sentence a screen reader reads out when it changes ("Looks like a 7, 97% sure").

Streamlit has no live region of its own; :func:`announce` draws a visually hidden ``div`` with
``role="status"`` (polite) or ``role="alert"`` (urgent) holding the html-escaped sentence.
"""

from __future__ import annotations

import html

import streamlit as st

HIDDEN = "position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);border:0"


def region(text: str, urgent: bool = False) -> str:
    """The live region's HTML for ``text`` (escaped)."""
    role, live = ("alert", "assertive") if urgent else ("status", "polite")
    return f'<div role="{role}" aria-live="{live}" aria-atomic="true" style="{HIDDEN}">{html.escape(str(text))}</div>'


def announce(text: str, urgent: bool = False) -> None:
    """Tells a screen reader ``text``: politely, or at once when ``urgent``."""
    st.html(region(text, urgent))
