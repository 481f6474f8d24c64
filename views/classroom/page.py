"""Class: the teacher's console (the single user's own view in personal mode).

A live table of the class (each student's current run, its progress, their best test accuracy
so far and their saved models) refreshed every couple of seconds without a full-page rerun;
stopping a student's run; publishing a model and opening any model on Draw, Evaluate or Inside;
the queue's pause; settings pushed as a link and QR code; the reset of the class.
"""

from __future__ import annotations

import streamlit as st

from core.classroom import console
from core.engine import get_engine
from core.i18n import N_, _
from core.training import run_state
from core.training.run_state import RunState
from views.classroom import console as view
from views.classroom import safety
from views.keys import ClassKeys, Keys
from views.shell import session as class_session
from views.widgets.flash import show_flash
from views.widgets.model_actions import publish

REFRESH_S = 2.0
ROW_PX = 35  # st.dataframe's row height
OPEN_ON = {
    "draw": (N_("Open on Draw"), ":material/draw:"),
    "evaluate": (N_("Open on Evaluate"), ":material/analytics:"),
    "inside": (N_("Open on Inside"), ":material/biotech:"),
}


@st.fragment(run_every=REFRESH_S)
def live_class() -> None:
    """The class table, the stop button and the queue, read afresh every :data:`REFRESH_S` seconds."""
    mode = class_session.mode()
    jobs = get_engine().book.jobs()
    rows = console.class_table(class_session.database(), mode, jobs, paused=view.paused_flag()())
    frame = view.class_frame(rows, mode == "personal")
    if mode == "class":
        training = sum(row["job"].startswith(_(run_state.WORDS[RunState.RUNNING])) for row in rows)
        st.markdown(_("**{students} students** · {training} training now").format(students=len(rows), training=training))
    if frame.empty:
        st.info(_("Nobody has joined yet: students join in the sidebar with their name."))
    else:
        height = ROW_PX * (len(frame) + 1) + 3  # every student in view (and in the page), none behind a scroll bar
        st.dataframe(frame, column_config=view.columns(), hide_index=True, width="stretch", height=height)
    names = {row["person_id"]: (_("You") if mode == "personal" else row["student"]) for row in rows}
    live = {
        names[person]: job for person, job in console.latest_jobs(jobs).items() if person in names and not job.snapshot().done
    }
    view.stop_controls(live)
    view.queue_controls()


def open_model(name: str, page: str) -> None:
    """Makes ``name`` the active model and opens ``page`` (a button callback; app.py switches pages)."""
    st.session_state[Keys.ACTIVE_MODEL] = name
    st.session_state[Keys.OPEN_PAGE] = page


def model_actions() -> None:
    """Any saved model: publish or unpublish it, or open it on Draw, Evaluate or Inside."""
    models = [m for m in class_session.visible_models() if m["kind"] != "shipped"] or class_session.visible_models()
    if not models:
        return
    sharing = {"class": _("shared with the class"), "private": _("private"), "shipped": _("a default model")}
    labels = {m["name"]: f"{m['name']} — {m['owner']} ({sharing.get(m['visibility'], m['visibility'])})" for m in models}
    name = st.selectbox(_("Model"), list(labels), format_func=labels.get, key=ClassKeys.MODEL)
    chosen = next(m for m in models if m["name"] == name)
    publishable = class_session.mode() == "class" and chosen["kind"] != "shipped"
    cells = st.columns(4 if publishable else 3)
    if publishable:
        shared = chosen["visibility"] == "class"
        cells[0].button(
            _("Take back from the class") if shared else _("Publish to the class"),
            icon=":material/public_off:" if shared else ":material/public:",
            on_click=publish,
            args=(name, not shared),
        )
    for cell, (page, (title, icon)) in zip(cells[-3:], OPEN_ON.items(), strict=True):
        cell.button(_(title), icon=icon, on_click=open_model, args=(name, page), key=f"class_open_{page}")
    show_flash(Keys.MODELS_MESSAGE)  # left by views.widgets.model_actions.publish


def class_page() -> None:
    """The Class page: the teacher's console in class mode, the single user's own view in personal mode."""
    st.title(":material/groups: " + _("Class"))
    who = class_session.current_identity()
    if who is None or who.role == "student":
        st.info(_("This page is the teacher's console. The class challenge and its leaderboard are on the Challenge page."))
        return
    safety.database_notice()
    live_class()
    st.subheader(_("Saved models"))
    model_actions()
    settings_tab, reset_tab, restore_tab, codes_tab = st.tabs(
        [_("Push settings"), _("Reset the class"), _("Restore"), _("Wrong codes")]
    )
    with settings_tab:
        view.push_settings()
    with reset_tab:
        view.reset_panel()
    with restore_tab:
        safety.restore_panel()
    with codes_tab:
        safety.sign_in_log()
