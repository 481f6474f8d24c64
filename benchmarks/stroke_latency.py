"""How long a student waits between lifting the mouse and seeing the Draw page's new answer.

Starts two Streamlit servers: the app (``app.py``, opened on /draw with the shipped 7-vs-8 model)
and the bare echo page (``benchmarks/echo_canvas.py``: the same canvas, showing only its stroke
count), opens both in headless Chromium and draws the same strokes with the mouse on each, taking
turns stroke by stroke so both see the same machine load. For every stroke it measures, inside the
browser, the time from mouse-up to the page's answer for that stroke on screen (the Draw page:
the prediction with "after stroke N" under it; the echo page: "Strokes: N"). One warm-up stroke is
drawn first and not counted. Prints median and p95 of each page and the ratio of the medians;
exits 1 when the Draw page is more than ``--target`` times the echo page.

    python benchmarks/stroke_latency.py [--strokes 20] [--target 1.3]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.helpers.browser import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402

START_TIMEOUT_S = 120
ANSWER_TIMEOUT_MS = 30_000
# Stamps the time of the last mouse-up (pointerup), and the first moment the page shows the expected answer.
WATCH = """
() => {
  window.__stroke = {up: 0, shown: 0, check: null};
  window.addEventListener('pointerup', () => { window.__stroke.up = performance.now(); }, true);
  const look = () => {
    const s = window.__stroke;
    if (s.check && !s.shown && s.check()) s.shown = performance.now();
  };
  new MutationObserver(look).observe(document.body, {subtree: true, childList: true, characterData: true});
}
"""
DRAW_SHOWS = """(n) => [...document.querySelectorAll('h3')].some(h => /% sure$|^Not sure: a guess/.test(h.innerText))
    && document.body.innerText.includes('after stroke ' + n + ')')"""
ECHO_SHOWS = """(n) => [...document.querySelectorAll('h3')].some(h => h.innerText.trim() === 'Strokes: ' + n)"""


@contextlib.contextmanager
def streamlit_server(script: str, log: Path) -> Iterator[str]:
    """``streamlit run script`` on a free port until the block ends; yields its address."""
    port = free_port()
    env = dict(os.environ, SIGMOID_LAB_OFFLINE="1", PYTHONPATH=str(ROOT))
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script,
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
    ]
    with open(log, "w") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{script} did not start:\n{log.read_text()[-2000:]}")
            with contextlib.suppress(OSError), urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    break
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def strokes(count: int, seed: int = 0) -> list[list[tuple[float, float]]]:
    """``count`` short strokes inside the 280×280 canvas, each a few points long."""
    rng = np.random.default_rng(seed)
    result = []
    for _ in range(count):
        start = rng.uniform(60, 220, 2)
        end = np.clip(start + rng.uniform(-70, 70, 2), 30, 250)
        result.append([tuple(start + (end - start) * t) for t in np.linspace(0, 1, 8)])
    return result


def stroke_ms(page, points: list[tuple[float, float]], number: int, shows: str) -> float:
    """Draws one stroke and returns the milliseconds from mouse-up until ``shows(number)`` holds."""
    page.bring_to_front()
    page.evaluate(f"(n) => {{ window.__stroke.shown = 0; window.__stroke.check = () => ({shows})(n); }}", number)
    box = page.locator("canvas").first.bounding_box()
    page.mouse.move(box["x"] + points[0][0], box["y"] + points[0][1])
    page.mouse.down()
    for x, y in points[1:]:
        page.mouse.move(box["x"] + x, box["y"] + y)
    page.mouse.up()
    try:
        page.wait_for_function("() => window.__stroke.shown > 0", timeout=ANSWER_TIMEOUT_MS)
    except Exception:
        shot = Path(tempfile.mkdtemp(prefix="stroke-latency-")) / "timeout.png"
        page.screenshot(path=str(shot), full_page=True)
        raise RuntimeError(f"stroke {number} got no answer; the page is in {shot}") from None
    return page.evaluate("() => window.__stroke.shown - window.__stroke.up")


def summary(name: str, times: list[float]) -> str:
    return f"{name:10s} median {statistics.median(times):6.0f} ms   p95 {np.percentile(times, 95):6.0f} ms   n={len(times)}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strokes", type=int, default=20)
    parser.add_argument("--target", type=float, default=1.3, help="the most the Draw page may take, in echo-page times")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    logs = Path(tempfile.mkdtemp(prefix="stroke-latency-"))
    with (
        streamlit_server("app.py", logs / "app.log") as app,
        streamlit_server("benchmarks/echo_canvas.py", logs / "echo.log") as echo,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pages = {}
        for name, url, ready in (("echo", echo, "Strokes: 0"), ("draw", f"{app}/draw", "draw a digit first")):
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url)
            page.get_by_text(ready).first.wait_for(timeout=START_TIMEOUT_S * 1000)
            page.locator("canvas").first.wait_for()
            page.wait_for_timeout(1000)  # let the first run settle
            page.evaluate(WATCH)
            pages[name] = page
        shows = {"echo": ECHO_SHOWS, "draw": DRAW_SHOWS}
        times: dict[str, list[float]] = {"echo": [], "draw": []}
        first: dict[str, float] = {}
        for number, points in enumerate(strokes(args.strokes + 1), start=1):
            for name, page in pages.items():
                elapsed = stroke_ms(page, points, number, shows[name])
                if number > 1:  # the first stroke warms up
                    times[name].append(elapsed)
                else:
                    first[name] = elapsed
                page.wait_for_timeout(600)  # a student looks before the next stroke
        browser.close()
    print(f"first stroke (not counted): echo page {first['echo']:.0f} ms, Draw page {first['draw']:.0f} ms")
    print(summary("echo page", times["echo"]))
    print(summary("Draw page", times["draw"]))
    ratio = statistics.median(times["draw"]) / statistics.median(times["echo"])
    paired = statistics.median(d / e for d, e in zip(times["draw"], times["echo"], strict=True))
    print(f"median of the per-stroke ratios {paired:.2f}× (each stroke's pair drawn under the same load; for context)")
    verdict = "met" if ratio <= args.target else "MISSED"
    print(f"ratio of medians {ratio:.2f}× (target ≤ {args.target}×): {verdict}")
    return 0 if ratio <= args.target else 1


if __name__ == "__main__":
    sys.exit(main())
