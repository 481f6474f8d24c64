"""Every page of the app renders with the shipped models, without an exception."""

import pytest
from conftest import ROOT
from streamlit.testing.v1 import AppTest

PAGES = ["pages/home.py", "pages/train.py", "pages/draw.py", "pages/evaluate.py", "pages/inside.py", "pages/models.py"]


def test_home_names_the_data_source_and_the_active_model():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception, at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "Offline MNIST sample" in text and "mnist-7-vs-8" in text
    picker = at.sidebar.selectbox[0]
    assert picker.value == "mnist-7-vs-8" and {"mnist-digits", "shapes-circle-vs-square"} <= set(picker.options)
    assert "test accuracy 99" in at.sidebar.caption[0].value


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("model", ["mnist-7-vs-8", "mnist-digits", "shapes-circle-vs-square"])
def test_every_page_renders_for_every_kind_of_model(page, model):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.session_state["active_model"] = model
    at.switch_page(page)
    at.run()
    assert not at.exception, f"{page} with {model}: {at.exception}"
    assert at.title, f"{page} shows no title"
