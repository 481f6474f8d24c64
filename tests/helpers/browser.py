"""A real `streamlit run app.py` server and Debian's Chromium, for the tests that need a browser.

Playwright drives /usr/bin/chromium (it never downloads a browser). Outside CI a missing browser
skips the test with a note; in CI (``CI=1``, set by .ci/run) it fails: there it is a broken set-up.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
START_TIMEOUT_S = 90


@dataclass
class Server:
    """A running app: its address, its process and its log file."""

    url: str
    process: subprocess.Popen
    log: Path


def require_browser() -> None:
    """Skips (or, in CI, fails) the test when Chromium or Playwright is missing."""
    missing = pytest.fail if os.environ.get("CI") else pytest.skip
    if not Path(CHROMIUM).exists():
        missing(f"{CHROMIUM} is missing: install it with `apt-get install -y chromium`")
    if importlib.util.find_spec("playwright") is None:
        missing("playwright is missing: install it with `pip install playwright`")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_app(log_folder: Path, **env: str) -> Iterator[Server]:
    """Starts `streamlit run app.py` on a free port with extra environment ``env``; stops it afterwards."""
    port = free_port()
    log = log_folder / "streamlit.log"
    # Offline unless the test says otherwise (SIGMOID_LAB_OFFLINE="" lets the server try the network).
    environment = {**os.environ, "SIGMOID_LAB_OFFLINE": "1", "PYTHONPATH": str(ROOT), **env}
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless", "true"]
    with open(log, "w") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        _wait_until_healthy(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_until_healthy(server: Server) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"streamlit exited with {server.process.returncode}:\n{server.log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"streamlit did not answer within {START_TIMEOUT_S} s:\n{server.log.read_text()[-2000:]}")


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """A headless Chromium browser (a Playwright ``Browser``)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
