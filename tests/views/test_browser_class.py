"""A class in real browsers on two app replicas sharing one database and one models folder, then a restart.

Two students join on different replicas and see only the shipped models and their own; a crafted
link is clamped with a sentence naming the limit; the teacher publishes one student's model and
the other student then sees it (and still cannot delete it); after the replica restarts, a student
comes back with their name and code and finds the class as it was. Screenshots go to
``SIGMOID_LAB_SCREENSHOTS`` when it is set.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from core.storage import registry
from tests.helpers.browser import chromium, require_browser, running_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PASSCODE = "owl-teacher-7"
WAIT_MS = 60_000
SHIPPED = sorted(registry.SHIPPED_MODELS)


def shot(page, name: str) -> None:
    folder = os.environ.get("SIGMOID_LAB_SCREENSHOTS")
    if folder:
        settle(page)
        page.wait_for_timeout(1500)  # tables and charts finish drawing
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def open_tab(browser, url: str):
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(url)
    page.get_by_text("Running...").first.wait_for(state="hidden", timeout=WAIT_MS)
    return page


def settle(page) -> None:
    """Waits for the app's current run to finish (Streamlit shows a running indicator meanwhile)."""
    page.wait_for_timeout(500)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=WAIT_MS)


def join(page, name: str) -> str:
    page.get_by_label("Your name (others in the class see it)").fill(name)
    page.get_by_role("button", name="Join the class").click()
    message = page.get_by_text("Your personal code is").first
    message.wait_for(timeout=WAIT_MS)
    return re.search(r"code is (\S+?)\.", message.inner_text())[1]


def revisit_models(page) -> None:
    """Opens the Models page again through the sidebar (a reload would be a new session, which must come back)."""
    page.locator('[data-testid="stSidebarNav"] a', has_text="Home").click()
    page.get_by_text("Sigmoid Lab").first.wait_for(timeout=WAIT_MS)
    page.locator('[data-testid="stSidebarNav"] a', has_text="Models").click()
    page.get_by_text("Saved models").first.wait_for(timeout=WAIT_MS)
    settle(page)


def model_choices(page) -> list[str]:
    """The Models page's "Model" box's choices, read by opening it."""
    box = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first
    box.wait_for(timeout=WAIT_MS)
    box.click()
    options = page.get_by_role("option")
    options.first.wait_for(timeout=WAIT_MS)
    names = [text.strip() for text in options.all_inner_texts()]
    page.keyboard.press("Escape")
    return names


def choose_model(page, name: str) -> None:
    page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name=name, exact=True).click()
    settle(page)


def copy_model(folder: Path, name: str, owner: str) -> None:
    shutil.copyfile(folder / "mnist-7-vs-8.keras", folder / f"{name}.keras")
    metadata = json.loads((folder / "mnist-7-vs-8.json").read_text()) | {"name": name, "owner": owner}
    (folder / f"{name}.json").write_text(json.dumps(metadata))


def test_a_class_across_two_replicas_and_a_restart(tmp_path):
    require_browser()
    folder = tmp_path / "models"
    shutil.copytree(registry.DEFAULT_MODELS_DIR, folder, ignore=shutil.ignore_patterns(".*"))
    env = {"SIGMOID_LAB_MODELS": str(folder), "SIGMOID_LAB_TEACHER_PASSCODE": PASSCODE, "SIGMOID_LAB_DATABASE_URL": ""}
    (tmp_path / "one").mkdir(), (tmp_path / "two").mkdir(), (tmp_path / "again").mkdir()
    with running_app(tmp_path / "one", **env) as one, running_app(tmp_path / "two", **env) as two, chromium() as browser:
        ada = open_tab(browser, f"{one.url}/models")
        ada.get_by_text("Welcome to the class").wait_for(timeout=WAIT_MS)
        shot(ada, "1-newcomer")
        ada_code = join(ada, "Ada")
        shot(ada, "2-ada-joined")
        ben = open_tab(browser, f"{two.url}/models")
        join(ben, "Ben")
        copy_model(folder, "ada-model", "Ada")
        copy_model(folder, "ben-model", "Ben")
        for page, own in ((ada, "ada-model"), (ben, "ben-model")):
            revisit_models(page)
            assert sorted(model_choices(page)) == sorted([*SHIPPED, own])
        shot(ben, "3-ben-sees-his-own")

        link = open_tab(
            browser, f"{one.url}/train?epochs=100&dense=1000000"
        )  # 100 epochs: within the form, over the class quota (a bigger number is refused by the link check)
        join(link, "Cleo")
        link.get_by_text("over the limit of 50 epochs per run").first.wait_for(timeout=WAIT_MS)
        link.get_by_text("the limit is 2,000,000").first.wait_for(timeout=WAIT_MS)  # the next warning of the same run
        shot(link, "4-crafted-link-clamped")

        teacher = open_tab(browser, f"{one.url}/models")
        teacher.get_by_role("tab", name="Teacher").click()
        teacher.get_by_label("Teacher passcode").fill(PASSCODE)
        teacher.get_by_role("button", name="Unlock teacher rights").click()
        teacher.get_by_text("Teacher · teacher · class mode").wait_for(timeout=WAIT_MS)
        choose_model(teacher, "ben-model")
        teacher.get_by_role("button", name="Publish to the class").click()
        teacher.get_by_text("Published ben-model").wait_for(timeout=WAIT_MS)
        shot(teacher, "5-teacher-published")

        revisit_models(ada)
        assert "ben-model" in model_choices(ada)
        choose_model(ada, "ben-model")
        ada.get_by_text("ben-model belongs to Ben: only they or the teacher can delete it.").wait_for(timeout=WAIT_MS)
        shot(ada, "6-ada-sees-published")
        revisit_models(ben)
        assert "ada-model" not in model_choices(ben)

    with running_app(tmp_path / "again", **env) as again, chromium() as browser:  # the server restarted
        back = open_tab(browser, f"{again.url}/models")
        back.get_by_role("tab", name="Come back").click()
        back.get_by_label("Your name", exact=True).fill("Ada")
        back.get_by_label("Your code (e.g. otter-maple-42)").fill(ada_code)
        back.get_by_role("button", name="Get back in").click()
        back.get_by_text("Ada · student · class mode").wait_for(timeout=WAIT_MS)
        assert sorted(model_choices(back)) == sorted([*SHIPPED, "ada-model", "ben-model"])
        shot(back, "7-after-restart")
