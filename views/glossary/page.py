"""Glossary: the lab's plain words, each with the technical name and what it means."""

import streamlit as st

from core.i18n import _
from views.widgets.glossary import TERMS


def glossary_page() -> None:
    """The words, one per line: plain words in bold, the technical name after, then the meaning."""
    st.title(_(":material/menu_book: Words in the lab"))
    st.write(_("The lab uses plain words first. Here is each one with the name experts use, so you can look it up."))
    for key, term in TERMS.items():
        st.markdown(f"<a id='{key}'></a>**{_(term.plain)}** · *{_(term.technical)}*  \n{_(term.meaning)}", unsafe_allow_html=True)
