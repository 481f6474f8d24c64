"""The console's safety panels: the note about a lost database file, restoring from a download, wrong codes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.classroom import db_notice, guessing, restore
from core.classroom.permissions import PermissionRefused
from views.shell import session as class_session


def database_notice() -> None:
    """The sentence about the class database file, if it went missing or was replaced, with a button to put it away."""
    sentence = db_notice.notice(class_session.database())
    if sentence:
        st.warning(sentence, icon=":material/database:")
        if st.button("I have read this", key="database_notice_read"):
            db_notice.dismiss(class_session.database(), class_session.current_identity())
            st.rerun()


def restore_panel() -> None:
    """Bring people, their codes and their models' owners back from a class download."""
    st.write("If the class database was lost, upload the zip from *Download everything* to bring the class back.")
    upload = st.file_uploader("Class download (zip)", type=["zip"], key="restore_upload")
    if upload is not None and st.button("Restore the class", icon=":material/restore:", key="restore_go"):
        try:
            done = restore.restore_class(class_session.database(), class_session.current_identity(), upload.getvalue())
        except (restore.RestoreError, PermissionRefused) as error:
            st.error(str(error))
            return
        st.success(f"Restored: {done.people} people added, {done.codes} codes given back, {done.models} models' owners.")
        if done.new_codes:
            st.write("These students get a new code (their old one could not be restored): hand them out.")
            st.table(pd.DataFrame({"student": list(done.new_codes), "new code": list(done.new_codes.values())}))


def sign_in_log() -> None:
    """The wrong codes and passcodes typed lately (a long list for one name means someone is guessing)."""
    rows = guessing.log(class_session.database(), class_session.current_identity().role)
    if not rows:
        st.caption("Nobody has typed a wrong code lately.")
        return
    table = [{"when": r.at.astimezone().strftime("%H:%M:%S"), "what": r.kind, "name typed": r.name,
              "tab": r.session, "later right": r.cleared} for r in rows]  # fmt: skip
    st.dataframe(pd.DataFrame(table), hide_index=True)
