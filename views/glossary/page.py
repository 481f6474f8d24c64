"""Glossary: the lab's plain words, each with the technical name and what it means."""

import streamlit as st

from core.i18n import _
from views.widgets.glossary import TERMS


def glossary_page() -> None:
    """Each word as a small heading (anchor: the term's key, ``/glossary#not_sure``), its technical name and meaning."""
    st.title(_(":material/menu_book: Words in the lab"))
    st.write(_("The lab uses plain words first. Here is each one with the name experts use, so you can look it up."))
    for key, term in TERMS.items():
        st.subheader(_(term.plain), anchor=key)
        st.markdown(f"*{_(term.technical)}*  \n{_(term.meaning)}")
