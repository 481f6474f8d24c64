"""The console's safety panels: the note about a lost database file, restoring from a download, wrong codes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.classroom import db_notice, guessing, restore
from core.classroom.permissions import PermissionRefused
from core.i18n import _
from views.shell import session as class_session
from views.widgets.announce import announce
from views.widgets.text import plain


def database_notice() -> None:
    """The sentence about the class database file, if it went missing or was replaced, with a button to put it away."""
    sentence = db_notice.notice(class_session.database())
    if sentence:
        st.warning(sentence, icon=":material/database:")
        if st.button(_("I have read this"), key="database_notice_read"):
            db_notice.dismiss(class_session.database(), class_session.current_identity())
            st.rerun()


def restore_panel() -> None:
    """Bring people, their codes and their models' owners back from a class download."""
    st.write(_("If the class database was lost, upload the zip from *Download everything* to bring the class back."))
    upload = st.file_uploader(_("Class download (zip)"), type=["zip"], key="restore_upload")
    if upload is not None and st.button(_("Restore the class"), icon=":material/restore:", key="restore_go"):
        try:
            done = restore.restore_class(class_session.database(), class_session.current_identity(), upload.getvalue())
        except (restore.RestoreError, PermissionRefused) as error:
            st.error(plain(error))
            announce(str(error), urgent=True)
            return
        st.success(
            _("Restored: {people} people added, {codes} codes given back, {models} models' owners.").format(
                people=done.people, codes=done.codes, models=done.models
            )
        )
        if done.new_codes:
            st.write(_("These students get a new code (their old one could not be restored): hand them out."))
            st.table(pd.DataFrame({_("student"): list(done.new_codes), _("new code"): list(done.new_codes.values())}))


def sign_in_log() -> None:
    """The wrong codes and passcodes typed lately (a long list for one name means someone is guessing)."""
    rows = guessing.log(class_session.database(), class_session.current_identity().role)
    if not rows:
        st.caption(_("Nobody has typed a wrong code lately."))
        return
    table = [{_("when"): r.at.astimezone().strftime("%H:%M:%S"), _("what"): r.kind, _("name typed"): r.name,
              _("tab"): r.session, _("later right"): r.cleared} for r in rows]  # fmt: skip
    st.dataframe(pd.DataFrame(table), hide_index=True)
