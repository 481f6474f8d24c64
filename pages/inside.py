"""Placeholder until its issue lands."""

import streamlit as st

st.title("Inside")
st.info("This page is being built.")
