"""The router: every page opens through app.py for every kind of model, and the page check can fail."""

import re
from pathlib import Path

import pytest

from core.data import test_sets
from tests.helpers.apptest import PAGES, ROOT, assert_page_works, fake_canvas, open_page, shown
from tests.helpers.drawings import rgba, seven

# Emoji render as empty boxes on machines without an emoji font: the views use Streamlit's material icons.
EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff\ufe0f]")


@pytest.fixture(autouse=True)
def small_evaluation(monkeypatch):
    monkeypatch.setenv("SIGMOID_LAB_EVAL_LIMIT", "300")


def test_home_names_the_data_source_and_the_active_model():
    at = open_page()
    assert_page_works(at, "home")
    text = " ".join(shown(m.value) for m in at.markdown)
    assert "the 5,000 real MNIST digits that come with the lab" in text and "mnist-7-vs-8" in text
    picker = at.sidebar.selectbox[0]
    assert picker.value == "mnist-7-vs-8" and {"mnist-digits", "shapes-circle-vs-square"} <= set(picker.options)
    assert "test accuracy 99" in at.sidebar.caption[0].value


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("model", ["mnist-7-vs-8", "mnist-digits", "shapes-circle-vs-square"])
def test_every_page_works_for_every_kind_of_model(monkeypatch, page, model):
    fake_canvas(monkeypatch, rgba(seven()))  # the Draw page answers only once something is drawn
    at = open_page(page, model)
    assert_page_works(at, page)
    assert at.sidebar.selectbox[0].value == model
    at.run()  # the next run stays on the page (the switch happens once)
    assert_page_works(at, page)


def test_the_page_check_fails_on_a_page_that_shows_an_error(monkeypatch):
    from views.evaluate import page as evaluate_view

    def broken(*args, **kwargs):
        raise ValueError("The test images could not be read.")

    monkeypatch.setattr(test_sets, "load_eval_set", broken)  # the page's own step before the worker evaluates
    evaluate_view.evaluate.clear()  # an evaluation cached by an earlier test would hide the patch
    at = open_page("evaluate")
    assert not at.exception and [shown(e.value) for e in at.error] == ["The test images could not be read."]
    with pytest.raises(AssertionError, match="could not be read"):
        assert_page_works(at, "evaluate")


def test_no_emoji_in_the_views():
    sources = [ROOT / "app.py", *sorted(Path(ROOT / "views").rglob("*.py"))]
    found = {path.name: EMOJI.findall(path.read_text()) for path in sources}
    assert not {name: chars for name, chars in found.items() if chars}


def test_a_fresh_sweep_page_guides_without_an_error():
    at = open_page("sweep")
    assert not at.exception and not at.error
    assert any("Pick at least one hyperparameter" in info.value for info in at.info)
