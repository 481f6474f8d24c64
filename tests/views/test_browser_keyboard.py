"""Keyboard only, in a real browser: train the default run, save it, give a digit on the pad, hear the answer.

No mouse anywhere: Tab moves the focus, Enter presses a button or follows a link, the arrow keys move the
drawing pad's cursor and Space puts its pen down and lifts it. What a screen reader would announce is read
from the ``role="status"`` live regions: the Train page's progress ("Epoch 8 of 8, validation accuracy 99%")
and the pad's own answer ("Looks like a 7, 97% sure"), which the server's answer then repeats.
"""

from __future__ import annotations

import re

import pytest

from tests.helpers.browser import chromium, require_browser, running_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WAIT_MS = 300_000  # the default run (8 epochs) on a busy 2-core machine
TABS = 120  # the most Tab presses to reach a control (the sidebar comes first)
# The focused element, inside a shadow root if the focus is there: its tag, classes and name.
FOCUSED = """() => {
  let e = document.activeElement;
  while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
  return e ? { tag: e.tagName, cls: String(e.className || ''), name: e.getAttribute('aria-label') || e.innerText || '' } : null;
}"""
PAD_READY = "() => [...(globalThis.sigmoidLabPadLive?.models.values() ?? [])].some((entry) => entry.model)"
# A 7 on the pad's 14×14 grid from its first cell: a bar to the right, then down and to the left.
SEVEN = ["ArrowRight"] * 7 + ["ArrowDown", "ArrowLeft", "ArrowDown"] * 4 + ["ArrowDown"] * 2
TO_START = ["ArrowLeft"] * 4 + ["ArrowUp"] * 5  # from the middle (7, 7) to (3, 2)


def tab_to(page, wanted, backwards: bool = False) -> dict:
    """Presses Tab (or Shift+Tab) until ``wanted(focused)`` is true; returns the focused element."""
    for _ in range(TABS):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focused = page.evaluate(FOCUSED)
        if focused and wanted(focused):
            return focused
    raise AssertionError(f"no such control within {TABS} Tab presses (last: {focused})")


def wait_for_status(page, pattern: str, pad: bool = True) -> str:
    """The first polite live region's text matching ``pattern`` (the pad's own one too, unless not ``pad``), waiting."""
    found = page.wait_for_function(
        """([pattern, pad]) => [...document.querySelectorAll('[role=status]')]
            .filter((e) => pad || !e.closest('.sp-answer'))
            .map((e) => e.textContent.trim())
            .find((text) => new RegExp(pattern).test(text))""",
        arg=[pattern, pad],
        timeout=WAIT_MS,
    )
    return found.json_value()


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    require_browser()
    folder = tmp_path_factory.mktemp("keyboard")
    env = {"STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none", "SIGMOID_LAB_MODELS": str(folder / "models")}
    with running_app(folder, **env) as server, chromium() as browser:
        tab = browser.new_page(viewport={"width": 1400, "height": 1000})
        tab.set_default_timeout(WAIT_MS)
        tab.goto(f"{server.url}/train")
        tab.get_by_role("button", name="Start training").wait_for()
        tab.wait_for_timeout(1000)  # the form's widgets finish laying out
        yield tab


def test_train_save_and_draw_with_the_keyboard_only(page):
    tab_to(page, lambda f: f["tag"] == "BUTTON" and "Start training" in f["name"])
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Save model").wait_for()  # the run finished: its results and the save form
    progress = wait_for_status(page, r"^Epoch \d+ of 8, validation accuracy [\d.]+%")
    assert progress.startswith("Epoch 8 of 8"), progress

    tab_to(page, lambda f: f["tag"] == "BUTTON" and "Save model" in f["name"])
    page.keyboard.press("Enter")
    page.get_by_text("picked as the active model").first.wait_for()

    tab_to(page, lambda f: f["tag"] == "A" and f["name"].strip().endswith("Draw"), backwards=True)  # the sidebar's link
    page.keyboard.press("Enter")
    page.locator("h1", has_text="Draw").first.wait_for()
    page.wait_for_function(PAD_READY, timeout=WAIT_MS)  # the saved model's weights are in the pad
    pad = tab_to(page, lambda f: f["tag"] == "CANVAS")
    assert "arrow keys" in pad["name"] and "Space" in pad["name"], pad  # the pad says how to draw with the keyboard
    assert page.locator(".sp-cursor").is_visible()  # the keyboard's cursor shows on the focused pad

    for key in TO_START:
        page.keyboard.press(key)
    page.keyboard.press("Space")  # the pen down
    for key in SEVEN:
        page.keyboard.press(key)
    page.keyboard.press("Space")  # lifted: the stroke counts and goes to the server like a drawn one

    pad_answer = page.locator(".sp-answer[role=status]")
    assert pad_answer.get_attribute("aria-live") == "polite"
    said = pad_answer.locator(".sp-said").text_content()
    assert re.fullmatch(r"Looks like a 7, [<>]?[\d.]+% sure", said), said
    assert page.locator(".sp-live svg[role=img]").get_attribute("aria-label").startswith("Gauge of the model's output")
    server = wait_for_status(page, r"^Looks like a 7, ", pad=False)  # the server's answer for the same drawing, announced too
    assert server == said or server.split(",")[0] == said.split(",")[0], (server, said)
    assert page.get_by_role("button", name="Undo").is_enabled()  # one stroke on the pad, as after a drawing
