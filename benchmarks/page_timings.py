"""How long a student waits in the browser for the things issue 14 timed: Draw on a fresh session, Clear,
a model switch, and a threshold or cost change on Evaluate.

Starts ``streamlit run app.py`` (offline, no file watcher) and headless Chromium, and times each action
from the click or key press until the page shows its result (wall clock around Playwright, a few ms of
overhead included). Prints one line per action with the median of ``--repeats`` tries.

    python benchmarks/page_timings.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.stroke_latency import streamlit_server  # noqa: E402
from tests.helpers.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

WAIT_MS = 180_000
READY = "draw a digit first"


def timed(action: Callable[[], None], done: Callable[[], None]) -> float:
    """Milliseconds from starting ``action`` until ``done`` returns."""
    started = time.perf_counter()
    action()
    done()
    return (time.perf_counter() - started) * 1000


def stroke(page) -> None:
    box = page.locator(".sp-canvas").bounding_box()
    page.mouse.move(box["x"] + 140, box["y"] + 40)
    page.mouse.down()
    for y in range(60, 260, 20):
        page.mouse.move(box["x"] + 140, box["y"] + y)
    page.mouse.up()
    page.locator("h3", has_text=re.compile(r"% sure$|^Not sure: a guess")).first.wait_for(timeout=WAIT_MS)


def fresh(browser, url: str, shows: str) -> float:
    """A new tab (a new Streamlit session) opening ``url`` until it shows ``shows``."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        return timed(lambda: page.goto(url), lambda: page.get_by_text(shows).first.wait_for(timeout=WAIT_MS))
    finally:
        page.close()


def pick_model(page, name: str) -> None:
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name=name, exact=True).click()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {}
    log = Path(tempfile.mkdtemp(prefix="page-timings-")) / "app.log"
    with (
        streamlit_server("app.py", log) as url,
        streamlit_server("benchmarks/echo_canvas.py", log.with_name("echo.log")) as echo,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        times["Draw, first session of the server"] = [fresh(browser, f"{url}/draw", READY)]
        fresh(browser, echo, "Strokes: 0")  # the echo server's first session
        for _ in range(args.repeats):
            times.setdefault("Draw, fresh session", []).append(fresh(browser, f"{url}/draw", READY))
            times.setdefault("bare echo page, fresh session (floor)", []).append(fresh(browser, echo, "Strokes: 0"))
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{url}/draw")
        page.get_by_text(READY).first.wait_for(timeout=WAIT_MS)
        for _ in range(args.repeats):
            stroke(page)
            page.wait_for_timeout(1500)  # a student looks at the answer before clearing
            clear = page.get_by_role("button", name="Clear")
            times.setdefault("Clear", []).append(
                timed(clear.click, lambda: page.get_by_text(READY).first.wait_for(timeout=WAIT_MS))
            )
        for number in range(args.repeats):
            for name, invitation in (("mnist-digits", "(0–9)"), ("mnist-7-vs-8", "(7 or 8)")):
                label = f"model switch{' (first time)' if number == 0 and name == 'mnist-digits' else ''}"
                shown = page.get_by_text(f"Draw a digit {invitation} and see")
                times.setdefault(label, []).append(
                    timed(lambda n=name: pick_model(page, n), lambda s=shown: s.first.wait_for(timeout=WAIT_MS))
                )
        page.goto(f"{url}/evaluate")
        page.locator('[data-testid="stMetricLabel"]', has_text="ROC AUC").first.wait_for(timeout=WAIT_MS)
        threshold = page.get_by_role("slider", name="Threshold")
        for number in range(args.repeats):
            threshold.focus()
            sentence = page.get_by_text(f"You have the threshold at {0.49 - 0.01 * number:.2f} now")
            times.setdefault("Evaluate threshold step", []).append(
                timed(lambda: threshold.press("ArrowLeft"), lambda s=sentence: s.first.wait_for(timeout=WAIT_MS))
            )
        cost = page.get_by_role("slider", name="A missed 8 costs")
        for key, words in (("End", "100 times"), ("Home", "0.05 times")) * ((args.repeats + 1) // 2):
            cost.focus()
            sentence = page.get_by_text(f"A missed 8 costs {words} a false 8")
            times.setdefault("Evaluate cost change", []).append(
                timed(lambda k=key: cost.press(k), lambda s=sentence: s.first.wait_for(timeout=WAIT_MS))
            )
        browser.close()
    for name, values in times.items():
        print(f"{name:36s} median {statistics.median(values):7.0f} ms   max {max(values):7.0f} ms   n={len(values)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
