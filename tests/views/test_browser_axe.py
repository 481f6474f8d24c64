"""WCAG 2.1 AA with axe-core in real Chromium: every page, personal and class mode, after a run trained and a digit was drawn."""

from __future__ import annotations

import shutil

import pytest

from core.storage import registry
from tests.helpers import class_browser as cb
from tests.helpers.axe import describe, scan
from tests.helpers.browser import chromium, require_browser, running_app
from tests.helpers.class_app import PASSCODE

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PAGES = ["", "train", "draw", "evaluate", "inside", "sweep", "models", "challenge", "class", "glossary"]
TITLES = dict(
    zip(PAGES, ["Home", "Train", "Draw", "Evaluate", "Inside", "Sweep", "Models", "Challenge", "Class", "Words"], strict=True)
)


def visit(page, url: str, path: str, by_link: bool) -> None:
    """Opens a page: by its address, or (class mode, where a reload is a new session) by the sidebar's link."""
    if by_link:
        page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=TITLES[path], exact=True).click()
    else:
        page.goto(f"{url}/{path}")
    cb.settle(page)


def check_every_page(page, url: str, where: str, by_link: bool = False) -> list[str]:
    failures = []
    for path in PAGES:
        visit(page, url, path, by_link)
        page.wait_for_timeout(1500)  # charts and components finish drawing
        violations = scan(page)
        if violations:
            failures.append(describe(violations, f"{where} /{path}"))
    return failures


def train_and_draw(page, url: str, by_link: bool = False) -> None:
    """A run trained on the Train page (a quick one, or in class mode the default run), then a 7 drawn on the Draw page."""
    if by_link:
        visit(page, url, "train", by_link)
    else:
        page.goto(f"{url}/train?task=shapes&preset=tiny-cnn&epochs=1")
        cb.settle(page)
    cb.start_training(page)
    cb.wait_trained(page)
    visit(page, url, "draw", by_link)
    page.locator(".sp-canvas").wait_for()
    page.wait_for_timeout(2000)
    cb.draw(page, cb.STROKES[7])
    cb.answer(page)


@pytest.fixture
def models(tmp_path):
    folder = tmp_path / "models"
    shutil.copytree(registry.DEFAULT_MODELS_DIR, folder, ignore=shutil.ignore_patterns(".*"))
    return folder


def test_personal_mode_has_no_wcag_violations(tmp_path, models):
    require_browser()
    with running_app(tmp_path, SIGMOID_LAB_MODELS=str(models)) as server, chromium() as browser:
        page = cb.open_tab(browser, server.url)
        failures = check_every_page(page, server.url, "personal, fresh")
        train_and_draw(page, server.url)
        failures += check_every_page(page, server.url, "personal, after training and drawing")
    assert not failures, "\n\n".join(failures)


def test_class_mode_has_no_wcag_violations_for_a_student_or_the_teacher(tmp_path, models):
    require_browser()
    env = {"SIGMOID_LAB_MODELS": str(models), "SIGMOID_LAB_TEACHER_PASSCODE": PASSCODE}
    with running_app(tmp_path, **env) as server, chromium() as browser:
        newcomer = cb.open_tab(browser, server.url)
        failures = check_every_page(newcomer, server.url, "class, before joining")[:1]  # every page shows the welcome
        student = cb.open_tab(browser, server.url)
        cb.join(student, "Ana")
        train_and_draw(student, server.url, by_link=True)
        failures += check_every_page(student, server.url, "class, student", by_link=True)
        teacher = cb.open_tab(browser, f"{server.url}/class")
        cb.unlock_teacher(teacher, PASSCODE)
        failures += check_every_page(teacher, server.url, "class, teacher", by_link=True)
    assert not failures, "\n\n".join(failures)
