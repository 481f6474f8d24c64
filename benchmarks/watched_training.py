"""Does watching a run slow it down? The default run watched by a page vs trained with nobody looking.

Before issue 15 a run watched on the Train page took 183–225 s against ≤ 16.5 s unwatched: every
rerun of the live panel cleared Keras' global state and collected garbage in the process that
trained. Now training runs in a worker; the page only reads snapshots.

Part 1 (simulated page): the default run through the engine while a poller reads its snapshot
once a second, alternating with runs nobody polls (medians of three each).
Part 2 (real browser, skipped with ``--no-browser``): a ``streamlit run app.py`` server, Chromium
on /train, Start clicked, the time until the page says "Finished", against the same run through
an engine in this process with nobody watching.

Target: watched / unwatched ≤ 1.15 in both parts. Exits 1 when missed.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SIGMOID_LAB_OFFLINE", "1")
TARGET = 1.15
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


def run_seconds(engine, watched: bool) -> float:
    from core.training import settings

    started = time.perf_counter()
    job = engine.start_training(settings.to_config(dict(settings.DEFAULTS)))
    stop = threading.Event()

    def poll() -> None:
        while not stop.wait(1.0):
            job.snapshot()

    poller = threading.Thread(target=poll, daemon=True)
    if watched:
        poller.start()
    assert job.wait().state == "finished", job.snapshot().error
    stop.set()
    return time.perf_counter() - started


def simulated() -> tuple[float, float]:
    from core.engine.local import LocalEngine

    engine = LocalEngine()
    run_seconds(engine, False)  # warm
    watched, alone = [], []
    for _ in range(3):
        alone.append(run_seconds(engine, False))
        watched.append(run_seconds(engine, True))
    engine.shutdown()
    return statistics.median(watched), statistics.median(alone)


def unwatched_seconds() -> float:
    from core.engine.local import LocalEngine

    engine = LocalEngine()
    run_seconds(engine, False)  # warm
    alone = statistics.median(run_seconds(engine, False) for _ in range(2))
    engine.shutdown()
    return alone


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def browser_watched_seconds(runs: int = 2) -> float:
    from playwright.sync_api import sync_playwright

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless", "true"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            times = []
            for run in range(runs + 1):  # the first run warms the server's workers
                page.goto(f"http://127.0.0.1:{port}/train", timeout=120_000)
                start = page.get_by_role("button", name="Start training")
                start.wait_for(timeout=120_000)
                started = time.perf_counter()
                start.click()
                page.get_by_text("Finished").first.wait_for(timeout=600_000)
                if run:
                    times.append(time.perf_counter() - started)
            browser.close()
        return statistics.median(times)
    finally:
        server.terminate()
        server.wait(30)


def main(browser: bool) -> int:
    watched, alone = simulated()
    ratio = watched / alone
    print(f"simulated page: watched {watched:.1f} s, unwatched {alone:.1f} s → {ratio:.2f}× (target ≤ {TARGET}×)")
    failed = ratio > TARGET
    if browser:
        seen = browser_watched_seconds()  # the server has the machine to itself meanwhile
        alone = unwatched_seconds()
        ratio = seen / alone
        print(f"real browser on /train: {seen:.1f} s to 'Finished' vs {alone:.1f} s unwatched → {ratio:.2f}× (target ≤ {TARGET}×)")
        failed |= ratio > TARGET
    if failed:
        print("MISSED the target")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(browser="--no-browser" not in sys.argv))
