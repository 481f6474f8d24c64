"""Sigmoid Lab: a short router over the pages, with the model picker every page shares."""

import streamlit as st

from pages.common import model_picker

st.set_page_config(page_title="Sigmoid Lab", page_icon="🧪", layout="wide")

navigation = st.navigation(
    [
        st.Page("pages/home.py", title="Home", icon="🏠", default=True),
        st.Page("pages/train.py", title="Train", icon="🏋️", url_path="train"),
        st.Page("pages/draw.py", title="Draw", icon="✏️", url_path="draw"),
        st.Page("pages/evaluate.py", title="Evaluate", icon="📊", url_path="evaluate"),
        st.Page("pages/inside.py", title="Inside", icon="🔬", url_path="inside"),
        st.Page("pages/models.py", title="Models", icon="🗂️", url_path="models"),
    ]
)
model_picker()
navigation.run()
