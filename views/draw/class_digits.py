"""The Draw page's class-digit parts: "Draw a 7 for the class test set" and "Wrong — this is a …".

Two functions the Draw page calls beside its drawing pad and its answer. Both store the drawing
(the pad's picture and the 28×28 input the lab makes of it) with its true digit and its author in
the class database (:mod:`core.classroom.class_digits`); a drawing is added once.
"""

from __future__ import annotations

import hashlib

import numpy as np
import streamlit as st

from core import i18n
from core.classroom import challenge, class_digits
from core.i18n import _
from core.prediction.ink import BlankImageError
from core.prediction.verdict import article
from views.keys import ClassKeys
from views.shell import session as class_session
from views.widgets.flash import flash, show_flash
from views.widgets.text import plain


def fingerprint(drawing: np.ndarray) -> str:
    """The drawing's SHA-256 over its pixels: the same picture, the same fingerprint."""
    return hashlib.sha256(np.ascontiguousarray(drawing).tobytes()).hexdigest()


def _added_already(drawing: np.ndarray | None) -> bool:
    """True if this very drawing was added since the pad was last cleared (a cleared pad forgets it)."""
    if drawing is None:
        st.session_state.pop(ClassKeys.LAST_ADDED, None)
        return False
    return fingerprint(drawing) == st.session_state.get(ClassKeys.LAST_ADDED)


def _add(drawing: np.ndarray, label: int, flagged: bool, challenge_id: int | None) -> None:
    """Stores the drawing (a button callback) and leaves a sentence saying so; a drawing added already is left alone."""
    if fingerprint(drawing) == st.session_state.get(ClassKeys.LAST_ADDED):
        # A rerun that preempted the click's run, after this callback and before the page drew the button again
        # (disabled), makes Streamlit call the callback once more from the button's last registration.
        return
    who = class_session.current_identity()
    try:
        class_digits.add_drawing(class_session.database(), who, label, drawing, flagged, challenge_id)
    except (ValueError, BlankImageError) as error:
        flash(_message_key(flagged), "error", _(str(error)))
        return
    st.session_state[ClassKeys.LAST_ADDED] = fingerprint(drawing)
    st.session_state.pop(ClassKeys.PROMPT_LABEL, None)  # ask for the next digit
    if flagged:
        st.session_state[ClassKeys.FLAG_LABEL] = None
        text = _article(
            label,
            _("Thanks: your drawing is in the class digits as a {label} (marked as one the model got wrong)."),
            _("Thanks: your drawing is in the class digits as an {label} (marked as one the model got wrong)."),
        )
    else:
        text = _("Added your {label} to the class test set. Clear the pad for the next one.").format(label=label)
    flash(_message_key(flagged), "success", text)


def _article(label: int, with_a: str, with_an: str, **values: str) -> str:
    """The sentence for ``label`` with its English article (an 8, an 11, an 18; a 7), its number and ``values`` filled in."""
    return (with_an if article(str(label)) == "an" else with_a).format(label=label, **values)


def _message_key(flagged: bool) -> str:
    """Where the last add from this part (the flag's or the prompt's) leaves its sentence."""
    return f"{ClassKeys.ADDED_MESSAGE}_{'flag' if flagged else 'prompt'}"


def _message(flagged: bool, repeated: bool) -> None:
    """The sentence left by the last add from this part (the prompt's or the flag's).

    "Added your 7 … Clear the pad for the next one" stays while that drawing is on the pad (``repeated``): it says
    what to do next, and a rerun the student did not ask for (a heartbeat, a re-sent drawing) must not take it away.
    Any other sentence (an error) is shown once.
    """
    key = _message_key(flagged)
    held = st.session_state.get(key)
    if held and held[0] == "success":
        if repeated:
            st.success(plain(held[1]))
        else:
            st.session_state.pop(key)
        return
    show_flash(key)


def class_test_prompt(drawing: np.ndarray | None) -> None:
    """While a challenge collects digits: which digit to draw for the class test set, and a button to add it.

    Args:
        drawing: The pad's pixels, or None while it is empty.

    """
    repeated = _added_already(drawing)
    db, who = class_session.database(), class_session.current_identity()
    info = challenge.current(db)
    if who is None or info is None or not info.collecting_digits:
        return
    label = st.session_state.get(ClassKeys.PROMPT_LABEL)
    if label not in info.digits:
        label = st.session_state[ClassKeys.PROMPT_LABEL] = class_digits.next_label(db, who, info.digits)
    drawn = sum(class_digits.counts(db, who).values())
    # One sentence for every digit ("Draw a 8" too): the class browser helpers and tests read "Draw a <digit>".
    prompt = _("**Draw a {label} for the class test set** — {title}. You have drawn {drawn} so far.")
    st.info(prompt.format(label=label, title=plain(info.title), drawn=i18n.number(drawn)), icon=":material/draw:")
    st.button(
        _("Add this {label} to the class test set").format(label=label),
        icon=":material/add_photo_alternate:",
        on_click=_add,
        args=(drawing, label, False, info.id),
        disabled=drawing is None or repeated,
        help=_("Every model in the challenge is measured on the digits the class draws."),
    )
    _message(flagged=False, repeated=repeated)


def flag_wrong(drawing: np.ndarray | None, answer: str, style: str) -> None:
    """The "Wrong — this is a …" question: the true digit, added to the class digits as flagged (in any mode).

    Args:
        drawing: The pad's pixels, or None while it is empty.
        answer: The model's answer (a class name).
        style: The model's input style; only digit models (``mnist``) get the question.

    """
    repeated = _added_already(drawing)
    if drawing is None or style != "mnist" or class_session.current_identity() is None:
        return
    current = challenge.current(class_session.database())
    left, right = st.columns([1, 1], vertical_alignment="bottom")
    digit = left.selectbox(
        _("Wrong — this is a …"),
        [d for d in range(10) if str(d) != answer],
        index=None,
        placeholder=_("the digit you drew"),
        key=ClassKeys.FLAG_LABEL,
    )
    right.button(
        _("Add it to the class digits"),
        icon=":material/flag:",
        on_click=_add,
        args=(drawing, digit, True, current.id if current else None),
        disabled=digit is None or repeated,
        help=_("The class digits are a test set made of the class's own drawings."),
    )
    _message(flagged=True, repeated=repeated)
