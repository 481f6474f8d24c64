"""The sidebar's who-you-are panel: the mode, joining the class, coming back with a code, the teacher's passcode."""

from __future__ import annotations

import secrets
from collections.abc import Callable

import streamlit as st

from core.classroom import identity
from core.classroom.identity import Identity, IdentityError
from core.i18n import N_, _
from views.keys import Keys
from views.shell import session as class_session
from views.shell.language import use_session_language
from views.widgets.announce import announce
from views.widgets.text import plain


def _enter(make: Callable[[], Identity]) -> None:
    """Runs ``make()`` and keeps the identity it returns, or keeps the refusal's sentence (for a callback)."""
    use_session_language()
    try:
        who = make()
    except IdentityError as error:
        st.session_state[Keys.IDENTITY_MESSAGE] = str(error)
        return
    class_session.remember(who)


def _session_key() -> str:
    """A random id for this browser tab: its wrong codes are counted together, whatever names it tries."""
    return st.session_state.setdefault("sign_in_session_key", secrets.token_hex(8))


def join() -> None:
    """A new student joins with the typed name; their personal code is shown until they wrote it down."""

    def make() -> Identity:
        who, code = identity.join(class_session.database(), st.session_state.get(Keys.JOIN_NAME, ""))
        st.session_state[Keys.NEW_CODE] = code
        return who

    _enter(make)


def come_back() -> None:
    """A student gets back in with their name and code."""
    name, code = st.session_state.get(Keys.BACK_NAME, ""), st.session_state.get(Keys.BACK_CODE, "")
    _enter(lambda: identity.come_back(class_session.database(), name, code, _session_key()))


def unlock_teacher() -> None:
    """The teacher unlocks teacher rights with the passcode."""
    typed = st.session_state.get(Keys.TEACHER_PASSCODE, "")
    st.session_state[Keys.TEACHER_PASSCODE] = ""  # never left in the field
    _enter(lambda: identity.unlock_teacher(class_session.database(), typed, class_session.teacher_passcode(), _session_key()))


ROLES = {"student": N_("student"), "teacher": N_("teacher")}


def _label(who: Identity) -> str:
    """``Ada · student · class mode`` (the name escaped), in the session's language."""
    if who.mode != "class":
        return _("You · personal mode")
    return _("{name} · {role} · class mode").format(name=plain(who.name), role=_(ROLES.get(who.role, who.role)))


def _teacher_form() -> None:
    with st.form("teacher_unlock", border=False):
        st.text_input(_("Teacher passcode"), type="password", key=Keys.TEACHER_PASSCODE)
        st.form_submit_button(_("Unlock teacher rights"), on_click=unlock_teacher)


def _newcomer_forms() -> None:
    """Join / come back / teacher, or the school login when Streamlit's login is configured."""
    if class_session.login_configured():
        st.caption(_("This class uses your school login."))
        if st.button(_("Log in"), icon=":material/login:", type="primary"):
            st.login()
        with st.expander(_("Teacher")):
            _teacher_form()
        return
    new, back, teacher = st.tabs([_("Join"), _("Come back"), _("Teacher")])
    with new, st.form("class_join", border=False):
        st.text_input(_("Your name (others in the class see it)"), max_chars=identity.MAX_NAME, key=Keys.JOIN_NAME)
        st.form_submit_button(_("Join the class"), on_click=join, type="primary")
    with back, st.form("class_back", border=False):
        st.text_input(_("Your name"), key=Keys.BACK_NAME)
        st.text_input(_("Your code (e.g. otter-maple-42)"), key=Keys.BACK_CODE)
        st.form_submit_button(_("Get back in"), on_click=come_back)
    with teacher:
        _teacher_form()


def identity_panel() -> Identity | None:
    """Draws the panel in the sidebar and returns who this session is (None: a newcomer in class mode)."""
    who = class_session.current_identity(recheck=True)
    panel = st.sidebar.container(border=True)
    with panel:
        if who is None:
            st.markdown(":material/groups: " + _("**Class mode** · join the class to start"))
            _newcomer_forms()
        else:
            st.markdown(f":material/person: **{_label(who)}**")
            code = st.session_state.get(Keys.NEW_CODE)
            if code:
                st.success(
                    _(
                        "Your personal code is **{code}**. Write it down now: with your name, it gets you back in "
                        "after you close this tab, and the lab will not show it again."
                    ).format(code=code),
                    icon=":material/key:",
                )
                st.button(_("I wrote it down"), on_click=st.session_state.pop, args=(Keys.NEW_CODE, None))
            if class_session.login_configured() and st.user.is_logged_in:
                if st.button(_("Log out"), icon=":material/logout:"):
                    class_session.forget()
                    st.logout()
            elif who.mode == "class":
                st.button(_("Sign out"), icon=":material/logout:", on_click=class_session.forget)
        message = st.session_state.pop(Keys.IDENTITY_MESSAGE, None)
        if message:
            st.error(plain(message))
            announce(message, urgent=True)
    return who
