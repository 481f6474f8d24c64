"""The class page's panels: the class table, the queue's pause, settings pushed as a link and QR code, the reset.

The table and the queue's state are read afresh on every refresh of the page's live fragment;
the teacher's pause is also what this server's training queue obeys (:func:`honour_pause`).
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pandas as pd
import segno
import streamlit as st

from core.classroom import export, quotas
from core.classroom.queue_pause import PausedFlag
from core.engine import get_engine
from core.engine.jobs import JobHandle
from core.i18n import _
from core.modeling.config import PRESETS
from core.training import settings as train_settings
from core.training import settings_link
from views.classroom import address
from views.keys import ClassKeys
from views.shell import session as class_session
from views.widgets.numbers import pct
from views.widgets.text import plain

COLUMNS = ("student", "job", "progress", "best_accuracy", "runs", "models")


def columns() -> dict[str, Any]:
    """The class table's column headers, in the session's language (made each run, never at import)."""
    return {
        "student": st.column_config.TextColumn(_("Student")),
        "job": st.column_config.TextColumn(_("Current run")),
        "progress": st.column_config.ProgressColumn(_("Progress"), min_value=0.0, max_value=1.0, format="percent"),
        "best_accuracy": st.column_config.TextColumn(
            _("Best test accuracy"),
            help=_("Of 100 test digits, how many their best run got right (on the real MNIST test set when it was there)"),
        ),
        "runs": st.column_config.NumberColumn(_("Runs")),
        "models": st.column_config.ListColumn(_("Saved models")),
    }


@st.cache_resource
def _paused_flag(url: str) -> PausedFlag:
    return PausedFlag(class_session.database())


def paused_flag() -> PausedFlag:
    """The pause as this server reads it (one cached flag per class database)."""
    return _paused_flag(class_session.database().url)


def honour_pause() -> None:
    """Makes this server's training queue ask the teacher's pause (started engines only, or once paused)."""
    flag = paused_flag()
    if flag():  # only a pause needs the engine now; a later pause from the class page installs it too
        get_engine().queue.paused_check = flag


def set_paused(paused: bool) -> None:
    """Pauses or resumes the class's queue (a button callback)."""
    flag = paused_flag()
    flag.set(paused)
    get_engine().queue.paused_check = flag


def class_frame(rows: list[dict[str, Any]], personal: bool) -> pd.DataFrame:
    """The table's rows as a frame with the shown columns (personal mode's single row says "You")."""
    frame = pd.DataFrame(rows, columns=["person_id", *COLUMNS])
    frame["best_accuracy"] = [pct(value) for value in frame["best_accuracy"]]  # 98.1%, never 0.981 (— before a test)
    if personal:
        frame["student"] = _("You")
    return frame.drop(columns="person_id")


def stop_controls(live: dict[str, JobHandle]) -> None:
    """Stops one student's running or waiting run (the model so far is kept)."""
    if not live:
        st.caption(_("No run is training or waiting right now."))
        return
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    name = left.selectbox(_("Student with a run going"), sorted(live), key=ClassKeys.STOP_STUDENT)
    right.button(_("Stop their run"), icon=":material/stop:", on_click=live[name].stop, disabled=name not in live)


def queue_controls() -> None:
    """The queue's state (running, waiting, paused) and the button that pauses or resumes it."""
    running, waiting = get_engine().queue.status()
    if paused_flag()():
        st.warning(
            _(
                "The queue is paused: {running} running run(s) finish, {waiting} waiting one(s) stay queued and their "
                "students see “Paused by the teacher”."
            ).format(running=running, waiting=waiting),
            icon=":material/pause_circle:",
        )
        st.button(_("Resume the queue"), icon=":material/play_circle:", on_click=set_paused, args=(False,))
    else:
        st.caption(_("Training now: {running} · waiting for a slot: {waiting}.").format(running=running, waiting=waiting))
        st.button(_("Pause the queue"), icon=":material/pause_circle:", on_click=set_paused, args=(True,),
                  help=_("Running runs finish; no new one starts until you resume."))  # fmt: skip


