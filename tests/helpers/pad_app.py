"""A page with only the Draw page's pad, for tests of the pad itself: it counts the runs that received a stroke.

    streamlit run tests/helpers/pad_app.py

``/`` shows the pad as the Draw page uses it (each change acknowledged); ``/?deaf=1`` never acknowledges,
as if every rerun were dropped, so the pad must send its change again.
"""

import streamlit as st

from views import sketch_pad as pad

if st.query_params.get("deaf"):
    data = {"width": 280, "height": 280, "strokeWidth": 24, "mode": "freedraw"}
    data |= {"strokeColor": "white", "fillColor": "white", "background": "black"}  # and no "seen"
    drawing = pad._PAD(key="pad", data=data, default={"drawing": None}, on_drawing_change=lambda: None).get("drawing") or {}
    strokes = int(drawing.get("strokes") or 0)
else:
    strokes = pad.sketch_pad(key="pad").strokes
if strokes:
    st.session_state["runs"] = st.session_state.get("runs", 0) + 1
st.subheader(f"Runs with a stroke: {st.session_state.get('runs', 0)}")
