"""Class mode under AppTest: a scratch class, sessions that join, come back or unlock the teacher, and what they see."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.storage import registry
from tests.helpers.apptest import open_page
from views.keys import Keys

PASSCODE = "owl-teacher-7"


def class_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, passcode: str | None = PASSCODE) -> Path:
    """A models folder with the shipped models; the class database is the SQLite file beside it.

    Args:
        tmp_path: The test's scratch folder.
        monkeypatch: Sets ``SIGMOID_LAB_MODELS`` and (unless ``passcode`` is None) the teacher passcode.
        passcode: The teacher passcode, or None for personal mode.

    """
    folder = tmp_path / "models"
    shutil.copytree(registry.DEFAULT_MODELS_DIR, folder, ignore=shutil.ignore_patterns(".*"))
    monkeypatch.setenv(registry.MODELS_ENV, str(folder))
    monkeypatch.delenv("SIGMOID_LAB_DATABASE_URL", raising=False)
    if passcode:
        monkeypatch.setenv("SIGMOID_LAB_TEACHER_PASSCODE", passcode)
    else:
        monkeypatch.delenv("SIGMOID_LAB_TEACHER_PASSCODE", raising=False)
    return folder


def copy_model(folder: Path, name: str, owner: str, source: str = "mnist-7-vs-8") -> None:
    """Saves a copy of a shipped model as ``name`` whose JSON names ``owner`` (as a save by them writes it)."""
    shutil.copyfile(folder / f"{source}.keras", folder / f"{name}.keras")
    metadata = json.loads((folder / f"{source}.json").read_text()) | {"name": name, "owner": owner}
    (folder / f"{name}.json").write_text(json.dumps(metadata))


def ok(at: AppTest) -> AppTest:
    """The session after a run, failing on any exception or error."""
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def submit(at: AppTest, label: str) -> AppTest:
    """Clicks the (form) button labelled ``label`` and runs the session."""
    next(b for b in at.button if b.label == label).click()
    return at.run()


def join(at: AppTest, name: str) -> str:
    """Joins the class as ``name``; returns the personal code the sidebar shows once."""
    at.text_input(key=Keys.JOIN_NAME).input(name)
    ok(submit(at, "Join the class"))
    code = at.session_state[Keys.NEW_CODE]
    assert any(code in s.value and "Write it down" in s.value for s in at.sidebar.success)
    return code


def come_back(at: AppTest, name: str, code: str) -> AppTest:
    """Gets back in with a name and code."""
    at.text_input(key=Keys.BACK_NAME).input(name)
    at.text_input(key=Keys.BACK_CODE).input(code)
    return submit(at, "Get back in")


def unlock_teacher(at: AppTest, passcode: str = PASSCODE) -> AppTest:
    """Unlocks teacher rights with the passcode."""
    at.text_input(key=Keys.TEACHER_PASSCODE).input(passcode)
    return submit(at, "Unlock teacher rights")


def student(name: str, page: str = "models", query: dict[str, str] | None = None) -> tuple[AppTest, str]:
    """A new browser session on ``page`` that joins as ``name``; returns it and the personal code."""
    at = open_page(page, query=query, timeout=120)
    assert any("Welcome to the class" in t.value for t in at.title), "a newcomer should see the welcome first"
    return at, join(at, name)


def who(at: AppTest) -> str:
    """What the sidebar's identity panel says, e.g. ``Ada · student · class mode``."""
    return next(m.value for m in at.sidebar.markdown if m.value.startswith(":material/person:")).split("**")[1]


def table_names(at: AppTest) -> list[str]:
    """The names in the Models page's table."""
    return list(next(d.value for d in at.dataframe if "name" in d.value.columns)["name"])


def picker_names(at: AppTest) -> list[str]:
    """The sidebar model picker's choices."""
    return list(at.sidebar.selectbox(key=Keys.ACTIVE_MODEL).options)
