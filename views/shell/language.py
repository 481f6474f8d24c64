"""The student's language: ``?lang=es`` in the address, the sidebar picker, or the browser's language, per session.

Set at the very start of each run (before any text), so every ``_()`` of that run, in views and in
core, speaks it; other sessions keep their own (see :mod:`core.i18n`).
"""

from __future__ import annotations

import threading

import streamlit as st

from core import i18n
from core.i18n import _
from views.keys import Keys

SCRIPT_THREAD = "ScriptRunner.scriptThread"  # the name Streamlit gives the thread that runs a session's script


def _session_language() -> str | None:
    """The session's chosen language, for parts of a page that rerun on their own (fragments); ``None`` outside a session."""
    # Only a script run's thread has a session; elsewhere (a training job's thread, an observer) asking
    # st.session_state would log "missing ScriptRunContext" on every text: English there.
    if threading.current_thread().name != SCRIPT_THREAD:
        return None
    try:
        return st.session_state.get(Keys.LANGUAGE)
    except Exception:  # no session after all: English
        return None


i18n.set_fallback(_session_language)


def _remember() -> None:
    """The picker changed: the address says so too, so a shared or reloaded link keeps the language."""
    st.query_params["lang"] = st.session_state[Keys.LANGUAGE]


def choose_language() -> str:
    """Decides this run's language and makes it the one in use; returns its code.

    The address's ``lang`` wins when the session has not picked yet, then the picker, then the browser.
    """
    asked = st.query_params.get("lang")
    if Keys.LANGUAGE not in st.session_state or (asked and asked != st.session_state[Keys.LANGUAGE]):
        st.session_state[Keys.LANGUAGE] = i18n.pick(asked, st.context.locale)
    return i18n.use(st.session_state[Keys.LANGUAGE])


def use_session_language() -> None:
    """Speaks the session's language in a widget callback (callbacks run before this run's :func:`choose_language`)."""
    i18n.use(st.session_state.get(Keys.LANGUAGE, i18n.DEFAULT))


def language_picker() -> None:
    """The sidebar's language picker (each language named in its own words)."""
    st.sidebar.selectbox(
        _("Language"),
        list(i18n.LANGUAGES),
        format_func=i18n.LANGUAGES.__getitem__,
        key=Keys.LANGUAGE,
        on_change=_remember,
    )
