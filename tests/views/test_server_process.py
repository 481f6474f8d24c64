"""The web server holds no TensorFlow, in the default start-up (no offline switch: the data-source check tries the
network): after every page has been used, a model trained and saved and a digit drawn in a real browser, the
`streamlit run` process has neither imported `tensorflow` nor `keras` (an import hook records every such import
with its process) nor mapped TensorFlow's libraries; its workers have."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.helpers.browser import ROOT, chromium, require_browser, running_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WAIT_MS = 120_000


def loaded_libraries(pid: int) -> str:
    return Path(f"/proc/{pid}/maps").read_text()


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(child) for child in text]
    return found


# Put first on the server's PYTHONPATH: records every import of tensorflow or keras, with the importing process.
IMPORT_HOOK = """
import os, sys, traceback
class _Watch:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("tensorflow", "keras") and "." not in name:
            with open(os.environ["SIGMOID_LAB_IMPORT_LOG"], "a") as log:
                log.write(f"{os.getpid()} {name}\\n" + "".join(traceback.format_stack(limit=12)) + "\\n")
        return None
sys.meta_path.insert(0, _Watch())
"""


def imports_by(pid: int, log: Path) -> list[str]:
    """The tensorflow/keras imports process ``pid`` made, each with the stack that made it."""
    entries = log.read_text().split("\n\n") if log.exists() else []
    return [entry for entry in entries if entry.startswith(f"{pid} ")]


def draw_a_seven(page) -> None:
    box = page.locator("canvas").first.bounding_box()
    page.mouse.move(box["x"] + 80, box["y"] + 60)
    page.mouse.down()
    for x, y in [(140, 60), (200, 60), (170, 130), (140, 190), (120, 235)]:
        page.mouse.move(box["x"] + x, box["y"] + y, steps=5)
    page.mouse.up()


def test_every_page_a_run_a_save_and_a_drawing_leave_the_server_without_tensorflow(tmp_path):
    require_browser()
    models = tmp_path / "models"
    shutil.copytree(ROOT / "models", models)
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(IMPORT_HOOK)
    log = tmp_path / "imports.log"
    env = {
        "SIGMOID_LAB_MODELS": str(models),
        "SIGMOID_LAB_TRAINING_SLOTS": "1",
        "SIGMOID_LAB_OFFLINE": "",  # the default start-up: the data-source check tries the network
        "SIGMOID_LAB_IMPORT_LOG": str(log),
        "PYTHONPATH": f"{hook}:{ROOT}",
    }
    with running_app(tmp_path, **env) as server, chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{server.url}/train?epochs=1")
        page.get_by_role("button", name="Start training").click(timeout=WAIT_MS)
        page.get_by_text("Finished").first.wait_for(timeout=WAIT_MS)
        page.get_by_label("Save as").fill("my-first-run", timeout=WAIT_MS)
        page.get_by_role("button", name="Save model").click(timeout=WAIT_MS)
        page.get_by_text("Saved as").first.wait_for(timeout=WAIT_MS)
        assert (models / "my-first-run.keras").is_file()
        page.goto(f"{server.url}/draw")
        page.locator("canvas").first.wait_for(timeout=WAIT_MS)
        page.wait_for_timeout(3000)  # the canvas component sets itself up after it appears
        draw_a_seven(page)
        page.locator("h3", has_text=re.compile(r"% sure$|^Not sure: a guess")).first.wait_for(timeout=WAIT_MS)
        for path in ("", "train", "evaluate", "inside", "sweep", "models", "challenge", "class", "glossary"):
            page.goto(f"{server.url}/{path}")
            page.locator('[data-testid="stMain"]').first.wait_for(timeout=WAIT_MS)
            page.wait_for_timeout(1500)
            page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=WAIT_MS)
        server_maps = loaded_libraries(server.process.pid)
        worker_maps = [loaded_libraries(child) for child in children(server.process.pid)]
    assert imports_by(server.process.pid, log) == []
    assert "tensorflow" not in server_maps.lower()
    assert any("tensorflow" in maps.lower() for maps in worker_maps)  # the model work happened, elsewhere
