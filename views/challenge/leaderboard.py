"""The challenge's leaderboard (live, big in projector mode), its downloads and the teacher's gallery of class digits."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.classroom import challenge, challenge_entries, class_digits, export, leaderboard
from core.engine import scoring
from core.i18n import N_, _, ngettext
from views.keys import ClassKeys
from views.shell import projector
from views.shell import session as class_session
from views.shell.language import use_session_language
from views.widgets.flash import flash, show_flash
from views.widgets.numbers import count, pct
from views.widgets.text import plain

REFRESH_S = 3.0
ROW_PX = 35  # st.dataframe's row height
SHOWN = {
    "rank": N_("Rank"),
    "model": N_("Model"),
    "student": N_("Student"),
    "mnist_accuracy": N_("Real MNIST test set"),
    "class_accuracy": N_("Class-drawn digits"),
    "gap": N_("Gap"),
    "note": N_("Note"),
}
UNMEASURED = "Could not be measured:"  # core.classroom.leaderboard's note for a model that failed
GALLERY_SIZE = 60
GALLERY_REFRESH_S = 5.0


def _points(gap: float | None) -> str:
    """A gap in percentage points, e.g. ``+3.5 points`` (``—`` before both accuracies are measured)."""
    if gap is None or pd.isna(gap):
        return "—"
    return _("{points} points").format(points=f"{gap * 100:+.1f}".removesuffix(".0"))


def _note(note: str | None) -> str:
    """The entry's note, without a server path or a system error's wording (core keeps the full reason)."""
    if not note or pd.isna(note):
        return ""
    if note.startswith(UNMEASURED) and any(mark in note for mark in ("/", "\\", "Errno", "Traceback", "Error:")):
        return _("Could not be measured: its file could not be read or run; the teacher can check it on the Models page.")
    return note


def board_frame(board: list[dict], markdown: bool = False) -> pd.DataFrame:
    """The board with readable columns: accuracies as percentages with their image counts.

    Args:
        board: :func:`core.classroom.leaderboard.rows`.
        markdown: For ``st.table``, which renders Markdown in its cells: names are escaped to show as typed.
    """
    frame = pd.DataFrame(board, columns=[*SHOWN, "mnist_images", "class_images"])
    for column, images in (("mnist_accuracy", "mnist_images"), ("class_accuracy", "class_images")):
        frame[column] = [
            "—" if value is None or pd.isna(value) else _("{percent} of {n}").format(percent=pct(value), n=count(n))
            for value, n in zip(frame[column], frame[images], strict=True)
        ]
    frame["gap"] = [_points(g) for g in frame["gap"]]
    frame["note"] = [_note(n) for n in frame["note"]]
    if markdown:
        for column in ("model", "student", "note"):
            frame[column] = [plain(value) for value in frame[column]]
    return frame[list(SHOWN)].rename(columns={key: _(title) for key, title in SHOWN.items()})


def summary(board: list[dict]) -> str:
    """One sentence on the board for everyone (and screen readers): how many entries and who leads with what."""
    top, entries = board[0], ngettext("{n} entry", "{n} entries", len(board)).format(n=count(len(board)))
    where = {"class_accuracy": _("{percent} on the class's digits"), "mnist_accuracy": _("{percent} on the real MNIST test set")}
    scores = [
        where[key].format(percent=pct(top[key]))
        for key in ("class_accuracy", "mnist_accuracy")
        if top.get(key) is not None and not pd.isna(top[key])
    ]
    if not scores:
        return _("{entries}: the scores appear here once they are measured (a few seconds per model).").format(entries=entries)
    return _("{entries} · {model} by {student} leads with {scores}.").format(
        entries=entries, model=plain(top["model"]), student=plain(top["student"]), scores=_(" and ").join(scores)
    )


@st.fragment(run_every=REFRESH_S)
def live_board(challenge_id: int) -> None:
    """The leaderboard, measured again in the background whenever models or class digits change."""
    db = class_session.database()
    leaderboard.refresh_in_background(db, challenge_id, scoring.accuracy_on)  # the model runs in the engine
    board = leaderboard.rows(db, challenge_id)
    if not board:
        st.info(_("No model entered yet: train one, save it, and enter it above."))
        return
    st.markdown(summary(board))
    if projector.is_on():
        st.table(board_frame(board, markdown=True).set_index(_("Rank")))
    else:
        frame = board_frame(board)
        st.dataframe(frame, hide_index=True, width="stretch", height=ROW_PX * (len(frame) + 1) + 3)  # every entry in view
    st.info(leaderboard.gap_sentence(board), icon=":material/compare_arrows:")
    st.caption(
        _(
            "Ranked by accuracy on the digits the class drew, then on the real MNIST test set (the digits of the "
            "challenge's task that no model trained on). “Gap” is the real MNIST score minus the class score: how many "
            "percentage points worse the model does on the class's handwriting."
        )
    )
    st.download_button(
        _("Leaderboard (CSV)"),
        leaderboard.to_csv(board),
        "leaderboard.csv",
        "text/csv",
        icon=":material/download:",
        on_click="ignore",
    )


def remove_entry(info: challenge.ChallengeInfo) -> None:
    """The teacher takes an entry off the board (a junk or duplicate model)."""
    board = leaderboard.rows(class_session.database(), info.id)
    if not board:
        return
    entries = {row["entry"]: f"{row['model']} — {row['student']}" for row in board}
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    chosen = left.selectbox(_("Take an entry off the board"), list(entries), format_func=entries.get, index=None)
    if right.button(_("Remove entry"), disabled=chosen is None):
        try:
            challenge_entries.withdraw(class_session.database(), class_session.current_identity(), int(chosen))
        except ValueError as error:  # a refusal or an entry already gone: a sentence
            st.error(plain(error))
            return
        st.rerun()


def remove_junk() -> None:
    """Removes the drawings picked in the gallery (a button callback)."""
    use_session_language()
    junk = st.session_state.get(ClassKeys.GALLERY_REMOVE) or []
    try:
        removed = class_digits.remove(class_session.database(), class_session.current_identity(), junk)
    except ValueError as error:
        flash(ClassKeys.CHALLENGE_MESSAGE, "error", str(error))
        return
    st.session_state[ClassKeys.GALLERY_REMOVE] = []
    flash(
        ClassKeys.CHALLENGE_MESSAGE,
        "success",
        ngettext(
            "Removed {n} drawing; the leaderboard is measured again.",
            "Removed {n} drawings; the leaderboard is measured again.",
            removed,
        ).format(n=removed),
    )


def digit_grid(shown: list, pixels: dict, columns: int = 10) -> list[str]:
    """The drawings in rows with a caption (shown as text) and an alt text each; returns the captions' plain words."""
    words = [f"#{d.id} · {d.label} · {d.author}" + (" · " + _("flagged") if d.flagged else "") for d in shown]
    for start in range(0, len(shown), columns):
        for cell, d, text in zip(
            st.columns(columns), shown[start : start + columns], words[start : start + columns], strict=False
        ):
            what = _("a {digit} drawn by {author} for the class test set, 28 by 28 pixels").format(digit=d.label, author=d.author)
            flagged = _(", flagged: a model got it wrong") if d.flagged else ""
            cell.image(pixels[d.id], caption=plain(text), alt=what + flagged,
                       width="stretch", clamp=True)  # fmt: skip
    return words


