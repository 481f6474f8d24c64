"""Full MNIST fetched with the standard library: checked, atomic, within a deadline, and a calm sentence when it fails.

These tests try the network path for real (a local HTTP server stands in for Google's), so they run
without ``SIGMOID_LAB_OFFLINE``; the default address is tried once to show the lab copes either way.
"""

from __future__ import annotations

import hashlib
import http.server
import io
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

from core.data import download, mnist
from tests.helpers.browser import ROOT, free_port


def small_mnist() -> bytes:
    rng = np.random.default_rng(0)
    buffer = io.BytesIO()
    np.savez(
        buffer,
        x_train=rng.integers(0, 255, (60, 28, 28), dtype=np.uint8),
        y_train=np.arange(60, dtype=np.uint8) % 10,
        x_test=rng.integers(0, 255, (20, 28, 28), dtype=np.uint8),
        y_test=np.arange(20, dtype=np.uint8) % 10,
    )
    return buffer.getvalue()


@pytest.fixture
def server():
    """A local web server whose behaviour a test sets: ``body`` and ``delay_s``."""
    state = {"body": small_mnist(), "delay_s": 0.0}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            time.sleep(state["delay_s"])
            self.send_response(200)
            self.send_header("Content-Length", str(len(state["body"])))
            self.end_headers()
            self.wfile.write(state["body"])

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    state["url"] = f"http://127.0.0.1:{httpd.server_address[1]}/mnist.npz"
    yield state
    httpd.shutdown()


@pytest.fixture
def online(monkeypatch, tmp_path, server):
    monkeypatch.delenv(mnist.OFFLINE_ENV, raising=False)
    monkeypatch.setattr(mnist, "_KERAS_CACHE", tmp_path / "datasets" / "mnist.npz")
    monkeypatch.setattr(download, "MNIST_URL", server["url"])
    monkeypatch.setattr(download, "MNIST_SHA256", hashlib.sha256(server["body"]).hexdigest())
    mnist.load_mnist.cache_clear()
    yield server
    mnist.load_mnist.cache_clear()


def test_a_download_lands_checked_in_the_cache_and_is_used(online, tmp_path):
    source = mnist.load_mnist("auto")
    assert source.name == "full" and len(source.x_train) == 60 and len(source.x_test) == 20
    assert source.notice == ""
    assert (tmp_path / "datasets" / "mnist.npz").read_bytes() == online["body"]
    assert [p.name for p in (tmp_path / "datasets").iterdir()] == ["mnist.npz"]  # no temporary file left


def test_a_file_that_is_not_mnist_is_refused_and_not_kept(online, tmp_path, monkeypatch):
    monkeypatch.setattr(download, "MNIST_SHA256", "0" * 64)
    source = mnist.load_mnist("auto")
    assert source.name == "sample" and source.notice == mnist.NO_INTERNET
    assert "checksum" in source.detail
    assert list((tmp_path / "datasets").iterdir()) == []


def test_a_hanging_download_gives_up_within_its_deadline(online, tmp_path):
    online["delay_s"] = 30.0
    started = time.monotonic()
    with pytest.raises(ConnectionError, match="did not finish"):
        mnist.load_full(timeout_s=1.0)
    assert time.monotonic() - started < 3


def test_no_network_gets_a_calm_sentence_without_the_error_text(online, monkeypatch):
    monkeypatch.setattr(download, "MNIST_URL", f"http://127.0.0.1:{free_port()}/mnist.npz")  # nobody listens
    source = mnist.load_mnist("auto")
    assert source.name == "sample"
    assert source.notice == "No internet here: the lab uses the 5,000 MNIST digits that come with it."
    assert "refused" in source.detail.lower() or "errno" in source.detail.lower()


def test_the_real_address_either_downloads_or_falls_back_calmly(monkeypatch, tmp_path):
    """The default address, tried for real: offline here (a sentence), online elsewhere (70,000 digits)."""
    monkeypatch.delenv(mnist.OFFLINE_ENV, raising=False)
    monkeypatch.setattr(mnist, "_KERAS_CACHE", tmp_path / "mnist.npz")
    mnist.load_mnist.cache_clear()
    source = mnist.load_mnist("auto")
    mnist.load_mnist.cache_clear()
    if source.name == "full":
        assert len(source.x_train) == 60_000 and len(source.x_test) == 10_000
    else:
        assert source.notice == mnist.NO_INTERNET
        assert "http" not in source.notice and "Name or service" not in source.notice


def test_fetching_mnist_never_imports_keras_or_tensorflow(online, tmp_path):
    """The web server calls this: it must stay free of TensorFlow (issue: the server grew 315 → 872 MB)."""
    code = (
        "import sys; from pathlib import Path; from core.data import download, mnist; "
        f"download.MNIST_URL = {online['url']!r}; download.MNIST_SHA256 = {hashlib.sha256(online['body']).hexdigest()!r}; "
        f"mnist._KERAS_CACHE = Path({str(tmp_path / 'c' / 'mnist.npz')!r}); "
        "s = mnist.load_mnist('auto'); assert s.name == 'full', s.notice; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('keras', 'tensorflow')))"
    )
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
