"""A class in a real browser: what a teacher and a student do, step by step, for the browser test and the load benchmark.

Every function takes a Playwright ``Page`` of a running app (see :mod:`tests.helpers.browser`) and waits for what the
step shows, so a slow machine makes steps slower, never wrong.
"""

from __future__ import annotations

import itertools
import re
import time
from typing import Any

WAIT_MS = 120_000
REDRAW_AFTER_S = 30.0
STROKES = {  # in canvas pixels (280×280), as a student would draw them
    7: [[(80, 60), (200, 60), (120, 230)]],
    8: [
        [(140, 135), (105, 110), (110, 65), (140, 45), (170, 65), (175, 110), (140, 135)],
        [(140, 135), (100, 165), (100, 215), (140, 235), (180, 215), (180, 165), (140, 135)],
    ],
    1: [[(140, 50), (140, 230)]],
}


def open_tab(browser: Any, url: str) -> Any:
    """A new browser context (its own Streamlit session) on ``url``, once the app has drawn it."""
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.set_default_timeout(WAIT_MS)  # a busy 2-core machine: slow, not wrong
    page.goto(url)
    settle(page)
    return page


def settle(page: Any) -> None:
    """Waits for the app's current run to finish (Streamlit shows a running indicator meanwhile)."""
    page.wait_for_timeout(400)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=WAIT_MS)


def join(page: Any, name: str) -> str:
    """Joins the class as ``name`` in the sidebar; returns the personal code."""
    page.get_by_label("Your name (others in the class see it)").fill(name)
    page.get_by_role("button", name="Join the class").click()
    message = page.get_by_text("Your personal code is").first
    message.wait_for(timeout=WAIT_MS)
    settle(page)
    return re.search(r"code is (\S+?)\.", message.inner_text())[1]


def unlock_teacher(page: Any, passcode: str) -> None:
    """Unlocks teacher rights in the sidebar."""
    page.get_by_role("tab", name="Teacher").click()
    page.get_by_label("Teacher passcode").fill(passcode)
    page.get_by_role("button", name="Unlock teacher rights").click()
    page.get_by_text("Teacher · teacher · class mode").wait_for(timeout=WAIT_MS)
    settle(page)


def go(page: Any, title: str) -> None:
    """Opens another page through the sidebar (the same session, as a student clicks it)."""
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title, exact=True).click()
    page.locator("h1", has_text=title).first.wait_for(timeout=WAIT_MS)
    settle(page)


def grid_rows(page: Any, index: int = 0) -> list[list[str]]:
    """The cells of the ``index``-th table on the page, row by row (the header row first)."""
    grid = page.locator('[data-testid="stDataFrame"]').nth(index)
    grid.wait_for(timeout=WAIT_MS)
    return [
        row.locator('[role="gridcell"], [role="columnheader"]').all_inner_texts() for row in grid.locator('[role="row"]').all()
    ]


def table(page: Any, index: int = 0) -> dict[str, dict[str, str]]:
    """The ``index``-th table as ``{first cell: {column: cell}}``."""
    rows = grid_rows(page, index)
    if not rows:
        return {}
    header = [cell.strip() for cell in rows[0]]
    return {cells[0].strip(): dict(zip(header, (c.strip() for c in cells), strict=False)) for cells in rows[1:] if cells}


def wait_until(condition: Any, what: str, timeout_s: float = WAIT_MS / 1000, every_s: float = 0.5) -> Any:
    """Polls ``condition()`` until it returns something true; returns it."""
    deadline = time.monotonic() + timeout_s
    last_error = None
    while time.monotonic() < deadline:
        try:
            found = condition()
            if found:
                return found
        except Exception as error:  # a table redrawn between two reads
            last_error = error
        time.sleep(every_s)
    raise AssertionError(f"no {what} within {timeout_s:.0f} s (last error: {last_error})")


def pushed_link(teacher: Any, epochs: int) -> str:
    """The teacher's Push settings link for the default run with ``epochs`` epochs."""
    teacher.get_by_role("tab", name="Push settings").click()
    box = teacher.get_by_role("spinbutton", name="Epochs")
    box.fill(str(epochs))
    box.press("Enter")
    settle(teacher)
    return wait_until(
        lambda: "epochs=" in (text := teacher.locator('[data-testid="stCode"]').first.inner_text()) and text.strip(), "link"
    )


def start_training(page: Any) -> None:
    """Presses Start on the Train page and waits until the run is the page's (Stop in Start's place, or its results)."""
    page.get_by_role("button", name="Start training").click()
    page.locator("button").filter(has_text=re.compile(r"(Stop|Save model)$")).first.wait_for(timeout=WAIT_MS)
    settle(page)


def wait_trained(page: Any) -> None:
    """Waits for the run's results (the Save button) on the Train page."""
    page.get_by_role("button", name="Save model").wait_for(timeout=WAIT_MS * 5)
    settle(page)


