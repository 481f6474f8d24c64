"""The floor for benchmarks/stroke_latency.py: the Draw page's drawing pad and nothing else but its stroke count.

    streamlit run benchmarks/echo_canvas.py

Same pad, same settings, in a fragment like the Draw page's (the picture is decoded as the Draw
page does), so what remains is what Streamlit and the pad component cost for one stroke.
"""

import streamlit as st

from views.draw.sketch_pad import sketch_pad  # the repository is on PYTHONPATH (stroke_latency.py sets it


@st.fragment
def echo() -> None:
    """A fragment, as the Draw page's pad is: a stroke reruns only this."""
    sketch = sketch_pad(key="pad")
    st.subheader(f"Strokes: {sketch.strokes}")


echo()