def default_address() -> address.Address:
    """The lab's address as students reach it: the public_url setting, the browser's address, or the network's."""
    public = address.configured_public_url(class_session.secret(address.PUBLIC_URL_SECRET))
    return address.students_address(st.context.url, public)


def push_settings() -> None:
    """Settings for the whole class as a link and a QR code that open the Train page with them."""
    st.write(_("Set the run everyone starts from; the link (or its QR code on the projector) opens the Train page with it."))
    found = default_address()
    base = st.text_input(
        _("The lab's address as students reach it"),
        value=found.url,
        key=ClassKeys.PUSH_BASE,
        help=_("Found from the public_url setting (SIGMOID_LAB_PUBLIC_URL) or this server's network address."),
    )
    warning = address.typed_warning(base) or (found.warning if base == found.url else "")
    if warning:  # e.g. only localhost is known: it means "this machine" on a student's device
        st.warning(plain(warning), icon=":material/wifi_off:")
    pasted = st.text_input(
        _("Start from a Train page address (optional)"),
        key=ClassKeys.PUSH_LINK,
        placeholder=_("set up a run on the Train page and paste its address here"),
    )
    settings, notes = settings_link.from_query(dict(parse_qsl(urlsplit(pasted).query)))
    task_box, preset_box, epochs_box = st.columns(3)
    task = task_box.text_input(
        _("Task"), value=settings["task"], key=ClassKeys.PUSH_TASK, help=_("e.g. 7-vs-8, 3-vs-rest, digits")
    )
    preset = preset_box.selectbox(
        _("Network"), list(PRESETS), index=list(PRESETS).index(settings["preset"]), key=ClassKeys.PUSH_PRESET
    )
    epochs = epochs_box.number_input(_("Epochs"), 1, 1000, int(settings["epochs"]), key=ClassKeys.PUSH_EPOCHS)
    if preset != settings["preset"]:
        settings |= train_settings.preset_settings(preset)
    settings, clamped = quotas.clamp_settings(settings | {"task": task.strip(), "epochs": int(epochs)}, class_session.limits())
    for note in [*notes, *clamped]:
        st.warning(plain(note), icon=":material/info:")
    try:
        train_settings.to_config(settings, max_parameters=class_session.limits().parameters)
    except ValueError as error:
        st.error(plain(error))
        return
    link = f"{base.rstrip('/')}/train" + (
        f"?{urlencode(settings_link.to_query(settings))}" if settings_link.to_query(settings) else ""
    )
    st.code(link, language=None)
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=8, border=2)
    st.image(
        buffer.getvalue(),
        caption=_("Scan to open the Train page with these settings"),
        alt=_("QR code of the link {link}").format(link=link),
        width=320,
        output_format="PNG",
    )


def reset_panel() -> None:
    """Download everything first, then clear the class for the next lesson."""
    db = class_session.database()
    st.write(_("Download the class's models, runs, class digits and leaderboards as one zip, then clear the class."))
    st.download_button(
        _("Download everything (zip)"),
        data=lambda: export.class_archive(db, who=class_session.current_identity()),
        file_name=f"sigmoid-lab-class-{dt.date.today().isoformat()}.zip",
        mime="application/zip",
        icon=":material/download:",
        on_click=lambda: st.session_state.update({ClassKeys.RESET_DOWNLOADED: True}),
    )
    downloaded = bool(st.session_state.get(ClassKeys.RESET_DOWNLOADED))
    sure = st.checkbox(
        _("I have the zip: remove the students, their models, runs, class digits and challenges"),
        key=ClassKeys.RESET_CONFIRM,
        disabled=not downloaded,
        help=None if downloaded else _("Download everything first."),
    )
    if st.button(_("Reset the class"), icon=":material/restart_alt:", type="primary", disabled=not (downloaded and sure)):
        for job in get_engine().book.jobs():
            job.stop()
        try:
            removed = export.reset_class(db, class_session.current_identity())
        except ValueError as error:  # a refusal: a sentence
            st.error(plain(error))
            return
        st.session_state[ClassKeys.RESET_DOWNLOADED] = False
        st.success(
            _(
                "The class is reset: {students} students, {models} models, {runs} runs, "
                "{digits} class digits and {challenges} challenges removed."
            ).format(**removed)
        )