def save_model(page: Any, name: str) -> None:
    """Saves the finished run as ``name``."""
    box = page.get_by_label("Save as")
    box.fill(name)
    box.press("Enter")  # the name reaches the app before the button is pressed
    settle(page)
    page.get_by_role("button", name="Save model").click()
    page.get_by_text(f"Saved as '{name}'").first.wait_for(timeout=WAIT_MS)
    settle(page)


def draw(page: Any, strokes: list[list[tuple[int, int]]]) -> None:
    """Draws each stroke with the mouse on the drawing pad."""
    pad = page.locator("canvas.sp-canvas").first  # the drawing pad's, not a chart's
    pad.wait_for()
    box = pad.bounding_box()
    for points in strokes:
        page.mouse.move(box["x"] + points[0][0], box["y"] + points[0][1])
        page.mouse.down()
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            for t in (0.2, 0.4, 0.6, 0.8, 1.0):
                page.mouse.move(box["x"] + x0 + (x1 - x0) * t, box["y"] + y0 + (y1 - y0) * t)
        page.mouse.up()


def answer(page: Any, before: str = "", timeout_s: float = WAIT_MS / 1000) -> str:
    """The model's headline (e.g. ``7 · 99.2% sure``) once it differs from ``before``."""
    heading = page.locator("h3", has_text=re.compile(r"% sure$|^Not sure: a guess")).first
    return wait_until(lambda: heading.count() and (text := heading.inner_text()) != before and text, "answer", timeout_s, 0.02)


def draw_until_answered(page: Any, strokes: list[list[tuple[int, int]]], redraws: list[str]) -> float:
    """Draws on the empty pad and waits for the answer; returns the seconds from lifting the pen to the answer.

    Lifting the pen (the last stroke's mouse-up) is when a student waits for the answer; the time
    Playwright takes to move the mouse along the strokes is the test's, not the app's.

    A drawing that brings no answer within :data:`REDRAW_AFTER_S` (the pad was not listening yet, on a machine busy
    enough) is cleared and drawn again, as a student would; each time is noted in ``redraws``.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.get_by_text("draw a digit first").first.wait_for()  # the pad is drawn and empty
    for attempt in range(3):
        draw(page, strokes)
        started = time.perf_counter()
        try:
            answer(page, timeout_s=REDRAW_AFTER_S)
            # The answer for the whole drawing, not for its first stroke (an 8 is two): as a student reads it.
            page.get_by_text(f"after stroke {len(strokes)})").first.wait_for(timeout=REDRAW_AFTER_S * 1000)
            return time.perf_counter() - started
        except (AssertionError, PlaywrightTimeout):
            redraws.append(f"no answer {REDRAW_AFTER_S:.0f} s after drawing (attempt {attempt + 1})")
            page.get_by_role("button", name="Clear").click()
            settle(page)
    raise AssertionError(f"no answer after three drawings: {redraws}")


def clear(page: Any) -> None:
    """Clears the drawing pad and waits for the page to say it is empty."""
    page.get_by_role("button", name="Clear").click()
    page.get_by_text("draw a digit first").first.wait_for(timeout=WAIT_MS)


def draw_asked_digit(page: Any, redraws: list[str]) -> tuple[int, float]:
    """Draws the digit the Draw page asks for and adds it to the class test set; returns it and the answer's latency (s)."""
    prompt = page.get_by_text(re.compile(r"Draw a \d for the class test set")).first
    prompt.wait_for(timeout=WAIT_MS)
    digit = int(re.search(r"Draw a (\d)", prompt.inner_text())[1])
    latency = draw_until_answered(page, STROKES[digit], redraws)
    page.get_by_role("button", name=f"Add this {digit} to the class test set").click()
    page.get_by_text(f"Added your {digit}").first.wait_for(timeout=WAIT_MS)
    clear(page)
    return digit, latency


def flag_wrong(page: Any, digit: int, redraws: list[str]) -> None:
    """Draws ``digit`` (which a 7-vs-8 model cannot name) and tells the page the answer is wrong."""
    draw_until_answered(page, STROKES[digit], redraws)
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Wrong — this is a …").locator("input").first.click()
    page.keyboard.type(str(digit))
    page.keyboard.press("Enter")
    settle(page)
    page.get_by_role("button", name="Add it to the class digits").click()
    page.get_by_text(f"in the class digits as a {digit}").first.wait_for(timeout=WAIT_MS)
    clear(page)


def open_challenge(teacher: Any) -> None:
    """The teacher opens the default challenge (7 vs 8, at most 3 epochs, collecting class digits)."""
    go(teacher, "Challenge")
    teacher.get_by_role("button", name="Open the challenge").click()
    teacher.get_by_text("is open.").first.wait_for(timeout=WAIT_MS)
    settle(teacher)


def enter_model(page: Any, name: str) -> None:
    """Enters the saved model ``name`` in the challenge from the Challenge page."""
    go(page, "Challenge")
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Your model").locator("input").first.click()
    page.keyboard.type(name)
    page.keyboard.press("Enter")
    settle(page)
    page.get_by_role("button", name="Enter it in the challenge").click()
    page.get_by_text(f"{name} is in the challenge").first.wait_for(timeout=WAIT_MS)
