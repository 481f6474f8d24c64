"""Challenge: the class challenge for everyone: its task and rules, entering a model, the live leaderboard.

The teacher (or personal mode's single user) opens a challenge, ends it, starts or stops the
collecting of class digits, reviews those digits in a gallery and removes junk entries.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from core.classroom import challenge, challenge_entries, leaderboard
from core.classroom.challenge import ChallengeInfo
from core.classroom.schema import now
from core.engine import scoring
from core.i18n import _
from views.challenge import leaderboard as board
from views.keys import ClassKeys
from views.shell import session as class_session
from views.shell.language import use_session_language
from views.shell.models import load_classifier
from views.widgets.flash import flash, show_flash
from views.widgets.glossary import tip
from views.widgets.text import plain


def open_form() -> None:
    """The teacher's form for a new challenge (one still open ends)."""
    with st.form("challenge_open"):
        st.text_input(_("Title"), value=_("Best 7 vs 8"), key=ClassKeys.CHALLENGE_TITLE)
        task, parameters, epochs, minutes = st.columns(4)
        task.text_input(_("Task"), value="7-vs-8", key=ClassKeys.CHALLENGE_TASK, help=_("e.g. 7-vs-8, 3-vs-rest, digits"))
        parameters.number_input(
            _("Most parameters (0: no rule)"), 0, 10_000_000, 50_000, key=ClassKeys.CHALLENGE_PARAMETERS, help=tip("parameters")
        )
        epochs.number_input(_("Most epochs (0: no rule)"), 0, 1000, 3, key=ClassKeys.CHALLENGE_EPOCHS, help=tip("epoch"))
        minutes.number_input(_("Ends in minutes (0: when you end it)"), 0, 24 * 60, 40, key=ClassKeys.CHALLENGE_MINUTES)
        st.checkbox(_("Collect class digits: the Draw page asks each student to draw some"), True, key=ClassKeys.CHALLENGE_DIGITS)
        st.form_submit_button(_("Open the challenge"), icon=":material/flag:", on_click=open_challenge)


def open_challenge() -> None:
    """Opens the challenge the form describes (its submit callback), or keeps the reason it cannot."""
    use_session_language()
    state = st.session_state
    minutes = int(state[ClassKeys.CHALLENGE_MINUTES])
    try:
        info = challenge.open_challenge(
            class_session.database(),
            class_session.current_identity(),
            state[ClassKeys.CHALLENGE_TITLE],
            state[ClassKeys.CHALLENGE_TASK].strip(),
            max_parameters=int(state[ClassKeys.CHALLENGE_PARAMETERS]) or None,
            max_epochs=int(state[ClassKeys.CHALLENGE_EPOCHS]) or None,
            ends=now() + dt.timedelta(minutes=minutes) if minutes else None,
            collecting_digits=bool(state[ClassKeys.CHALLENGE_DIGITS]),
        )
    except ValueError as error:
        flash(ClassKeys.CHALLENGE_MESSAGE, "error", str(error))
        return
    flash(ClassKeys.CHALLENGE_MESSAGE, "success", _("The challenge “{title}” is open.").format(title=info.title))


def change(info: ChallengeInfo, **changes: bool) -> None:
    """Ends the challenge or starts/stops collecting digits (a button callback), or keeps the refusal's sentence."""
    use_session_language()
    try:
        challenge.update(class_session.database(), class_session.current_identity(), info.id, **changes)
    except ValueError as error:
        flash(ClassKeys.CHALLENGE_MESSAGE, "error", str(error))


def teacher_controls(info: ChallengeInfo | None) -> None:
    """End the open challenge, start or stop collecting digits, or open a new one."""
    if info is not None and info.is_open():
        left, right = st.columns(2)
        left.button(
            _("End the challenge now"), icon=":material/stop_circle:", on_click=change, args=(info,), kwargs={"end_now": True}
        )
        collecting = _("Stop collecting class digits") if info.collecting_digits else _("Collect class digits")
        right.button(
            collecting,
            icon=":material/draw:",
            on_click=change,
            args=(info,),
            kwargs={"collecting_digits": not info.collecting_digits},
        )
    with st.expander(_("Open a new challenge"), expanded=info is None):
        open_form()


def enter_model(info: ChallengeInfo, name: str) -> None:
    """Enters a saved model (a button callback): its task, parameters and epochs are checked against the rules."""
    use_session_language()
    db = class_session.database()
    try:
        handle = load_classifier(name)
        metadata = handle.metadata
        challenge_entries.submit(
            db,
            class_session.current_identity(),
            info,
            name,
            metadata.get("task", "?"),
            handle.parameters,
            challenge_entries.epochs_of(metadata),
        )
    except (ValueError, RuntimeError) as error:  # ChallengeError, ModelFileError, a worker that died: sentences
        flash(ClassKeys.CHALLENGE_MESSAGE, "error", str(error))
        return
    leaderboard.refresh_in_background(db, info.id, scoring.accuracy_on)
    flash(
        ClassKeys.CHALLENGE_MESSAGE,
        "success",
        _("{name} is in the challenge: its two accuracies appear below in a moment.").format(name=name),
    )


def entry_form(info: ChallengeInfo) -> None:
    """A saved model of one's own to enter (the teacher may enter any, e.g. a lab model as a baseline)."""
    who = class_session.current_identity()
    models = [m["name"] for m in class_session.visible_models() if who.role != "student" or m["kind"] == "own"]
    if not models:
        st.caption(_("Train a model on the Train page and save it; then enter it here."))
        return
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    name = left.selectbox(_("Your model"), models, key=ClassKeys.CHALLENGE_ENTRY)
    right.button(
        _("Enter it in the challenge"), icon=":material/emoji_events:", type="primary", on_click=enter_model, args=(info, name)
    )


def describe(info: ChallengeInfo) -> str:
    """The challenge in one line: task, rules and time left."""
    if info.ends is None:
        when = _("open until the teacher ends it")
    elif info.is_open():
        when = _("ends in {minutes} min").format(minutes=max(1, round((info.ends - now()).total_seconds() / 60)))
    else:
        when = _("ended")
    return _("Task **{task}** · {rules} · {when}").format(task=plain(info.task), rules=plain(info.rules_text()), when=when)


def challenge_page() -> None:
    """The Challenge page."""
    st.title(":material/emoji_events: " + _("Challenge"))
    db, who = class_session.database(), class_session.current_identity()
    info = challenge.latest(db)
    teacher = who is not None and who.role != "student"
    if teacher:
        teacher_controls(info)
    show_flash(ClassKeys.CHALLENGE_MESSAGE)
    if info is None:
        st.info(_("No challenge yet.") if teacher else _("No challenge yet. Your teacher opens one."))
        return
    st.header(plain(info.title))
    st.markdown(describe(info))
    if info.is_open():
        entry_form(info)
    board.live_board(info.id)
    if teacher:
        board.remove_entry(info)
        st.subheader(_("Class digits"))
        board.gallery()
