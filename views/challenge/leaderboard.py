"""The challenge's leaderboard (live, big in projector mode), its downloads and the teacher's gallery of class digits."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.classroom import challenge, class_digits, export, leaderboard
from core.engine import scoring
from views.keys import ClassKeys
from views.shell import projector
from views.shell import session as class_session
from views.widgets.pictures import image_grid

REFRESH_S = 3.0
ROW_PX = 35  # st.dataframe's row height
SHOWN = {
    "rank": "Rank",
    "model": "Model",
    "student": "Student",
    "mnist_accuracy": "Real MNIST test set",
    "class_accuracy": "Class-drawn digits",
    "gap": "Gap",
    "note": "Note",
}
GALLERY_SIZE = 60
GALLERY_REFRESH_S = 5.0


def board_frame(board: list[dict]) -> pd.DataFrame:
    """The board with readable columns: accuracies as percentages with their image counts."""
    frame = pd.DataFrame(board, columns=[*SHOWN, "mnist_images", "class_images"])
    for column, count in (("mnist_accuracy", "mnist_images"), ("class_accuracy", "class_images")):
        frame[column] = [
            "—" if value is None or pd.isna(value) else f"{value:.1%} of {int(n):,}"
            for value, n in zip(frame[column], frame[count], strict=True)
        ]
    frame["gap"] = ["" if g is None or pd.isna(g) else f"{g * 100:+.1f} points" for g in frame["gap"]]
    return frame[list(SHOWN)].rename(columns=SHOWN)


@st.fragment(run_every=REFRESH_S)
def live_board(challenge_id: int) -> None:
    """The leaderboard, measured again in the background whenever models or class digits change."""
    db = class_session.database()
    leaderboard.refresh_in_background(db, challenge_id, scoring.accuracy_on)  # the model runs in the engine
    board = leaderboard.rows(db, challenge_id)
    if not board:
        st.info("No model entered yet: train one, save it, and enter it above.")
        return
    frame = board_frame(board)
    if projector.is_on():
        st.table(frame.set_index("Rank"))
    else:
        st.dataframe(frame, hide_index=True, width="stretch", height=ROW_PX * (len(frame) + 1) + 3)  # every entry in view
    st.info(leaderboard.gap_sentence(board), icon=":material/compare_arrows:")
    st.caption(
        "Ranked by accuracy on the digits the class drew, then on the real MNIST test set (t10k digits of the "
        "challenge's task). 'Gap' is MNIST minus class: how much worse the model does on the class's handwriting."
    )
    st.download_button(
        "Leaderboard (CSV)",
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
    chosen = left.selectbox("Take an entry off the board", list(entries), format_func=entries.get, index=None)
    if right.button("Remove entry", disabled=chosen is None):
        challenge.withdraw(class_session.database(), class_session.current_identity(), int(chosen))
        st.rerun()


def remove_junk() -> None:
    """Removes the drawings picked in the gallery (a button callback)."""
    junk = st.session_state.get(ClassKeys.GALLERY_REMOVE) or []
    removed = class_digits.remove(class_session.database(), class_session.current_identity(), junk)
    st.session_state[ClassKeys.GALLERY_REMOVE] = []
    st.session_state[ClassKeys.CHALLENGE_MESSAGE] = (
        "success",
        f"Removed {removed} drawing(s); the leaderboard is measured again.",
    )


@st.fragment(run_every=GALLERY_REFRESH_S)
def gallery() -> None:
    """The class digits for the teacher to review (live): the newest of one digit (or all), and removing junk."""
    db = class_session.database()
    found = class_digits.listing(db)
    counts = class_digits.counts(db)
    st.write(f"**{len(found)} class digits** · " + " · ".join(f"{d}: {n}" for d, n in counts.items() if n))
    if not found:
        st.caption("None yet: while the challenge collects digits, the Draw page asks each student for some.")
        return
    digit = st.selectbox("Show", ["all", *range(10)], format_func=lambda d: "every digit" if d == "all" else f"{d}s")
    shown = [d for d in found if digit == "all" or d.label == digit][-GALLERY_SIZE:][::-1]
    x, _, ids = class_digits.arrays(db)
    pixels = dict(zip(ids.tolist(), x, strict=True))
    captions = [f"#{d.id} · {d.label} · {d.author}" + (" · flagged" if d.flagged else "") for d in shown]
    image_grid([pixels[d.id] for d in shown], captions, columns=10)
    labels = {d.id: caption for d, caption in zip(shown, captions, strict=True)}
    junk = st.multiselect("Remove these drawings", list(labels), format_func=labels.get, key=ClassKeys.GALLERY_REMOVE)
    st.button("Remove", icon=":material/delete:", disabled=not junk, on_click=remove_junk)
    kind, text = st.session_state.pop(ClassKeys.CHALLENGE_MESSAGE, (None, None))  # the gallery reruns alone
    if kind:
        getattr(st, kind)(text)
    st.download_button(
        "Class digits (zip of PNGs per digit + class-digits.npz)",
        data=lambda: export.digits_zip(db),
        file_name="class-digits.zip",
        mime="application/zip",
        icon=":material/download:",
        on_click="ignore",
    )
