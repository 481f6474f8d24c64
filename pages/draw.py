"""Placeholder until its issue lands."""

import streamlit as st

st.title("Draw")
st.info("This page is being built.")
