"""The teacher's console and the class challenge in real browsers on one `streamlit run app.py` in class mode.

The teacher pushes a settings link; two students open it (the Train page shows its settings), join and train while
the teacher's table, never reloaded, follows their runs from queued to finished; the teacher pauses the queue (a
student's run waits, saying so, in the student's page and in the teacher's table) and resumes it; the teacher opens a
challenge; each student draws the digits the Draw page asks for, flags a wrong answer and enters their model; the
leaderboard shows both accuracies of both models. Screenshots go to ``SIGMOID_LAB_SCREENSHOTS`` when it is set.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from core.classroom import class_digits
from core.classroom.db import open_database
from core.storage import registry
from tests.helpers import class_browser as cb
from tests.helpers.browser import chromium, require_browser, running_app
from views.classroom import address

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PASSCODE = "owl-teacher-7"
STUDENTS = ("Ana", "Bo")


def shot(page, name: str) -> None:
    folder = os.environ.get("SIGMOID_LAB_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def follow_table(teacher, until, timeout_s: float = 300) -> list[dict[str, str]]:
    """Reads the teacher's class table once a second (the page refreshes it itself) until ``until(table)``."""
    seen, deadline = [], time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            rows = {name: row["Current run"] for name, row in cb.table(teacher).items()}
        except Exception:  # redrawn between two reads
            rows = {}
        if rows and (not seen or rows != seen[-1]):
            seen.append(rows)
        if rows and until(rows):
            return seen
        time.sleep(1)
    raise AssertionError(f"the teacher's table never got there; it showed: {seen}")


def test_the_teacher_follows_two_students_live_pauses_the_queue_and_the_challenge_measures_both_models(tmp_path):
    require_browser()
    folder = tmp_path / "models"
    shutil.copytree(registry.DEFAULT_MODELS_DIR, folder, ignore=shutil.ignore_patterns(".*"))
    env = {"SIGMOID_LAB_MODELS": str(folder), "SIGMOID_LAB_TEACHER_PASSCODE": PASSCODE}
    with running_app(tmp_path, **env) as server, chromium() as browser:
        teacher = cb.open_tab(browser, f"{server.url}/class")
        cb.unlock_teacher(teacher, PASSCODE)
        link = cb.pushed_link(teacher, epochs=1)
        port = urlsplit(server.url).port
        ip = address.network_ip()  # the teacher opened 127.0.0.1: the link carries the server's network address instead
        if ip:
            assert link == f"http://{ip}:{port}/train?epochs=1"
        else:  # no network here: the teacher is told, and the local link still works on this machine
            assert link == f"{server.url}/train?epochs=1"
            assert teacher.get_by_text("students' devices cannot open it").first.is_visible()
        shot(teacher, "class-push-settings")

        students = {}
        for name in STUDENTS:
            page = cb.open_tab(browser, link)
            cb.join(page, name)
            assert page.get_by_role("spinbutton", name="Epochs").input_value() == "1"  # the link's settings
            students[name] = page
        follow_table(teacher, lambda rows: set(rows) == set(STUDENTS))
        for page in students.values():
            cb.start_training(page)
        seen = follow_table(teacher, lambda rows: all(state == "finished" for state in rows.values()))
        assert any(rows.get("Ana") in ("waiting", "training") for rows in seen), seen  # seen while it ran, live
        assert all(rows[name] == "finished" for rows in seen[-1:] for name in STUDENTS)
        for name, page in students.items():
            cb.wait_trained(page)
            cb.save_model(page, f"{name.lower()}-net")
        assert cb.wait_until(lambda: cb.table(teacher)["Ana"]["Saved models"] == "ana-net", "Ana's saved model")
        shot(teacher, "class-table")

        teacher.get_by_role("button", name="Pause the queue").click()
        cb.settle(teacher)
        cb.start_training(students["Bo"])
        students["Bo"].get_by_text("Paused by the teacher").first.wait_for()
        follow_table(teacher, lambda rows: rows["Bo"] == "paused by the teacher")
        time.sleep(3)  # more than the pause's cache: still held back
        assert students["Bo"].get_by_text("Paused by the teacher").first.is_visible()
        teacher.get_by_role("button", name="Resume the queue").click()
        cb.wait_trained(students["Bo"])

        cb.open_challenge(teacher)
        redraws: list[str] = []
        for name, page in students.items():
            cb.go(page, "Draw")
            asked = [cb.draw_asked_digit(page, redraws)[0] for _ in range(2)]
            assert sorted(asked) == [7, 8]  # the class's fewest first: one of each
            cb.flag_wrong(page, 1, redraws)
            cb.enter_model(page, f"{name.lower()}-net")
        shot(students["Ana"], "challenge-student")

        def both_measured():
            board = cb.table(teacher)
            done = all("% of" in row["Real MNIST test set"] and "% of 4" in row["Class-drawn digits"] for row in board.values())
            return len(board) == 2 and done and board

        assert len(redraws) <= 1, redraws  # a busy machine may lose a first stroke once, not as a habit
        board = cb.wait_until(both_measured, "both models measured on both sets", timeout_s=180)
        assert {row["Model"] for row in board.values()} == {"ana-net", "bo-net"}
        assert all(row["Real MNIST test set"].endswith("of 2,002") for row in board.values())
        sentence = teacher.locator('[data-testid="stAlert"]').filter(has_text="MNIST's test digits").first
        assert "on the class's drawings" in sentence.inner_text()  # what the gap between the two means
        shot(teacher, "challenge-leaderboard")

    digits = class_digits.listing(open_database(models_folder=folder))
    assert sorted((d.label, d.flagged) for d in digits) == [(1, True)] * 2 + [(7, False)] * 2 + [(8, False)] * 2
    assert {d.author for d in digits} == set(STUDENTS)
