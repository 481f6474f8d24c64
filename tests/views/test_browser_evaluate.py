"""The Evaluate page in a real browser: a click on a confusion-matrix cell opens its images; costs move the threshold."""

from __future__ import annotations

import pytest

from tests.helpers.browser import chromium, require_browser, running_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WAIT_MS = 180_000
SCREEN = {"width": 1400, "height": 1200}


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    require_browser()
    folder = tmp_path_factory.mktemp("evaluate-browser")
    with running_app(folder, STREAMLIT_SERVER_FILE_WATCHER_TYPE="none") as server, chromium() as browser:
        tab = browser.new_page(viewport=SCREEN)
        tab.goto(f"{server.url}/evaluate")  # the default model: mnist-7-vs-8 on the 2,002 real test sevens and eights
        tab.locator('[data-testid="stMetricLabel"]', has_text="Telling the two apart").first.wait_for(timeout=WAIT_MS)
        tab.wait_for_timeout(1500)  # the charts finish drawing
        yield tab


def cell_count(page, row: int, column: int) -> int:
    """The number the confusion matrix shows in a cell, read from its tooltip (rows are true classes)."""
    click_cell(page, row, column, click=False)
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(timeout=5000)
    return int(tooltip.inner_text().split("pictures")[-1].strip())


def click_cell(page, row: int, column: int, click: bool = True) -> None:
    """Points at (and clicks) a cell of the 2×2 matrix: its plot spans the chart below the title, right of the axis."""
    box = page.locator('[data-testid="stVegaLiteChart"]').first.bounding_box()
    left, top, right, bottom = box["x"] + 40, box["y"] + 30, box["x"] + box["width"] - 10, box["y"] + box["height"] - 50
    x, y = left + (right - left) * (column + 0.5) / 2, top + (bottom - top) * (row + 0.5) / 2
    page.mouse.move(x, y)
    if click:
        page.mouse.click(x, y)


def captions(page) -> list[str]:
    """The first gallery tab's image captions, without the probability."""
    panel = page.get_by_role("tabpanel", name="The square you clicked")
    return [text.rsplit(" · ", 1)[0] for text in panel.locator('[data-testid="stImageCaption"]').all_inner_texts()]


def test_clicking_a_cell_of_the_confusion_matrix_shows_its_images(page):
    page.get_by_text("(the biggest mistake; click any square").first.wait_for(timeout=WAIT_MS)
    missed_eights = cell_count(page, 1, 0)
    click_cell(page, 1, 0)  # true 8, predicted 7
    page.get_by_text("Really 8, the model said 7 (you clicked it)").first.wait_for(timeout=WAIT_MS)
    assert captions(page) == ["✗ really 8 · said 7"] * missed_eights and missed_eights > 0
    click_cell(page, 0, 1)  # true 7, predicted 8
    page.get_by_text("Really 7, the model said 8 (you clicked it)").first.wait_for(timeout=WAIT_MS)
    assert captions(page) and set(captions(page)) == {"✗ really 7 · said 8"}


def threshold(page) -> float:
    return float(page.get_by_role("slider", name="Threshold: it says 8").input_value())


def test_the_cost_slider_moves_the_threshold_and_the_sentence_says_why(page):
    assert threshold(page) == 50
    cost = page.get_by_role("slider", name="A missed 8 costs")
    cost.focus()
    cost.press("End")  # 100×
    page.get_by_text("A missed 8 costs 100 times a false 8").first.wait_for(timeout=WAIT_MS)
    assert threshold(page) < 50
    cost.press("Home")  # 0.05×: a false 8 is the dear mistake
    page.get_by_text("A missed 8 costs 0.05 times a false 8").first.wait_for(timeout=WAIT_MS)
    assert threshold(page) > 50
