"""Nothing overlaps at 1366 px or on a 390-px phone: every page in real Chromium, after a run and a drawing.

On every page and at both widths: the page never scrolls sideways (a table wider than the screen
scrolls inside its own box), and no two pictures, charts or canvases lie on top of each other. On
the phone the Draw page's answer sits right under the pad. With ``SIGMOID_LAB_SCREENSHOTS=1`` each
page's screenshot at both widths is written to ``docs/<page>-<width>.png`` (the README's pictures).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from core.storage import registry
from tests.helpers import class_browser as cb
from tests.helpers.browser import ROOT, chromium, require_browser, running_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PAGES = {"home": "", "train": "train", "draw": "draw", "evaluate": "evaluate", "inside": "inside", "models": "models"}
PAGES |= {"sweep": "sweep", "challenge": "challenge", "class": "class", "glossary": "glossary"}
WIDTHS = {1366: 900, 390: 844}
DOCS = ROOT / "docs"

# Every visible picture-like box in the page's main area (and in component frames' hosts), in page coordinates.
BOXES = """() => {
  const main = document.querySelector('[data-testid="stMain"]') || document.body;
  const picked = main.querySelectorAll('img, canvas, iframe, [data-testid="stVegaLiteChart"], [data-testid="stImage"] img');
  const boxes = [];
  for (const element of picked) {
    if (element.closest('[data-testid="stVegaLiteChart"]') && element.tagName === 'CANVAS') continue;
    if (element.closest('[data-testid="stExpanderDetails"]') && !element.closest('details[open]')) continue;
    const r = element.getBoundingClientRect();
    if (r.width < 4 || r.height < 4 || getComputedStyle(element).visibility === 'hidden') continue;
    const name = element.getAttribute('alt') || element.getAttribute('title') || element.dataset.testid || element.tagName;
    boxes.push({ name, x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height });
  }
  return boxes;
}"""
OVERFLOW = "() => document.scrollingElement.scrollWidth - innerWidth"


def overlaps(boxes: list[dict]) -> list[str]:
    """Pairs of boxes sharing more than 4 px in both directions (a box inside another, e.g. a chart's own canvas, is fine)."""
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            across = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
            down = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
            inside = across >= min(a["w"], b["w"]) - 1 and down >= min(a["h"], b["h"]) - 1
            if across > 4 and down > 4 and not inside:
                found.append(f"{a['name']} and {b['name']} overlap by {across:.0f}×{down:.0f} px")
    return found


def check(page, name: str, width: int) -> list[str]:
    problems = []
    sideways = page.evaluate(OVERFLOW)
    if sideways > 1:
        problems.append(f"/{name} at {width} px scrolls sideways by {sideways} px")
    problems += [f"/{name} at {width} px: {o}" for o in overlaps(page.evaluate(BOXES))]
    if os.environ.get("SIGMOID_LAB_SCREENSHOTS"):
        page.screenshot(path=str(DOCS / f"{name}-{width}.png"), full_page=True)
    return problems


def test_no_page_overlaps_or_scrolls_sideways_at_1366_px_or_on_a_phone(tmp_path):
    require_browser()
    folder = tmp_path / "models"
    shutil.copytree(registry.DEFAULT_MODELS_DIR, folder, ignore=shutil.ignore_patterns(".*"))
    problems = []
    with running_app(tmp_path, SIGMOID_LAB_MODELS=str(folder)) as server, chromium() as browser:
        for width, height in WIDTHS.items():
            page = browser.new_context(viewport={"width": width, "height": height}).new_page()
            page.set_default_timeout(cb.WAIT_MS)
            page.goto(f"{server.url}/train?task=7-vs-8&epochs=2")
            cb.settle(page)
            cb.start_training(page)
            cb.wait_trained(page)
            problems += check(page, "train", width)
            page.goto(f"{server.url}/draw")
            cb.settle(page)
            page.locator("canvas").first.wait_for()
            page.wait_for_timeout(1500)
            cb.draw(page, cb.STROKES[7])
            cb.answer(page)
            page.wait_for_timeout(1000)
            problems += check(page, "draw", width)
            if width < 500:
                problems += answer_under_the_pad(page)
            for name, path in PAGES.items():
                if name in ("train", "draw"):
                    continue
                page.goto(f"{server.url}/{path}")
                cb.settle(page)
                page.wait_for_timeout(1500)  # charts and components finish drawing
                problems += check(page, name, width)
    assert not problems, "\n".join(problems)


def answer_under_the_pad(page) -> list[str]:
    """On a phone the answer (the pad's own words under the canvas) starts within a third of a screen below the pad."""
    canvas = page.locator(".sp-canvas").bounding_box()
    words = page.locator(".sp-live:visible, [data-testid='stHeading'] h3").first
    if not words.count():
        return ["/draw at 390 px: no answer under the pad"]
    gap = words.bounding_box()["y"] - (canvas["y"] + canvas["height"])
    return [] if -1 <= gap <= WIDTHS[390] / 3 else [f"/draw at 390 px: the answer is {gap:.0f} px below the pad"]


def test_the_overlap_check_finds_overlaps_and_allows_nesting():
    picture = {"name": "a", "x": 0, "y": 0, "w": 100, "h": 100}
    assert overlaps([picture, {**picture, "name": "b", "x": 50}]) == ["a and b overlap by 50×100 px"]
    assert overlaps([picture, {**picture, "name": "b", "x": 100}]) == []  # side by side
    assert overlaps([picture, {"name": "inner", "x": 10, "y": 10, "w": 20, "h": 20}]) == []  # nested
    assert Path(DOCS).is_dir()
