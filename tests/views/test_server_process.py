"""The web server holds no TensorFlow: after every page has been used, a model trained and saved and a
digit drawn in a real browser, the `streamlit run` process has not loaded TensorFlow; its workers have."""

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
    with running_app(tmp_path, SIGMOID_LAB_MODELS=str(models), SIGMOID_LAB_TRAINING_SLOTS="1") as server, chromium() as browser:
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
        for path, sign in (("evaluate", "Accuracy"), ("inside", "Layers"), ("models", "Saved models"), ("", "Sigmoid Lab")):
            page.goto(f"{server.url}/{path}")
            page.get_by_text(sign).first.wait_for(timeout=WAIT_MS)
        server_maps = loaded_libraries(server.process.pid)
        worker_maps = [loaded_libraries(child) for child in children(server.process.pid)]
    assert "tensorflow" not in server_maps.lower()
    assert any("tensorflow" in maps.lower() for maps in worker_maps)  # the model work happened, elsewhere
