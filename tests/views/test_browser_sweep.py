"""The Sweep page in a real browser, on the local engine and on a local Ray.

A 6-trial sweep over learning rate × batch size, opened from a shared link: while it runs, the
trials table lists all six and the heatmap of the two varied settings is drawn; when it ends,
the best trial is saved as a model, and on the Draw page that model answers a drawn 7.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.helpers import class_browser as cb
from tests.helpers.browser import ROOT, chromium, require_browser, running_app

pytestmark = pytest.mark.slow
PLAN = {
    "task": "7-vs-8",
    "preset": "dense",
    "conv": "",
    "dense": "128,64",
    "vary_lr": "0.001;0.003;0.01",
    "vary_batch": "32;128",
    "sweep_epochs": "3",
}
CHART = '[data-testid="stVegaLiteChart"]'
WHERE = {"local": "on this computer", "ray": "on the class's computers"}  # the page's words for each engine


def status(page) -> str:
    """The sweep's status line, e.g. ``Sweep on this computer: running`` (never the engine's name)."""
    line = page.get_by_text(re.compile(r"^Sweep on (this computer|the class's computers)")).first
    return line.inner_text() if line.count() else ""


def screenshot(page, name: str) -> None:
    """The whole page into ``$SIGMOID_LAB_SCREENSHOTS/name`` when that folder is set (Streamlit scrolls inside the page)."""
    if folder := os.environ.get("SIGMOID_LAB_SCREENSHOTS"):
        page.set_viewport_size({"width": 1400, "height": 2600})
        page.screenshot(path=str(Path(folder) / name))
        page.set_viewport_size({"width": 1400, "height": 1000})


@pytest.mark.parametrize("engine", ["local", "ray"])
def test_a_six_trial_sweep_fills_table_and_heatmap_live_and_its_best_trial_answers_on_draw(engine, tmp_path):
    require_browser()
    models = tmp_path / "models"
    shutil.copytree(ROOT / "models", models, ignore=shutil.ignore_patterns(".*", "*.db*"))
    env = {"SIGMOID_LAB_MODELS": str(models)} | ({"SIGMOID_LAB_RAY": "local"} if engine == "ray" else {})
    with running_app(tmp_path, **env) as server, chromium() as browser:
        page = cb.open_tab(browser, f"{server.url}/sweep?{urlencode(PLAN)}")
        page.get_by_text("6 trials.").first.wait_for()
        page.get_by_role("button", name="Start sweep").click()

        def live_with_heatmap():
            text = status(page)
            rows = cb.table(page) if "running" in text else {}
            return "running" in text and len(rows) == 6 and page.locator(CHART).count() == 4 and text

        seen_live = cb.wait_until(live_with_heatmap, "running sweep with 6 rows and its heatmap", 600, 0.5)
        screenshot(page, f"sweep-{engine}-live.png")
        cb.wait_until(lambda: f"{WHERE[engine]}: finished" in status(page), "finished sweep", 900, 1)
        cb.settle(page)
        trials = cb.table(page)
        assert len(trials) == 6 and all(row["state"] == "finished" for row in trials.values()), trials
        screenshot(page, f"sweep-{engine}-done.png")
        best = page.locator('[data-testid="stMetric"]').filter(has_text="Best trial").first.inner_text()
        box = page.get_by_label("Save as")
        box.fill("swept-best")
        box.press("Enter")
        cb.settle(page)
        page.get_by_role("button", name="Save as model").click()
        page.get_by_text("as 'swept-best', now the active model").first.wait_for()
        assert (models / "swept-best.keras").exists()

        cb.go(page, "Draw")
        picker = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(has_text="Active model")
        active = picker.locator("input").first.input_value() or picker.inner_text()
        assert "swept-best" in active, active  # the saved trial is the active model
        redraws: list[str] = []
        cb.draw_until_answered(page, cb.STROKES[7], redraws)
        answer = cb.answer(page)
    assert "running" in seen_live and "%" in best
    assert answer.startswith("7 · "), (answer, redraws)