@st.fragment(run_every=GALLERY_REFRESH_S)
def gallery() -> None:
    """The class digits for the teacher to review (live): the newest of one digit (or all), and removing junk."""
    db = class_session.database()
    found = class_digits.listing(db)
    counts = class_digits.counts(db)
    per_digit = " · ".join(_("{digit}s: {n}").format(digit=d, n=n) for d, n in counts.items() if n)
    st.markdown(_("**{n} class digits** · {per_digit}").format(n=count(len(found)), per_digit=per_digit))
    if not found:
        st.caption(_("None yet: while the challenge collects digits, the Draw page asks each student for some."))
        return
    digit = st.selectbox(
        _("Show"),
        ["all", *range(10)],
        format_func=lambda d: _("every digit") if d == "all" else _("{digit}s").format(digit=d),
    )
    shown = [d for d in found if digit == "all" or d.label == digit][-GALLERY_SIZE:][::-1]
    x, _labels, ids = class_digits.arrays(db)
    pixels = dict(zip(ids.tolist(), x, strict=True))
    captions = digit_grid(shown, pixels)
    labels = {d.id: caption for d, caption in zip(shown, captions, strict=True)}
    junk = st.multiselect(_("Remove these drawings"), list(labels), format_func=labels.get, key=ClassKeys.GALLERY_REMOVE)
    st.button(_("Remove"), icon=":material/delete:", disabled=not junk, on_click=remove_junk)
    show_flash(ClassKeys.CHALLENGE_MESSAGE)  # the gallery reruns alone
    st.download_button(
        _("Class digits (zip of PNGs per digit + class-digits.npz)"),
        data=lambda: export.digits_zip(db),
        file_name="class-digits.zip",
        mime="application/zip",
        icon=":material/download:",
        on_click="ignore",
    )
