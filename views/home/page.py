"""Home: what the lab does, at a glance and in three steps, and which data and model are in use."""

from collections.abc import Mapping

import streamlit as st

from core.storage import registry
from views.home import demo as home_demo
from views.shell.data import data_source_summary
from views.shell.models import active_model_name, describe_model


def home_page(links: Mapping[str, st.Page]) -> None:
    """The welcome page.

    Args:
        links: The other pages by ``url_path`` (``train``, ``draw``, ``evaluate``, ``inside``, ``models``),
            as registered in ``app.py``, for the "Open …" links.

    """
    st.title(":material/science: Sigmoid Lab")
    st.write(
        "Teach a small neural network to tell two kinds of pictures apart, then see how sure it is. "
        "Its last layer is a **sigmoid**: a number between 0 and 1. Near 0 or 1 the model is sure; "
        "near 0.5 it is guessing."
    )
    home_demo.example()

    steps = st.columns(3)
    steps[0].subheader("1 · Train")
    steps[0].write(
        "Pick two classes (7 vs 8, 3 vs the rest, circles vs squares or your own pictures), set the knobs, "
        "and watch loss and accuracy move."
    )
    steps[0].page_link(links["train"], label="Open Train")
    steps[1].subheader("2 · Draw")
    steps[1].write("Draw a digit or upload a photo and read the sigmoid confidence.")
    steps[1].page_link(links["draw"], label="Open Draw")
    steps[2].subheader("3 · Look inside")
    steps[2].write("Confusion matrix, threshold, mistakes, filters, feature maps and saliency.")
    steps[2].page_link(links["evaluate"], label="Open Evaluate")
    steps[2].page_link(links["inside"], label="Open Inside")

    st.divider()
    description, notice = data_source_summary()
    st.markdown(f"**Data:** {description}")
    if notice:
        st.caption(notice)
    name = active_model_name()
    if name:
        metadata = registry.read_metadata(registry.resolve(name))  # one file, not the whole listing again
        st.markdown(f"**Active model:** `{name}` — {describe_model(metadata)}")
    st.page_link(links["models"], label="Manage saved models")
