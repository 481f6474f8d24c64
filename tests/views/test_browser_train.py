"""The Train page in a real browser on a 1024×768 school screen: Start and the live charts above the fold, no label cut off."""

from __future__ import annotations

import pytest

from tests.helpers.browser import chromium, require_browser, running_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WAIT_MS = 120_000
SCREEN = {"width": 1024, "height": 768}
# Elements whose text the browser cut with "…" because it did not fit (Streamlit ellipsises long widget labels).
CUT_OFF = """() => [...document.querySelectorAll('[data-testid="stMain"] *')]
    .filter(e => getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.innerText)"""


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    require_browser()
    with running_app(tmp_path_factory.mktemp("train-browser")) as server, chromium() as browser:
        tab = browser.new_page(viewport=SCREEN)
        tab.goto(f"{server.url}/train?task=shapes&preset=tiny-cnn&epochs=2")
        tab.get_by_role("button", name="Start training").wait_for(timeout=WAIT_MS)
        tab.get_by_text("Hyperparameters").first.wait_for(timeout=WAIT_MS)
        tab.wait_for_timeout(1500)  # the form's widgets finish laying out
        yield tab


def test_start_is_above_the_fold_and_no_label_is_cut_off(page):
    start = page.get_by_role("button", name="Start training").bounding_box()
    assert start["y"] + start["height"] <= SCREEN["height"], start
    assert page.evaluate(CUT_OFF) == []


def test_stop_and_the_live_charts_are_above_the_fold(page):
    page.get_by_role("button", name="Start training").click()
    stop = page.get_by_role("button", name="Stop")
    stop.wait_for(timeout=WAIT_MS)  # in Start's place while the run goes on
    box = stop.bounding_box()
    assert box["y"] + box["height"] <= SCREEN["height"], box
    page.get_by_text("Finished.").first.wait_for(timeout=WAIT_MS)
    page.get_by_text("Test accuracy").first.wait_for(timeout=WAIT_MS)
    page.wait_for_timeout(1500)  # the charts finish drawing
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    loss, accuracy = charts.nth(0).bounding_box(), charts.nth(1).bounding_box()
    assert loss["y"] + loss["height"] <= SCREEN["height"], loss  # the whole loss chart, without scrolling
    assert accuracy["y"] + 200 <= SCREEN["height"], accuracy  # the accuracy plot too; its legend may reach the edge
    assert page.evaluate(CUT_OFF) == []
