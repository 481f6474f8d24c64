"""Home: what the lab does, at a glance and in three steps, what to do first, and which data and model are in use."""

from collections.abc import Mapping

import streamlit as st

from core.data import mnist
from core.i18n import _
from core.storage import registry
from core.storage.test_sets import own_test_accuracy, real_test_accuracy
from views.home import demo as home_demo
from views.shell.models import active_model_name
from views.widgets.glossary import tip
from views.widgets.numbers import count, pct
from views.widgets.text import quoted


def home_page(links: Mapping[str, st.Page]) -> None:
    """The welcome page.

    Args:
        links: The other pages by ``url_path`` (``train``, ``draw``, ``evaluate``, ``inside``, ``models``,
            ``glossary``), as registered in ``app.py``, for the "Open …" links.

    """
    st.title(_(":material/science: Sigmoid Lab"))
    st.markdown(
        _(
            "Teach a small neural network to tell two kinds of pictures apart, then see how sure it is. "
            "Its answer is a number between 0 and 1: near 0 or 1 the model is sure; near 0.5 it is guessing."
        ),
        help=tip("sigmoid"),
    )
    st.info(
        _(
            "New here? Start with **Draw**: draw a 7 or an 8 and see what a trained model says. "
            "Then train your own model on **Train**, and look at its mistakes on **Evaluate**."
        ),
        icon=":material/waving_hand:",
    )
    home_demo.example()

    steps = st.columns(3)
    steps[0].subheader(_("1 · Train"))
    steps[0].write(
        _(
            "Pick two classes (7 vs 8, 3 vs the rest, circles vs squares or your own pictures), choose the settings, "
            "and watch how wrong it is and its right answers change."
        )
    )
    steps[0].page_link(links["train"], label=_("Open Train"))
    steps[1].subheader(_("2 · Draw"))
    steps[1].write(_("Draw a digit or upload a photo and see how sure the model is."))
    steps[1].page_link(links["draw"], label=_("Open Draw"))
    steps[2].subheader(_("3 · Look inside"))
    steps[2].write(_("Right and wrong answers, where it switches answer, its mistakes, its filters and where it looked."))
    steps[2].page_link(links["evaluate"], label=_("Open Evaluate"))
    steps[2].page_link(links["inside"], label=_("Open Inside"))

    st.divider()
    data_line()
    model_line()
    st.page_link(links["models"], label=_("Manage saved models"))
    if "glossary" in links:
        st.page_link(links["glossary"], label=_("Words in the lab: plain words and their technical names"))


def data_line() -> None:
    """Which digits the lab uses, in words, and one calm line when it fell back to the bundled ones."""
    source = mnist.load_mnist("auto")  # cached: the same source every page uses
    train, test = count(len(source.x_train)), count(len(source.x_test))
    if source.name == "sample":
        words = _("the 5,000 real MNIST digits that come with the lab ({train} to train on, {test} kept apart for testing).")
    else:
        words = _("full MNIST: {train} handwritten digits to train on and {test} to test with.")
    st.markdown(_("**Data:** {words}").format(words=words.format(train=train, test=test)), help=tip("sample"))
    if source.notice:
        st.caption(_(source.notice))


def model_line() -> None:
    """The model in use and how often it is right, in one line."""
    name = active_model_name()
    if not name:
        return
    metadata = registry.read_metadata(registry.resolve(name))  # one file, not the whole listing again
    accuracy = real_test_accuracy(metadata) or own_test_accuracy(metadata)
    if accuracy is None:
        line = _("**Model in use:** {name}, not tested yet.").format(name=quoted(name))
    else:
        line = _("**Model in use:** {name}, right on {accuracy} of {images} test pictures.").format(
            name=quoted(name), accuracy=pct(accuracy.value), images=count(accuracy.images or 0)
        )
    st.markdown(line)
