"""One-time messages: a button callback leaves a sentence, and the next run of the page shows it once.

Streamlit draws a callback's page afterwards, so a callback cannot show a message itself; it
leaves one under a key, and the page pops it where the message belongs. The text is shown as
text (:func:`views.widgets.text.plain`): messages quote names students typed.
"""

from __future__ import annotations

from typing import Literal

import streamlit as st

from views.widgets.announce import announce
from views.widgets.text import plain

Kind = Literal["success", "error", "warning", "info"]
_SHOW = {"success": st.success, "error": st.error, "warning": st.warning, "info": st.info}


def flash(key: str, kind: Kind, text: str) -> None:
    """Leaves ``text`` for the next run to show once under ``key``.

    Args:
        key: The page's message key (from :mod:`views.keys`).
        kind: How it is shown: ``success``, ``error``, ``warning`` or ``info``.
        text: The sentence, shown as text.
    """
    st.session_state[key] = (kind, text)


def show_flash(key: str) -> bool:
    """Shows and forgets the message left under ``key``; ``True`` if there was one."""
    held = st.session_state.pop(key, None)
    if not held:
        return False
    kind, text = held
    _SHOW.get(kind, st.info)(plain(text))
    if kind == "error":  # said at once to a screen reader too
        announce(text, urgent=True)
    return True
